package dev.azbuild.ci.local;

import dev.azbuild.io.AzbuildException;

/**
 * A workflow that cannot be run as given, or a bad setting: one line with what, where and the fix.
 */
public class WorkflowException extends AzbuildException {
  public WorkflowException(String message) {
    super(message);
  }

  public WorkflowException(String message, Throwable cause) {
    super(message, cause);
  }
}
