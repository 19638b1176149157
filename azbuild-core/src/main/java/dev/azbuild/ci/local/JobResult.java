package dev.azbuild.ci.local;

import java.nio.file.Path;
import java.time.Instant;

/**
 * How one job ended.
 *
 * @param reason why it failed, was skipped or did not run; empty when it passed
 * @param started null when it did not start
 * @param log its log file, null when it did not start
 * @param fromEarlierRun taken from the earlier run this one re-runs jobs of
 */
public record JobResult(
    String job,
    Outcome outcome,
    String reason,
    Instant started,
    Instant ended,
    Path log,
    boolean fromEarlierRun) {

  public double seconds() {
    return started == null || ended == null
        ? 0
        : (ended.toEpochMilli() - started.toEpochMilli()) / 1000.0;
  }
}
