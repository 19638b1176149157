package dev.azbuild.render;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Mermaid flowchart, left to right. Node ids are generated ({@code n0}, {@code n1} ...), because
 * module ids hold colons; labels are quoted, and every character that Mermaid or the HTML it
 * renders to could read as syntax is written as an entity code ({@code #34;}).
 */
final class MermaidRenderer implements GraphRenderer {

  @Override
  public String render(GraphModel model) {
    Map<String, String> ids = new HashMap<>();
    StringBuilder out = new StringBuilder();
    out.append("%% ").append(model.headline()).append('\n');
    out.append("flowchart LR\n");
    for (GraphNode node : model.nodes()) {
      String id = "n" + ids.size();
      ids.put(node.id(), id);
      List<String> lines = new ArrayList<>();
      lines.add(node.label());
      lines.add(node.status().id());
      lines.addAll(node.reasons());
      out.append("  ")
          .append(id)
          .append("[\"")
          .append(String.join("<br/>", lines.stream().map(MermaidRenderer::escape).toList()))
          .append("\"]\n");
    }
    for (GraphEdge edge : model.edges()) {
      out.append("  ")
          .append(ids.get(edge.upstream()))
          .append(" --> ")
          .append(ids.get(edge.downstream()))
          .append('\n');
    }
    for (ModuleStatus status : ModuleStatus.values()) {
      out.append("  classDef ").append(status.id()).append(' ').append(style(status)).append('\n');
    }
    for (ModuleStatus status : ModuleStatus.values()) {
      List<String> members =
          model.nodes().stream()
              .filter(n -> n.status() == status)
              .map(n -> ids.get(n.id()))
              .toList();
      if (!members.isEmpty()) {
        out.append("  class ")
            .append(String.join(",", members))
            .append(' ')
            .append(status.id())
            .append('\n');
      }
    }
    return out.toString();
  }

  private static String style(ModuleStatus status) {
    Colors c = Colors.of(status);
    return "fill:" + c.fill() + ",stroke:" + c.stroke() + ",color:" + c.text();
  }

  /**
   * Keeps letters, digits and harmless punctuation; everything else becomes {@code #<code point>;}.
   */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            c -> {
              if (c == '\n' || c == '\r' || c == '\t') {
                out.append(' ');
              } else if (Character.isLetterOrDigit(c)
                  || " .,:/_-+^$*?()[]=@%~!'\\".indexOf(c) >= 0) {
                out.appendCodePoint(c);
              } else {
                out.append('#').append(c).append(';');
              }
            });
    return out.toString();
  }
}
