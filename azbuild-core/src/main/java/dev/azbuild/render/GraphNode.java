package dev.azbuild.render;

import java.util.List;

/**
 * One image module as the graph shows it.
 *
 * @param label how people name it: its directory, or its id at the repository root
 * @param decision the plan's decision, {@code rebuild} or {@code unchanged}
 * @param reasons the plan's reasons; for a failed module the build's error comes first
 * @param layer its depth: 0 without upstream modules, else one more than its deepest upstream
 */
public record GraphNode(
    String id,
    String dir,
    String image,
    String label,
    String decision,
    ModuleStatus status,
    List<String> reasons,
    int layer) {

  public GraphNode {
    reasons = List.copyOf(reasons);
  }
}
