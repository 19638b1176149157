package dev.azbuild.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.azbuild.io.Json;

/** {@code graph.json}: the plan's context, then nodes and edges (upstream to downstream). */
final class JsonRenderer implements GraphRenderer {

  @Override
  public String render(GraphModel model) {
    return write(tree(model, null)) + "\n";
  }

  /** The document; with a layout, each node also gets its box (the HTML page draws from it). */
  static ObjectNode tree(GraphModel model, Layout layout) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("mode", model.mode());
    root.put("base", model.base());
    root.put("head", model.head());
    root.put("summary", model.summary());
    var nodes = root.putArray("nodes");
    for (GraphNode n : model.nodes()) {
      ObjectNode node = nodes.addObject();
      node.put("id", n.id());
      node.put("dir", n.dir());
      node.put("image", n.image());
      node.put("label", n.label());
      node.put("decision", n.decision());
      node.put("status", n.status().id());
      n.reasons().forEach(node.putArray("reasons")::add);
      node.put("layer", n.layer());
      if (layout != null) {
        Layout.Box box = layout.box(n.id());
        node.put("x", box.x())
            .put("y", box.y())
            .put("width", box.width())
            .put("height", box.height());
      }
    }
    var edges = root.putArray("edges");
    model
        .edges()
        .forEach(e -> edges.addObject().put("from", e.upstream()).put("to", e.downstream()));
    if (layout != null) {
      root.put("width", layout.width()).put("height", layout.height());
    }
    return root;
  }

  static String write(ObjectNode tree) {
    try {
      return Json.PRETTY.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings and numbers is always serializable", e);
    }
  }
}
