package dev.azbuild.ci.local;

import java.util.List;

/**
 * What a local run did.
 *
 * @param results every job's result, in the workflow's order
 * @param rerun the failed jobs to re-run once fixed: those no other failed job comes before
 *     (re-running a job re-runs every job after it)
 */
public record RunReport(RunInfo run, List<JobResult> results, List<String> rerun) {

  public RunReport {
    results = List.copyOf(results);
    rerun = List.copyOf(rerun);
  }

  public RunReport(RunInfo run, List<JobResult> results) {
    this(run, results, List.of());
  }

  public long count(Outcome outcome) {
    return results.stream().filter(r -> r.outcome() == outcome).count();
  }

  /** The jobs that failed in this run (not in an earlier one it re-ran jobs of). */
  public List<String> failed() {
    return results.stream().filter(r -> r.outcome() == Outcome.FAILED).map(JobResult::job).toList();
  }

  public boolean passed() {
    return failed().isEmpty();
  }
}
