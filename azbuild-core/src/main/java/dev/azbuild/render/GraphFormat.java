package dev.azbuild.render;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** The formats the graph goal writes, each to its own file. */
public enum GraphFormat {
  MERMAID("mermaid", "graph.mmd", MermaidRenderer::new),
  DOT("dot", "graph.dot", DotRenderer::new),
  JSON("json", "graph.json", JsonRenderer::new),
  HTML("html", "graph.html", HtmlRenderer::new);

  private final String id;
  private final String fileName;

  @SuppressWarnings("ImmutableEnumChecker") // constructor references: stateless, made once each
  private final Supplier<GraphRenderer> renderer;

  GraphFormat(String id, String fileName, Supplier<GraphRenderer> renderer) {
    this.id = id;
    this.fileName = fileName;
    this.renderer = renderer;
  }

  public String id() {
    return id;
  }

  public String fileName() {
    return fileName;
  }

  public GraphRenderer renderer() {
    return renderer.get();
  }

  /**
   * Parses a comma list such as {@code mermaid,html}; {@code all} (or nothing) means every format.
   *
   * @param parameter the property the list came from, named in the error
   * @throws IllegalArgumentException with a one-line message naming the parameter, the bad entry
   *     and the valid ones
   */
  public static Set<GraphFormat> parseList(String list, String parameter) {
    Set<GraphFormat> formats = EnumSet.noneOf(GraphFormat.class);
    String valid = Arrays.stream(values()).map(GraphFormat::id).collect(Collectors.joining(", "));
    for (String entry : (list == null ? "" : list).split(",")) {
      String name = entry.strip().toLowerCase(Locale.ROOT);
      if (name.isEmpty()) {
        continue;
      }
      if (name.equals("all")) {
        formats.addAll(EnumSet.allOf(GraphFormat.class));
        continue;
      }
      GraphFormat format =
          Arrays.stream(values())
              .filter(f -> f.id.equals(name))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          parameter
                              + "="
                              + list
                              + ": unknown format '"
                              + entry.strip()
                              + "'; use a comma list of "
                              + valid
                              + ", or all"));
      formats.add(format);
    }
    return formats.isEmpty() ? EnumSet.allOf(GraphFormat.class) : formats;
  }
}
