package dev.azbuild.render;

import static dev.azbuild.render.SamplePlan.API;
import static dev.azbuild.render.SamplePlan.BASE;
import static dev.azbuild.render.SamplePlan.GATEWAY;
import static dev.azbuild.render.SamplePlan.HOSTILE_FILE;
import static dev.azbuild.render.SamplePlan.WEB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.azbuild.plan.Plan;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphModelTest {

  @TempDir static Path tmp;
  private static Plan plan;

  @BeforeAll
  static void plan() throws Exception {
    plan = SamplePlan.create(tmp.resolve("repo"));
  }

  private static GraphNode node(GraphModel model, String id) {
    return model.nodes().stream().filter(n -> n.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void nodesCarryThePlansDecisionsReasonsAndDepth() {
    GraphModel model = GraphModel.of(plan, Map.of());
    assertThat(model.nodes()).extracting(GraphNode::id).containsExactly(BASE, API, WEB, GATEWAY);
    assertThat(model.head()).isEqualTo(plan.head());
    assertThat(model.mode()).isEqualTo("diff");

    GraphNode api = node(model, API);
    assertThat(api.status()).isEqualTo(ModuleStatus.REBUILD);
    assertThat(api.decision()).isEqualTo("rebuild");
    assertThat(api.reasons()).containsExactly(HOSTILE_FILE + " matched ^services/api/");
    assertThat(api.label()).isEqualTo("services/api");
    assertThat(api.dir()).isEqualTo("services/api");
    assertThat(api.image()).isEqualTo("api");
    assertThat(node(model, GATEWAY).reasons()).containsExactly("upstream g:api rebuilds");
    assertThat(node(model, BASE).status()).isEqualTo(ModuleStatus.UNCHANGED);
    assertThat(node(model, WEB).status()).isEqualTo(ModuleStatus.UNCHANGED);

    assertThat(model.nodes()).extracting(GraphNode::layer).containsExactly(0, 1, 0, 2);
    assertThat(model.edges())
        .containsExactly(new GraphEdge(BASE, API), new GraphEdge(API, GATEWAY));
    assertThat(model.summary()).isEqualTo("4 modules, 2 rebuild, 2 unchanged");
  }

  @Test
  void aFailedBuildColoursTheModuleAndSaysWhyFirst() {
    GraphModel model = GraphModel.of(plan, Map.of(API, "services/api: RUN make failed (exit 2)"));
    GraphNode api = node(model, API);
    assertThat(api.status()).isEqualTo(ModuleStatus.FAILED);
    assertThat(api.decision()).isEqualTo("rebuild");
    assertThat(api.reasons())
        .containsExactly(
            "build failed: services/api: RUN make failed (exit 2)",
            HOSTILE_FILE + " matched ^services/api/");
    assertThat(node(model, GATEWAY).status()).isEqualTo(ModuleStatus.REBUILD);
    assertThat(model.count(ModuleStatus.FAILED)).isEqualTo(1);
    assertThat(model.summary())
        .isEqualTo("4 modules, 2 rebuild, 2 unchanged, 1 failed in the last build");
  }
}
