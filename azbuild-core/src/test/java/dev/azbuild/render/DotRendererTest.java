package dev.azbuild.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class DotRendererTest {

  @TempDir static Path tmp;
  private static GraphModel model;
  private static String dot;

  @BeforeAll
  static void render() throws Exception {
    model =
        GraphModel.of(
            SamplePlan.create(tmp.resolve("repo")),
            Map.of(SamplePlan.WEB, "web: \"boom\" \\ & <x>"));
    dot = new DotRenderer().render(model);
  }

  @Test
  void everyModuleAndEdgeIsDeclaredWithItsColour() {
    assertThat(dot)
        .startsWith("// azbuild module graph, mode diff")
        .contains("digraph azbuild {\n  rankdir=LR;\n");
    for (GraphNode n : model.nodes()) {
      assertThat(dot)
          .contains("  \"" + n.id() + "\" [label=\"" + n.label() + "\\n" + n.status().id() + "\"");
      assertThat(dot).contains("fillcolor=\"" + Colors.of(n.status()).fill() + "\"");
    }
    assertThat(dot).contains("  \"g:base\" -> \"g:api\";\n  \"g:api\" -> \"g:gateway\";\n");
    assertThat(dot).endsWith("}\n");
  }

  @Test
  void quotingKeepsQuotesBackslashesAndEntitiesLiteral() {
    assertThat(DotRenderer.quote("a\"b\\c&amp;\nd")).isEqualTo("\"a\\\"b\\\\c&amp;amp;\\nd\"");
    assertThat(DotRenderer.quoteTooltip("a\\N")).isEqualTo("\"a\\\\\\\\N\"");
  }

  /** The real parser: Graphviz must accept the file and show every label and reason exactly. */
  @Test
  void graphvizParsesItAndShowsEveryLabelAndReasonVerbatim() throws Exception {
    Optional<Path> graphviz = Tools.find("dot");
    assumeTrue(graphviz.isPresent(), "Graphviz 'dot' is not on PATH; " + Tools.INSTALL_HINT);
    Tools.Result result = Tools.run(List.of(graphviz.get().toString(), "-Tsvg"), dot, 60);
    assertThat(result.stderr()).isEmpty();
    assertThat(result.exitCode()).isZero();

    Map<String, Element> groups = nodeGroups(result.stdout());
    assertThat(groups.keySet()).containsExactlyInAnyOrderElementsOf(SamplePlan.IDS);
    for (GraphNode n : model.nodes()) {
      Element g = groups.get(n.id());
      assertThat(g.getAttribute("class")).isEqualTo("node " + n.status().id());
      List<String> texts = new ArrayList<>();
      NodeList textNodes = g.getElementsByTagName("text");
      for (int i = 0; i < textNodes.getLength(); i++) {
        texts.add(textNodes.item(i).getTextContent());
      }
      assertThat(texts).containsExactly(n.label(), n.status().id());
      Element link = (Element) g.getElementsByTagName("a").item(0);
      assertThat(link.getAttribute("xlink:title")).isEqualTo(String.join("\n", n.reasons()));
      assertThat(
              g.getElementsByTagName("path").getLength()
                  + g.getElementsByTagName("polygon").getLength())
          .isPositive();
    }
    // the failure's hostile message and the hostile file name came through unchanged
    assertThat(
            groups
                .get(SamplePlan.WEB)
                .getElementsByTagName("a")
                .item(0)
                .getAttributes()
                .getNamedItem("xlink:title")
                .getNodeValue())
        .startsWith("build failed: web: \"boom\" \\ & <x>\n");
    assertThat(Pattern.compile("class=\"edge\"").matcher(result.stdout()).results().count())
        .isEqualTo(2);
  }

  /** Graphviz's SVG: one {@code <g class="node">} per node, its {@code <title>} the node's name. */
  private static Map<String, Element> nodeGroups(String svg) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    Document doc = factory.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
    Map<String, Element> groups = new HashMap<>();
    NodeList gs = doc.getElementsByTagName("g");
    for (int i = 0; i < gs.getLength(); i++) {
      Element g = (Element) gs.item(i);
      if (g.getAttribute("class").startsWith("node")) { // "node" plus the class attribute given
        groups.put(g.getElementsByTagName("title").item(0).getTextContent(), g);
      }
    }
    return groups;
  }
}
