package dev.azbuild.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azbuild.io.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page on its own (self-contained, data that cannot break out of its script element) and in
 * headless Chromium: the script must draw every module, with its reasons, and the details panel. A
 * screenshot is left in {@code target/graph-screenshots/}.
 */
class HtmlRendererTest {

  private static final Path SCREENSHOTS = Path.of("target", "graph-screenshots");
  private static final Pattern DATA =
      Pattern.compile(
          "<script type=\"application/json\" id=\"graph-data\">(.*?)</script>", Pattern.DOTALL);

  @TempDir static Path tmp;
  private static GraphModel model;
  private static String html;

  @BeforeAll
  static void render() throws Exception {
    model =
        GraphModel.of(
            SamplePlan.create(tmp.resolve("repo")),
            Map.of(SamplePlan.WEB, "web: </script><script>alert(1)</script> \"boom\" & more"));
    html = new HtmlRenderer().render(model);
  }

  @Test
  void thePageNeedsNoNetwork() {
    assertThat(html)
        .doesNotContainPattern("(?i)<(link|img|iframe|object|embed)\\b")
        .doesNotContainPattern("(?i)\\b(src|href)\\s*=")
        .doesNotContain("@import");
    // the only URL is the SVG namespace name, which is never fetched
    assertThat(Pattern.compile("https?://").matcher(html).results().count()).isEqualTo(1);
    assertThat(html).contains("'http://www.w3.org/2000/svg'");
    assertThat(
            Pattern.compile("url\\(([^)]*)\\)")
                .matcher(html)
                .results()
                .map(m -> m.group(1))
                .distinct())
        .containsExactly("#arrow");
  }

  @Test
  void embeddedDataCannotEndItsScriptAndReadsBackExactly() throws Exception {
    Matcher m = DATA.matcher(html);
    assertThat(m.find()).isTrue();
    String data = m.group(1);
    assertThat(data).doesNotContain("<").doesNotContain(">");
    JsonNode json = Json.MAPPER.readTree(data);
    assertThat(json.at("/nodes/2/reasons/0").asText())
        .isEqualTo("build failed: web: </script><script>alert(1)</script> \"boom\" & more");
    assertThat(json.at("/nodes/1/reasons/0").asText())
        .isEqualTo(SamplePlan.HOSTILE_FILE + " matched ^services/api/");
    Layout layout = Layout.of(model);
    assertThat(json.get("width").asInt()).isEqualTo(layout.width());
    assertThat(json.at("/nodes/3/x").asInt()).isEqualTo(layout.box(SamplePlan.GATEWAY).x());
    assertThat(m.find()).as("one data block").isFalse();
  }

  @Test
  void headerSaysWhatWasPlannedEscaped() {
    assertThat(html)
        .contains("<title>azbuild graph — " + model.head().substring(0, 12) + "</title>");
    assertThat(html)
        .contains(
            "<p id=\"summary\">mode diff, base "
                + model.base().substring(0, 12)
                + ", head "
                + model.head().substring(0, 12)
                + ": 4 modules, 2 rebuild, 2 unchanged, 1 failed in the last build</p>");
    assertThat(HtmlRenderer.escape("<a href=\"x\">'&'</a>"))
        .isEqualTo("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  }

  @Test
  void chromiumDrawsEveryModuleWithItsReasonsAndTheDetailsPanel() throws Exception {
    Optional<Chromium> chromium = Chromium.find(tmp.resolve("chromium"));
    assumeTrue(chromium.isPresent(), "chromium is not on PATH; " + Tools.INSTALL_HINT);
    Path page = tmp.resolve("graph.html");
    Files.writeString(page, html, StandardCharsets.UTF_8);
    Path broken = tmp.resolve("broken.html");
    // a script error before drawing, as a bad template edit would cause
    Files.writeString(
        broken,
        html.replace("var byId = {};", "var byId = {}; data.nodes = undefined.nodes;"),
        StandardCharsets.UTF_8);
    Files.createDirectories(SCREENSHOTS);
    Path png = SCREENSHOTS.resolve("graph.png");
    Files.deleteIfExists(png);
    String url = page.toUri() + "#" + SamplePlan.API;

    // Chromium mostly waits while it starts: run the three pages side by side
    CompletableFuture<String> dom =
        CompletableFuture.supplyAsync(() -> chromium.get().dumpDom(url));
    CompletableFuture<String> brokenDom =
        CompletableFuture.supplyAsync(() -> chromium.get().dumpDom(broken.toUri().toString()));
    CompletableFuture<Void> shot =
        CompletableFuture.runAsync(() -> chromium.get().screenshot(url, png, 1100, 420));

    String rendered = dom.join();
    assertDrawsEveryModule(rendered);
    assertThat(rendered)
        .contains("<g class=\"node rebuild selected\" data-module-id=\"" + SamplePlan.API + "\"");
    assertThat(rendered).contains("<div id=\"error\" role=\"alert\"></div>");
    // the module named in the URL is selected: its details panel lists its reasons
    assertThat(rendered)
        .contains("<h2>services/api</h2>")
        .contains(
            "<li>" + escapeText(SamplePlan.HOSTILE_FILE + " matched ^services/api/") + "</li>")
        .contains("<dt>upstream</dt><dd>libs/base</dd>")
        .contains("<dt>downstream</dt><dd>services/gateway</dd>");

    String failedPage = brokenDom.join();
    assertThatThrownBy(() -> assertDrawsEveryModule(failedPage)).isInstanceOf(AssertionError.class);
    assertThat(failedPage)
        .containsPattern(
            "<div id=\"error\" role=\"alert\" style=\"display: block;\">"
                + "The graph could not be drawn: [^<]*TypeError");

    shot.join();
    assertThat(png).isRegularFile();
    assertThat(Files.size(png)).isGreaterThan(10_000);
  }

  /**
   * What the script draws: one group per module with its status class, label and reasons as the
   * tooltip.
   */
  private static void assertDrawsEveryModule(String dom) {
    assertThat(dom).contains("data-rendered=\"" + model.nodes().size() + "\"");
    for (GraphNode n : model.nodes()) {
      assertThat(dom)
          .containsPattern(
              "<g class=\"node "
                  + n.status().id()
                  + "( selected)?\" data-module-id=\""
                  + Pattern.quote(n.id())
                  + "\"");
      assertThat(dom)
          .contains(
              "<title>"
                  + escapeText(
                      n.label() + ": " + n.status().id() + "\n" + String.join("\n", n.reasons()))
                  + "</title>");
      assertThat(dom).contains(">" + escapeText(n.label()) + "</text>");
    }
    assertThat(Pattern.compile("<path class=\"edge( selected)?\"").matcher(dom).results().count())
        .isEqualTo(model.edges().size());
  }

  /** How the DOM serializer writes text content. */
  private static String escapeText(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\u00a0", "&nbsp;");
  }
}
