package dev.azbuild.ci.local;

import java.util.List;

/**
 * What a local run did.
 *
 * @param results every job's result, in the workflow's order
 */
public record RunReport(RunInfo run, List<JobResult> results) {

  public RunReport {
    results = List.copyOf(results);
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
