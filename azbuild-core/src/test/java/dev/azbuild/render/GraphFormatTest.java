package dev.azbuild.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class GraphFormatTest {

  @Test
  void aCommaListPicksFormatsInAnyCaseAndSpacing() {
    assertThat(GraphFormat.parseList("html, Mermaid", "p"))
        .containsExactly(GraphFormat.MERMAID, GraphFormat.HTML);
    assertThat(GraphFormat.parseList("dot", "p")).containsExactly(GraphFormat.DOT);
  }

  @Test
  void allOrNothingMeansEveryFormat() {
    assertThat(GraphFormat.parseList("all", "p")).isEqualTo(EnumSet.allOf(GraphFormat.class));
    assertThat(GraphFormat.parseList("json,all", "p")).isEqualTo(EnumSet.allOf(GraphFormat.class));
    assertThat(GraphFormat.parseList(" ", "p")).isEqualTo(EnumSet.allOf(GraphFormat.class));
    assertThat(GraphFormat.parseList(null, "p")).isEqualTo(EnumSet.allOf(GraphFormat.class));
  }

  @Test
  void anUnknownFormatIsOneLineNamingTheParameterAndTheValidOnes() {
    assertThatThrownBy(() -> GraphFormat.parseList("html,svg", "azbuild.graph.format"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "azbuild.graph.format=html,svg: unknown format 'svg'; use a comma list of mermaid, dot, json, html, or all");
  }

  @Test
  void eachFormatHasItsFile() {
    assertThat(EnumSet.allOf(GraphFormat.class))
        .extracting(GraphFormat::fileName)
        .containsExactly("graph.mmd", "graph.dot", "graph.json", "graph.html");
  }
}
