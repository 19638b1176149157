package dev.azbuild.deploy;

import dev.azbuild.io.AzbuildException;

/** Deploy stopped; the message is one line: what, where, what to do. */
public class DeployException extends AzbuildException {

  public DeployException(String message) {
    super(message);
  }

  public DeployException(String message, Throwable cause) {
    super(message, cause);
  }
}
