package dev.azbuild.render;

import dev.azbuild.plan.ModuleDecision;
import dev.azbuild.plan.Plan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The module graph of a plan, ready to render: nodes in reactor order (so every upstream comes
 * before its downstream modules) with their layer, and the edges between them.
 */
public record GraphModel(
    String mode, String base, String head, List<GraphNode> nodes, List<GraphEdge> edges) {

  public GraphModel {
    nodes = List.copyOf(nodes);
    edges = List.copyOf(edges);
  }

  /**
   * @param failures the modules whose last build of this commit failed, with the error
   */
  public static GraphModel of(Plan plan, Map<String, String> failures) {
    Map<String, Integer> layers = new HashMap<>();
    List<GraphNode> nodes = new ArrayList<>();
    List<GraphEdge> edges = new ArrayList<>();
    for (ModuleDecision d : plan.modules()) {
      int layer = 0;
      for (String up : d.upstream()) {
        Integer upLayer = layers.get(up);
        // the plan lists modules in reactor order, so a known upstream is always decided already
        if (upLayer != null) {
          layer = Math.max(layer, upLayer + 1);
          edges.add(new GraphEdge(up, d.id()));
        }
      }
      layers.put(d.id(), layer);
      String decision = d.rebuild() ? "rebuild" : "unchanged";
      ModuleStatus status =
          failures.containsKey(d.id())
              ? ModuleStatus.FAILED
              : d.rebuild() ? ModuleStatus.REBUILD : ModuleStatus.UNCHANGED;
      List<String> reasons = new ArrayList<>();
      if (status == ModuleStatus.FAILED) {
        reasons.add("build failed: " + failures.get(d.id()));
      }
      reasons.addAll(d.reasons());
      nodes.add(
          new GraphNode(
              d.id(),
              d.dir(),
              d.image(),
              d.dir().isEmpty() ? d.id() : d.dir(),
              decision,
              status,
              reasons,
              layer));
    }
    return new GraphModel(plan.mode().id(), plan.base(), plan.head(), nodes, edges);
  }

  public long count(ModuleStatus status) {
    return nodes.stream().filter(n -> n.status() == status).count();
  }

  /**
   * The first line of the text formats, after their comment marker: {@code azbuild module graph,
   * mode content, head <sha>: 4 modules, 1 rebuild, 3 unchanged}.
   */
  public String headline() {
    return "azbuild module graph, mode " + mode() + ", head " + head() + ": " + summary();
  }

  /**
   * {@code 4 modules, 1 rebuild, 3 unchanged}, plus {@code , 1 failed in the last build} when any
   * failed.
   */
  public String summary() {
    long rebuild = nodes.stream().filter(n -> n.decision().equals("rebuild")).count();
    long failed = count(ModuleStatus.FAILED);
    return nodes.size()
        + " modules, "
        + rebuild
        + " rebuild, "
        + (nodes.size() - rebuild)
        + " unchanged"
        + (failed > 0 ? ", " + failed + " failed in the last build" : "");
  }
}
