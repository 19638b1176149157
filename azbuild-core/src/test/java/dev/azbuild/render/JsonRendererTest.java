package dev.azbuild.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azbuild.io.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonRendererTest {

  @TempDir static Path tmp;
  private static GraphModel model;
  private static JsonNode json;

  @BeforeAll
  static void render() throws Exception {
    model =
        GraphModel.of(
            SamplePlan.create(tmp.resolve("repo")), Map.of(SamplePlan.WEB, "web: \"boom\""));
    json = Json.MAPPER.readTree(new JsonRenderer().render(model));
  }

  @Test
  void nodesHoldIdDirImageDecisionStatusAndReasonsVerbatim() {
    assertThat(json.get("mode").asText()).isEqualTo("diff");
    assertThat(json.get("head").asText()).isEqualTo(model.head());
    assertThat(json.get("base").asText()).isEqualTo(model.base());
    assertThat(json.get("summary").asText())
        .isEqualTo("4 modules, 2 rebuild, 2 unchanged, 1 failed in the last build");
    assertThat(json.get("nodes")).hasSize(4);
    for (int i = 0; i < model.nodes().size(); i++) {
      GraphNode expected = model.nodes().get(i);
      JsonNode node = json.get("nodes").get(i);
      assertThat(node.get("id").asText()).isEqualTo(expected.id());
      assertThat(node.get("dir").asText()).isEqualTo(expected.dir());
      assertThat(node.get("image").asText()).isEqualTo(expected.image());
      assertThat(node.get("decision").asText()).isEqualTo(expected.decision());
      assertThat(node.get("status").asText()).isEqualTo(expected.status().id());
      assertThat(node.get("layer").asInt()).isEqualTo(expected.layer());
      List<String> reasons = new ArrayList<>();
      node.get("reasons").forEach(r -> reasons.add(r.asText()));
      assertThat(reasons).containsExactlyElementsOf(expected.reasons());
      assertThat(node.has("x")).as("no layout in graph.json").isFalse();
    }
    assertThat(json.at("/nodes/1/reasons/0").asText())
        .isEqualTo(SamplePlan.HOSTILE_FILE + " matched ^services/api/");
    assertThat(json.at("/nodes/2/status").asText()).isEqualTo("failed");
    assertThat(json.at("/nodes/2/decision").asText()).isEqualTo("unchanged");
  }

  @Test
  void edgesGoFromUpstreamToDownstream() {
    assertThat(json.get("edges")).hasSize(2);
    assertThat(json.at("/edges/0/from").asText()).isEqualTo(SamplePlan.BASE);
    assertThat(json.at("/edges/0/to").asText()).isEqualTo(SamplePlan.API);
    assertThat(json.at("/edges/1/from").asText()).isEqualTo(SamplePlan.API);
    assertThat(json.at("/edges/1/to").asText()).isEqualTo(SamplePlan.GATEWAY);
  }
}
