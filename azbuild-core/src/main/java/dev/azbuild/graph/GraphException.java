package dev.azbuild.graph;

/** The module graph is inconsistent in a way the user must fix; one line with what, where and how. */
public class GraphException extends Exception {
  public GraphException(String message) {
    super(message);
  }
}
