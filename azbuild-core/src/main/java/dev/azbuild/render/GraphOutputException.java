package dev.azbuild.render;

import dev.azbuild.io.AzbuildException;

/**
 * The graph's output directory cannot be written; the message is one line naming it and the fix.
 */
public class GraphOutputException extends AzbuildException {

  public GraphOutputException(String message) {
    super(message);
  }

  public GraphOutputException(String message, Throwable cause) {
    super(message, cause);
  }
}
