package dev.azbuild.render;

/** Writes the graph in one format. */
public interface GraphRenderer {
  String render(GraphModel model);
}
