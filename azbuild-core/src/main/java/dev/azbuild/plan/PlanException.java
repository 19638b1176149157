package dev.azbuild.plan;

/** Planning failed on an input the user can fix; the message is one line. */
public class PlanException extends Exception {
  public PlanException(String message, Throwable cause) {
    super(message, cause);
  }
}
