package dev.azbuild.render;

/** The graph's output directory cannot be written; the message is one line naming it and the fix. */
public class GraphOutputException extends Exception {

  public GraphOutputException(String message) {
    super(message);
  }

  public GraphOutputException(String message, Throwable cause) {
    super(message, cause);
  }
}
