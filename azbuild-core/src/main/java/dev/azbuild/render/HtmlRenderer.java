package dev.azbuild.render;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * One self-contained page: inline CSS and script, no network. Java lays the graph out; the page's
 * script draws it as SVG from the embedded JSON, with reasons in each module's tooltip and in a
 * details panel on click.
 */
final class HtmlRenderer implements GraphRenderer {

  private static final String TEMPLATE = readTemplate();

  @Override
  public String render(GraphModel model) {
    String data = JsonRenderer.write(JsonRenderer.tree(model, Layout.of(model)));
    return TEMPLATE
        .replace("{{TITLE}}", escape("azbuild graph — " + abbreviate(model.head())))
        .replace(
            "{{SUMMARY}}",
            escape(
                "mode "
                    + model.mode()
                    + (model.base() != null ? ", base " + abbreviate(model.base()) : "")
                    + ", head "
                    + abbreviate(model.head())
                    + ": "
                    + model.summary()))
        .replace("{{DATA}}", scriptSafe(data));
  }

  /** Text for HTML element content and attribute values. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * JSON that cannot end its {@code <script>} element: in JSON these characters occur only inside
   * strings, where their {@code \}{@code u} escapes mean the same.
   */
  static String scriptSafe(String json) {
    return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
  }

  private static String abbreviate(String sha) {
    return sha == null ? "" : sha.substring(0, Math.min(12, sha.length()));
  }

  private static String readTemplate() {
    try (InputStream in = HtmlRenderer.class.getResourceAsStream("graph.html")) {
      if (in == null) {
        throw new IllegalStateException("graph.html is missing from the plugin jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
