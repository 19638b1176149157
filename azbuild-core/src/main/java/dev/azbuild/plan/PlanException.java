package dev.azbuild.plan;

import dev.azbuild.io.AzbuildException;

/** Planning failed on an input the user can fix; the message is one line. */
public class PlanException extends AzbuildException {
  public PlanException(String message, Throwable cause) {
    super(message, cause);
  }
}
