package dev.azbuild.plan;

import java.util.List;

/**
 * Whether a module's image must be rebuilt, and why.
 *
 * @param inputHash content mode's hash, null in diff mode
 * @param inputTree the lines the hash was computed from (empty in diff mode)
 */
public record ModuleDecision(
    String id,
    String dir,
    String image,
    boolean rebuild,
    List<String> reasons,
    String inputHash,
    List<String> inputTree,
    List<String> upstream) {

  /**
   * The one log line per module, e.g. {@code services/api: rebuild (src/Main.java matched
   * ^services/api/)}; ASCII, as CI logs often are.
   */
  public String logLine() {
    String label = dir.isEmpty() ? id : dir;
    return label
        + ": "
        + (rebuild ? "rebuild" : "unchanged")
        + (reasons.isEmpty() ? "" : " (" + String.join("; ", reasons) + ")");
  }
}
