package dev.azbuild.git;

/** A git problem the user can fix; the message is one line saying what, where and how. */
public class GitException extends Exception {
  public GitException(String message) {
    super(message);
  }

  public GitException(String message, Throwable cause) {
    super(message, cause);
  }
}
