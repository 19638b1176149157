package dev.azbuild.render;

/**
 * A Graphviz digraph, left to right. Every id and attribute value is a double-quoted string with
 * quotes, backslashes, ampersands (Graphviz reads entities such as <code>&amp;amp;</code> in
 * strings) and line breaks escaped, so no module name or reason can end it early or turn into a
 * Graphviz escape.
 */
final class DotRenderer implements GraphRenderer {

  @Override
  public String render(GraphModel model) {
    StringBuilder out = new StringBuilder();
    out.append("// ").append(model.headline()).append('\n');
    out.append("digraph azbuild {\n");
    out.append("  rankdir=LR;\n");
    out.append("  node [shape=box, style=\"rounded,filled\", fontname=\"monospace\"];\n");
    for (GraphNode node : model.nodes()) {
      Colors c = Colors.of(node.status());
      out.append("  ")
          .append(quote(node.id()))
          .append(" [")
          .append("label=")
          .append(quote(node.label() + "\n" + node.status().id()))
          .append(", tooltip=")
          .append(quoteTooltip(String.join("\n", node.reasons())))
          .append(", class=")
          .append(quote(node.status().id()))
          .append(", fillcolor=")
          .append(quote(c.fill()))
          .append(", color=")
          .append(quote(c.stroke()))
          .append(", fontcolor=")
          .append(quote(c.text()))
          .append("];\n");
    }
    for (GraphEdge edge : model.edges()) {
      out.append("  ")
          .append(quote(edge.upstream()))
          .append(" -> ")
          .append(quote(edge.downstream()))
          .append(";\n");
    }
    out.append("}\n");
    return out.toString();
  }

  /** A DOT quoted string; {@code \n} in it is a centred line break in labels. */
  static String quote(String text) {
    return quote(text, "\\\\");
  }

  /**
   * A quoted tooltip. Graphviz expands backslash escapes in tooltips twice (checked with 2.42:
   * {@code \\N} there becomes the node's name), so a literal backslash takes four.
   */
  static String quoteTooltip(String text) {
    return quote(text, "\\\\\\\\");
  }

  private static String quote(String text, String backslash) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> out.append(backslash);
        case '"' -> out.append("\\\"");
        case '&' -> out.append("&amp;");
        case '\n' -> out.append("\\n");
        case '\r' -> {}
        default -> out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
