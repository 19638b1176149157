package dev.azbuild.api;

import dev.azbuild.plan.Mode;
import dev.azbuild.plan.ModuleDecision;
import java.util.Optional;

/**
 * What check-rebuild found for one module: its decision (none for a module that builds no image)
 * and whether its tests may be skipped.
 *
 * @param skipTests whether the build may skip the module's tests ({@code
 *     azbuild.skipTestsWhenUnchanged}): only for an image module that content mode finds unchanged,
 *     that is one whose image of exactly these inputs (sources and test sources, poms, dependency
 *     coordinates, the libraries it uses) is in the cache registry; never in diff mode, whose
 *     "unchanged" says only that no changed file matched the module's patterns, and never when the
 *     plan is for another commit than the work tree the tests would run on
 * @param testsNote why the tests run or are skipped, for the log; empty when nothing needs saying
 */
public record RebuildCheck(
    Optional<ModuleDecision> decision, boolean skipTests, Optional<String> testsNote) {

  /**
   * The check for one module.
   *
   * @param skipWhenUnchanged {@code azbuild.skipTestsWhenUnchanged}
   * @param headGiven whether the plan is for {@code azbuild.head} rather than the work tree
   */
  static RebuildCheck of(
      Optional<ModuleDecision> decision, boolean skipWhenUnchanged, Mode mode, boolean headGiven) {
    if (!skipWhenUnchanged || decision.isEmpty()) {
      return new RebuildCheck(decision, false, Optional.empty());
    }
    ModuleDecision d = decision.get();
    String label = d.dir().isEmpty() ? d.id() : d.dir();
    if (mode != Mode.CONTENT) {
      return new RebuildCheck(
          decision,
          false,
          Optional.of(
              label
                  + ": tests run (azbuild.skipTestsWhenUnchanged needs content mode: diff mode's"
                  + " unchanged says only that no changed file matched the module's patterns)"));
    }
    if (headGiven) {
      return new RebuildCheck(
          decision,
          false,
          Optional.of(
              label
                  + ": tests run (azbuild.skipTestsWhenUnchanged: the plan is for azbuild.head, not"
                  + " for the work tree the tests run on)"));
    }
    if (d.rebuild()) {
      return new RebuildCheck(
          decision, false, Optional.of(label + ": tests run (its inputs changed)"));
    }
    return new RebuildCheck(
        decision,
        true,
        Optional.of(
            label
                + ": tests skipped (azbuild.skipTestsWhenUnchanged: the image cache-"
                + d.inputHash().substring(0, Math.min(12, d.inputHash().length()))
                + " of the same inputs exists)"));
  }
}
