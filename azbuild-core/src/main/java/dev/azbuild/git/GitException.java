package dev.azbuild.git;

import dev.azbuild.io.AzbuildException;

/** A git problem the user can fix; the message is one line saying what, where and how. */
public class GitException extends AzbuildException {
  public GitException(String message) {
    super(message);
  }

  public GitException(String message, Throwable cause) {
    super(message, cause);
  }
}
