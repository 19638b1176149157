package dev.azbuild.io;

/**
 * What azbuild-core throws when it cannot do what was asked: every message is one line that says
 * what is wrong, where, and how to fix it, so the build tool prints it as it is. Subclasses say
 * which part of azbuild failed.
 */
public class AzbuildException extends Exception {

  public AzbuildException(String message) {
    super(message);
  }

  public AzbuildException(String message, Throwable cause) {
    super(message, cause);
  }
}
