package dev.azbuild.docker;

import dev.azbuild.io.AzbuildException;

/**
 * A docker operation failed; the message is one line saying what failed, where, and what to do.
 * Subclasses tell apart the causes a caller reacts to differently.
 */
public class DockerOperationException extends AzbuildException {
  public DockerOperationException(String message) {
    super(message);
  }

  public DockerOperationException(String message, Throwable cause) {
    super(message, cause);
  }
}
