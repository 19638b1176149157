package dev.azbuild.deploy;

/** Deploy stopped; the message is one line: what, where, what to do. */
public class DeployException extends Exception {

  public DeployException(String message) {
    super(message);
  }

  public DeployException(String message, Throwable cause) {
    super(message, cause);
  }
}
