package dev.azbuild.graph;

import dev.azbuild.io.AzbuildException;

/**
 * The module graph is inconsistent in a way the user must fix; one line with what, where and how.
 */
public class GraphException extends AzbuildException {
  public GraphException(String message) {
    super(message);
  }
}
