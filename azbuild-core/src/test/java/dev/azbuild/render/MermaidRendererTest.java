package dev.azbuild.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Mermaid file against the grammar subset it uses (no Mermaid parser runs on the JVM, and its
 * CLI needs a browser download): every line is one of the statement forms below, labels hold no
 * character Mermaid or HTML would read as syntax, and decoding the entity codes gives back the
 * exact text.
 */
class MermaidRendererTest {

  private static final Pattern NODE = Pattern.compile("  (n\\d+)\\[\"([^\"]*)\"]");
  private static final Pattern EDGE = Pattern.compile("  (n\\d+) --> (n\\d+)");
  private static final Pattern CLASS_DEF =
      Pattern.compile(
          "  classDef (rebuild|unchanged|failed) fill:#[0-9a-f]{6},stroke:#[0-9a-f]{6},color:#[0-9a-f]{6}");
  private static final Pattern CLASS =
      Pattern.compile("  class (n\\d+(?:,n\\d+)*) (rebuild|unchanged|failed)");

  /** What a label may hold besides line breaks and entity codes. */
  private static final Pattern LABEL_TEXT = Pattern.compile("[^\"<>#&`{}|;\\n]*");

  @TempDir static Path tmp;
  private static GraphModel model;
  private static List<String> lines;

  @BeforeAll
  static void render() throws Exception {
    model =
        GraphModel.of(
            SamplePlan.create(tmp.resolve("repo")),
            Map.of(SamplePlan.WEB, "web: <b>\"boom\"</b> #1 & `x`"));
    lines = List.of(new MermaidRenderer().render(model).split("\n", -1));
  }

  @Test
  void everyLineIsAStatementOfTheFlowchartGrammar() {
    assertThat(lines.get(0))
        .startsWith("%% azbuild module graph, mode diff, head ")
        .doesNotContain("\n");
    assertThat(lines.get(1)).isEqualTo("flowchart LR");
    assertThat(lines.get(lines.size() - 1)).isEmpty();
    for (String line : lines.subList(2, lines.size() - 1)) {
      assertThat(
              NODE.matcher(line).matches()
                  || EDGE.matcher(line).matches()
                  || CLASS_DEF.matcher(line).matches()
                  || CLASS.matcher(line).matches())
          .as("statement: %s", line)
          .isTrue();
    }
  }

  @Test
  void labelsHoldEveryModuleStatusAndReasonVerbatimOnceDecoded() {
    Map<String, List<String>> labels = new LinkedHashMap<>();
    for (String line : lines) {
      Matcher m = NODE.matcher(line);
      if (m.matches()) {
        String label = m.group(2);
        for (String part : label.split("<br/>", -1)) {
          assertThat(LABEL_TEXT.matcher(part.replaceAll("#\\d+;", "")).matches())
              .as("label part: %s", part)
              .isTrue();
        }
        labels.put(
            m.group(1),
            Arrays.stream(label.split("<br/>", -1)).map(MermaidRendererTest::decode).toList());
      }
    }
    assertThat(labels).hasSize(model.nodes().size());
    List<String> ids = new ArrayList<>(labels.keySet());
    for (int i = 0; i < model.nodes().size(); i++) {
      GraphNode n = model.nodes().get(i);
      List<String> expected = new ArrayList<>(List.of(n.label(), n.status().id()));
      expected.addAll(n.reasons());
      assertThat(labels.get(ids.get(i))).containsExactlyElementsOf(expected);
    }
    assertThat(labels.get("n2").get(2)).isEqualTo("build failed: web: <b>\"boom\"</b> #1 & `x`");
  }

  @Test
  void edgesAndClassesNameTheGeneratedIds() {
    assertThat(lines)
        .contains(
            "  n0 --> n1",
            "  n1 --> n3",
            "  class n1,n3 rebuild",
            "  class n0 unchanged",
            "  class n2 failed");
  }

  @Test
  void escapeKeepsPlainTextAndEncodesSyntax() {
    assertThat(MermaidRenderer.escape("services/api-v2 ^a$ (x)"))
        .isEqualTo("services/api-v2 ^a$ (x)");
    assertThat(MermaidRenderer.escape("a\"b<c>#d&e`f{g}h|i;"))
        .isEqualTo("a#34;b#60;c#62;#35;d#38;e#96;f#123;g#125;h#124;i#59;");
    assertThat(MermaidRenderer.escape("two\nlines")).isEqualTo("two lines");
  }

  private static String decode(String text) {
    return Pattern.compile("#(\\d+);")
        .matcher(text)
        .replaceAll(
            m -> Matcher.quoteReplacement(Character.toString(Integer.parseInt(m.group(1)))));
  }
}
