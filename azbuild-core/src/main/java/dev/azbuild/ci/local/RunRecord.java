package dev.azbuild.ci.local;

import dev.azbuild.ci.Yaml;
import dev.azbuild.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ci-local.json} in the work directory: the run (commit, branch, ids) and every job's
 * outcome, start and end, so a later call can re-run some jobs of it and so tests can read the
 * timeline.
 */
public final class RunRecord {

  public static final String FILE = "ci-local.json";

  private RunRecord() {}

  public static void write(Path workDir, RunReport report) throws IOException {
    RunInfo run = report.run();
    StringBuilder out = new StringBuilder("{\n");
    out.append("  \"vendor\": ").append(q(run.vendor().id())).append(",\n");
    out.append("  \"file\": ").append(q(run.file())).append(",\n");
    out.append("  \"commit\": ").append(q(run.commit())).append(",\n");
    out.append("  \"branch\": ").append(q(run.branch())).append(",\n");
    out.append("  \"runId\": ").append(run.runId()).append(",\n");
    out.append("  \"attempt\": ").append(run.attempt()).append(",\n");
    out.append("  \"workflowId\": ").append(q(run.workflowId())).append(",\n");
    out.append("  \"firstBuildNum\": ").append(run.firstBuildNum()).append(",\n");
    out.append("  \"jobs\": [");
    for (int i = 0; i < report.results().size(); i++) {
      JobResult r = report.results().get(i);
      out.append(i == 0 ? "\n" : ",\n")
          .append("    {\"id\": ")
          .append(q(r.job()))
          .append(", \"outcome\": ")
          .append(q(r.outcome().name()))
          .append(", \"reason\": ")
          .append(q(r.reason()))
          .append(", \"started\": ")
          .append(r.started() == null ? "null" : r.started().toEpochMilli())
          .append(", \"ended\": ")
          .append(r.ended() == null ? "null" : r.ended().toEpochMilli())
          .append(", \"seconds\": ")
          .append(String.format(java.util.Locale.ROOT, "%.3f", r.seconds()))
          .append(", \"attempt\": ")
          .append(r.fromEarlierRun() ? "null" : String.valueOf(run.attempt()))
          .append(", \"log\": ")
          .append(r.log() == null ? "null" : q(r.log().toString()))
          .append("}");
    }
    out.append("\n  ]\n}\n");
    AtomicFiles.writeString(workDir.resolve(FILE), out.toString());
  }

  /** The earlier run, if the work directory has a readable record of one for this vendor. */
  @SuppressWarnings("unchecked")
  public static Optional<RunReport> read(Path workDir, Vendor vendor) throws WorkflowException {
    Path file = workDir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      Map<String, Object> root =
          (Map<String, Object>) Yaml.parse(Files.readString(file, StandardCharsets.UTF_8));
      if (!vendor.id().equals(root.get("vendor"))) {
        return Optional.empty();
      }
      RunInfo run =
          new RunInfo(
              vendor,
              (String) root.get("file"),
              (String) root.get("commit"),
              (String) root.get("branch"),
              ((Number) root.get("runId")).longValue(),
              ((Number) root.get("attempt")).intValue(),
              (String) root.get("workflowId"),
              ((Number) root.get("firstBuildNum")).intValue());
      List<JobResult> results = new ArrayList<>();
      for (Object o : (List<Object>) root.get("jobs")) {
        Map<String, Object> j = (Map<String, Object>) o;
        results.add(
            new JobResult(
                (String) j.get("id"),
                Outcome.valueOf((String) j.get("outcome")),
                (String) j.get("reason"),
                instant(j.get("started")),
                instant(j.get("ended")),
                j.get("log") == null ? null : Path.of((String) j.get("log")),
                true));
      }
      return Optional.of(new RunReport(run, results));
    } catch (IOException | RuntimeException e) {
      throw new WorkflowException(
          "cannot read the earlier run's record "
              + file
              + " ("
              + e
              + "); run the whole workflow"
              + " again (without -Dazbuild.ciLocal.jobs)",
          e);
    }
  }

  private static Instant instant(Object millis) {
    return millis == null ? null : Instant.ofEpochMilli(((Number) millis).longValue());
  }

  static String q(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
