package dev.azbuild.build;

import dev.azbuild.plan.ModuleDecision;
import dev.azbuild.plan.Plan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the build jobs of one CI workflow did, from their {@code build.json} reports: the plan as
 * they decided it (a module they built is shown rebuilt with their reasons, though a plan made now
 * would find its image), and every module that was not built or re-tagged.
 *
 * @param plan the plan with each reported module's decision and reasons
 * @param reports the reported modules in graph order
 * @param notBuilt modules neither built nor re-tagged, by id: the error of a failed build, or why
 *     there is no report
 */
public record CollectedBuild(Plan plan, List<ModuleReport> reports, Map<String, String> notBuilt) {

  /** Why a module without a report was not built. */
  public static final String NO_REPORT =
      "no build report: its build job did not run, or stopped before azbuild:build";

  /**
   * @param reports the jobs' reports of this plan's commit, by module id
   */
  public static CollectedBuild of(Plan plan, Map<String, ModuleReport> reports) {
    List<ModuleDecision> decisions = new ArrayList<>();
    List<ModuleReport> ordered = new ArrayList<>();
    Map<String, String> notBuilt = new LinkedHashMap<>();
    for (ModuleDecision d : plan.modules()) {
      ModuleReport r = reports.get(d.id());
      if (r == null) {
        notBuilt.put(d.id(), NO_REPORT);
        decisions.add(d);
        continue;
      }
      ordered.add(r);
      boolean ok =
          ModuleReport.BUILT.equals(r.action()) || ModuleReport.RETAGGED.equals(r.action());
      if (!ok) {
        notBuilt.put(d.id(), r.error() != null ? r.error() : r.action());
      }
      boolean rebuilt = ModuleReport.BUILT.equals(r.action()) || (!ok && d.rebuild());
      decisions.add(
          new ModuleDecision(
              d.id(),
              d.dir(),
              d.image(),
              rebuilt,
              r.reasons().isEmpty() ? d.reasons() : r.reasons(),
              d.inputHash(),
              d.inputTree(),
              d.upstream()));
    }
    return new CollectedBuild(
        new Plan(plan.mode(), plan.base(), plan.head(), decisions, plan.warnings()),
        List.copyOf(ordered),
        Map.copyOf(notBuilt));
  }

  public boolean complete() {
    return notBuilt.isEmpty();
  }

  /** One line: which modules were not built at this commit and why; the fix. */
  public String problem() {
    List<String> parts = new ArrayList<>();
    for (ModuleDecision d : plan.modules()) {
      String why = notBuilt.get(d.id());
      if (why != null) {
        String label = d.dir().isEmpty() ? d.id() : d.dir();
        String first = why.strip().lines().findFirst().orElse("");
        parts.add(
            label + " (" + (first.length() > 160 ? first.substring(0, 160) + "..." : first) + ")");
      }
    }
    String commit = plan.head().length() > 12 ? plan.head().substring(0, 12) : plan.head();
    return notBuilt.size()
        + " of "
        + plan.modules().size()
        + " image modules were not built at "
        + commit
        + ": "
        + String.join("; ", parts)
        + "; the deploy jobs wait for this job: fix the cause and re-run those build jobs";
  }
}
