package dev.azbuild.ci.local;

import dev.azbuild.io.FileTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a workflow's jobs in dependency order, up to {@code concurrency} at once, each as the vendor
 * would ({@link JobRun}); prints one line per job start and end and a summary, and records the run
 * ({@link RunRecord}) so that some of its jobs can be re-run later: the named jobs and every job
 * after them, at the same commit, with the other jobs' outcomes, artifacts and workspace layers
 * kept.
 */
public final class WorkflowRun {

  private static final Logger LOG = LoggerFactory.getLogger(WorkflowRun.class);
  static final String JOBS_PARAMETER = "azbuild.ciLocal.jobs";

  private final RunSettings settings;
  private final Vendor vendor;
  private final ImageSweep sweep;

  /**
   * @param sweep clears the build's images off the daemon before each job; null to leave the daemon
   *     alone
   */
  public WorkflowRun(RunSettings settings, Vendor vendor, ImageSweep sweep) {
    this.settings = settings;
    this.vendor = vendor;
    this.sweep = sweep;
  }

  /**
   * Runs the workflow (or re-runs jobs of the earlier run) and records it.
   *
   * @throws WorkflowException when it cannot start: a bad setting, a missing or invalid workflow
   *     file
   */
  public RunReport run() throws WorkflowException, IOException {
    if (settings.concurrency() < 1) {
      throw new WorkflowException(
          "azbuild.ciLocal.concurrency must be at least 1, got " + settings.concurrency());
    }
    String mavenVersion = MavenHome.check(settings.mavenHome(), "azbuild.ciLocal.mavenHome");
    if (!Files.isDirectory(settings.sharedRepository())) {
      throw new WorkflowException(
          "azbuild.ciLocal.sharedRepository: "
              + settings.sharedRepository()
              + " is not a directory; give the Maven repository that holds the plugins and dependencies (e.g. ~/.m2/repository)");
    }
    Path workDir = settings.workDir();
    Optional<RunReport> earlier =
        settings.jobs().isEmpty()
            ? Optional.empty()
            : Optional.of(
                RunRecord.read(workDir, vendor)
                    .orElseThrow(
                        () ->
                            new WorkflowException(
                                JOBS_PARAMETER
                                    + ": no earlier "
                                    + vendor.id()
                                    + " run in "
                                    + workDir
                                    + " to re-run jobs of; run the whole workflow first (without -D"
                                    + JOBS_PARAMETER
                                    + ")")));
    RunInfo run = earlier.map(this::rerunInfo).orElseGet(() -> null);
    if (run == null) {
      run = newRun();
    }
    LocalWorkflow workflow = read(run);
    Map<String, LocalJob> byId = workflow.byId();
    Set<String> selected = new HashSet<>(byId.keySet());
    Map<String, JobResult> kept = new LinkedHashMap<>();
    if (earlier.isPresent()) {
      for (String name : settings.jobs()) {
        if (!byId.containsKey(name)) {
          throw new WorkflowException(
              JOBS_PARAMETER
                  + ": '"
                  + name
                  + "' is not a job of "
                  + workflow.file()
                  + "; name jobs of it: "
                  + abbreviate(byId.keySet()));
        }
      }
      selected = new HashSet<>(settings.jobs());
      selected.addAll(workflow.downstreamOf(settings.jobs()));
      Map<String, JobResult> before = new LinkedHashMap<>();
      earlier.get().results().forEach(r -> before.put(r.job(), r));
      for (LocalJob job : workflow.jobs()) {
        if (!selected.contains(job.id())) {
          JobResult r = before.get(job.id());
          if (r == null) {
            throw new WorkflowException(
                JOBS_PARAMETER
                    + ": the earlier run has no result for '"
                    + job.id()
                    + "'; re-run it too, or run the whole workflow (without -D"
                    + JOBS_PARAMETER
                    + ")");
          }
          kept.put(
              job.id(),
              new JobResult(
                  r.job(), r.outcome(), r.reason(), r.started(), r.ended(), r.log(), true));
        }
      }
    }
    prepare(workDir, selected, earlier.isEmpty());
    RunContext ctx = new RunContext(settings, run, workflow);
    kept.values().forEach(ctx::record);

    LOG.info(
        "ci-local: {} {} at {} (branch {}{}): {} jobs{}, {} at a time; work dir {}",
        vendor.id(),
        workflow.file(),
        run.commit().substring(0, 12),
        run.branch(),
        run.attempt() > 1 ? ", attempt " + run.attempt() : "",
        workflow.jobs().size(),
        earlier.isPresent()
            ? " (re-running "
                + selected.size()
                + ": "
                + abbreviate(
                    workflow.jobs().stream().map(LocalJob::id).filter(selected::contains).toList())
                + ")"
            : "",
        settings.concurrency(),
        workDir);
    for (String line : StepMapping.lines(workflow, ctx, mavenVersion)) {
      LOG.info("ci-local: step mapping: {}", line);
    }
    Instant t0 = Instant.now();
    schedule(workflow, ctx, selected);
    if (sweep != null) {
      sweep.beforeJob(
          Instant.now(),
          List.of()); // and after the last one: the run leaves none of its images behind
    }
    List<JobResult> results = workflow.jobs().stream().map(j -> ctx.result(j.id())).toList();
    Set<String> failed = new HashSet<>();
    results.stream().filter(r -> r.outcome() == Outcome.FAILED).forEach(r -> failed.add(r.job()));
    List<String> rerun =
        results.stream()
            .map(JobResult::job)
            .filter(failed::contains)
            .filter(
                f ->
                    !workflow
                        .downstreamOf(
                            failed.stream()
                                .filter(o -> !o.equals(f))
                                .collect(java.util.stream.Collectors.toSet()))
                        .contains(f))
            .toList();
    RunReport report = new RunReport(run, results, rerun);
    RunRecord.write(workDir, report);
    summary(report, ctx, t0);
    return report;
  }

  private RunInfo rerunInfo(RunReport earlier) {
    RunInfo r = earlier.run();
    int nextBuildNum = r.firstBuildNum() + earlier.results().size();
    return new RunInfo(
        vendor,
        r.file(),
        r.commit(),
        r.branch(),
        r.runId(),
        r.attempt() + 1,
        r.workflowId(),
        nextBuildNum);
  }

  private RunInfo newRun() throws WorkflowException {
    Path repo = settings.repository();
    String what = "reading " + repo;
    String commit =
        GitCli.run(
                repo,
                null,
                what,
                "rev-parse",
                "--verify",
                "--quiet",
                (settings.commit() == null || settings.commit().isBlank()
                        ? "HEAD"
                        : settings.commit().strip())
                    + "^{commit}")
            .strip();
    String branch = settings.branch();
    if (branch == null || branch.isBlank()) {
      try {
        branch = GitCli.run(repo, null, what, "symbolic-ref", "--short", "-q", "HEAD").strip();
      } catch (WorkflowException e) {
        throw new WorkflowException(
            "HEAD is detached in "
                + repo
                + "; name the branch to run the workflow for with"
                + " -Dazbuild.ciLocal.branch=NAME",
            e);
      }
    }
    return new RunInfo(
        vendor,
        vendor.path(),
        commit,
        branch.strip(),
        System.currentTimeMillis(),
        1,
        UUID.randomUUID().toString(),
        1);
  }

  /** The workflow file as committed at the run's commit, as the CI reads it. */
  private LocalWorkflow read(RunInfo run) throws WorkflowException {
    String text;
    try {
      text =
          GitCli.run(
              settings.repository(),
              null,
              "reading " + vendor.path(),
              "show",
              run.commit() + ":" + vendor.path());
    } catch (WorkflowException e) {
      throw new WorkflowException(
          vendor.path()
              + " does not exist at "
              + run.commit().substring(0, 12)
              + " in "
              + settings.repository()
              + "; generate it with `mvn azbuild:ci-config` and commit it (ci-local runs what is committed)",
          e);
    }
    return vendor == Vendor.GITHUB
        ? GithubReader.read(text, vendor.path())
        : CircleCiReader.read(text, vendor.path(), Optional.ofNullable(settings.workflow()));
  }

  private void prepare(Path workDir, Set<String> selected, boolean wholeRun) throws IOException {
    Files.createDirectories(workDir);
    if (wholeRun) {
      FileTrees.delete(workDir.resolve("jobs"));
      FileTrees.delete(workDir.resolve("workspace"));
      Files.deleteIfExists(workDir.resolve(RunRecord.FILE));
    } else {
      for (String job : selected) {
        FileTrees.delete(workDir.resolve("jobs").resolve(job));
        FileTrees.delete(workDir.resolve("workspace").resolve(job));
      }
    }
    Path bin = workDir.resolve("bin");
    Files.createDirectories(bin);
    Path mvn = bin.resolve("mvn");
    String home = settings.mavenHome().toAbsolutePath().toString().replace("'", "'\\''");
    Files.writeString(
        mvn,
        "#!/bin/sh\n# ci-local: the jobs' mvn is this Maven (3.9+: it reads MAVEN_ARGS)\nexec '"
            + home
            + "/bin/mvn' \"$@\"\n",
        StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private void schedule(LocalWorkflow workflow, RunContext ctx, Set<String> selected)
      throws IOException {
    List<LocalJob> pending =
        new ArrayList<>(workflow.jobs().stream().filter(j -> selected.contains(j.id())).toList());
    Map<String, Instant> running = new LinkedHashMap<>();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            settings.concurrency(),
            r -> {
              Thread t = new Thread(r, "ci-local-job");
              t.setDaemon(true);
              return t;
            });
    CompletionService<JobResult> done = new ExecutorCompletionService<>(pool);
    try {
      while (!pending.isEmpty() || !running.isEmpty()) {
        boolean progress = true;
        while (progress) {
          progress = false;
          for (LocalJob job : List.copyOf(pending)) {
            if (job.needs().stream().anyMatch(n -> ctx.result(n.job()) == null)) {
              continue;
            }
            Optional<JobResult> decided = decide(job, workflow, ctx);
            if (decided.isPresent()) {
              pending.remove(job);
              ctx.record(decided.get());
              LOG.info(
                  "ci-local: {} {}: {}",
                  pad(decided.get().outcome().word()),
                  job.id(),
                  decided.get().reason());
              progress = true;
            } else if (running.size() < settings.concurrency()) {
              pending.remove(job);
              if (sweep != null) {
                List<String> untagged = sweep.beforeJob(Instant.now(), running.values());
                if (!untagged.isEmpty()) {
                  LOG.debug(
                      "ci-local: untagged {} image(s) of this build before {}: {}",
                      untagged.size(),
                      job.id(),
                      untagged);
                }
              }
              Instant start = Instant.now();
              running.put(job.id(), start);
              LOG.info("ci-local: {} {}", pad("start"), job.id());
              done.submit(() -> runJob(job, ctx, start));
              progress = true;
            }
          }
        }
        if (running.isEmpty()) {
          if (!pending.isEmpty()) {
            throw new IllegalStateException(
                "jobs " + pending.stream().map(LocalJob::id).toList() + " can never start");
          }
          break;
        }
        JobResult result;
        try {
          result = done.take().get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while jobs were running", e);
        } catch (ExecutionException e) {
          throw new IOException("a job could not be run: " + e.getCause(), e.getCause());
        }
        running.remove(result.job());
        ctx.record(result);
        String took = String.format(java.util.Locale.ROOT, "%.1f s", result.seconds());
        if (result.outcome() == Outcome.SUCCESS) {
          LOG.info("ci-local: {} {} ({})", pad(result.outcome().word()), result.job(), took);
        } else {
          LOG.error(
              "ci-local: {} {} ({}): {}; log {}",
              pad(result.outcome().word()),
              result.job(),
              took,
              result.reason(),
              result.log());
          tail(result.log()).forEach(line -> LOG.error("ci-local:   | {}", line));
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private JobResult runJob(LocalJob job, RunContext ctx, Instant start) {
    JobRun run = new JobRun(job, ctx, start);
    String failure;
    try {
      failure = run.run();
    } catch (IOException | RuntimeException e) {
      failure = "could not run: " + e;
    }
    return new JobResult(
        job.id(),
        failure.isEmpty() ? Outcome.SUCCESS : Outcome.FAILED,
        failure,
        start,
        Instant.now(),
        run.log(),
        false);
  }

  /** Whether a job whose needs all ended is left out: its result then, else empty (it runs). */
  private Optional<JobResult> decide(LocalJob job, LocalWorkflow workflow, RunContext ctx) {
    if (vendor == Vendor.GITHUB) {
      boolean allSucceeded =
          job.needs().stream().allMatch(n -> ctx.result(n.job()).outcome() == Outcome.SUCCESS);
      boolean ancestorFailed = ancestorFailed(job, workflow, ctx);
      GithubExpressions.Context context = jobContext(ctx, allSucceeded, ancestorFailed);
      if (GithubExpressions.condition(job.condition(), context)) {
        return Optional.empty();
      }
      // GitHub shows both as skipped; say which: its own condition (a deploy job on a branch), or
      // its needs
      boolean ownCondition =
          GithubExpressions.callsStatusFunction(job.condition())
              || GithubExpressions.condition(
                  job.condition(), jobContext(ctx, true, ancestorFailed));
      if (ownCondition && !allSucceeded) {
        LocalJob.Need need =
            job.needs().stream()
                .filter(n -> ctx.result(n.job()).outcome() != Outcome.SUCCESS)
                .findFirst()
                .orElseThrow();
        return Optional.of(
            notRun(job, "needs '" + need.job() + "', which " + ended(ctx.result(need.job()))));
      }
      return Optional.of(
          new JobResult(
              job.id(),
              Outcome.SKIPPED,
              "if: " + job.condition().strip() + " is false (branch " + ctx.run().branch() + ")",
              null,
              null,
              null,
              false));
    }
    if (!job.branches().accepts(ctx.run().branch())) {
      return Optional.of(
          new JobResult(
              job.id(),
              Outcome.SKIPPED,
              "filters: branches "
                  + job.branches().describe()
                  + " (branch "
                  + ctx.run().branch()
                  + ")",
              null,
              null,
              null,
              false));
    }
    List<LocalJob.Need> considered =
        job.needs().stream().filter(n -> ctx.result(n.job()).outcome() != Outcome.SKIPPED).toList();
    if (!job.needs().isEmpty() && considered.isEmpty()) {
      return Optional.of(
          new JobResult(
              job.id(),
              Outcome.SKIPPED,
              "every job it requires was filtered out",
              null,
              null,
              null,
              false));
    }
    for (LocalJob.Need need : considered) {
      if (!need.accepted().contains(ctx.result(need.job()).outcome())) {
        return Optional.of(
            notRun(job, "requires '" + need.job() + "', which " + ended(ctx.result(need.job()))));
      }
    }
    return Optional.empty();
  }

  private static JobResult notRun(LocalJob job, String reason) {
    return new JobResult(job.id(), Outcome.NOT_RUN, reason, null, null, null, false);
  }

  private static String ended(JobResult r) {
    return switch (r.outcome()) {
      case SUCCESS -> "passed";
      case FAILED -> "failed";
      case SKIPPED -> "was skipped";
      case NOT_RUN -> "did not run";
    };
  }

  private static boolean ancestorFailed(LocalJob job, LocalWorkflow workflow, RunContext ctx) {
    Map<String, LocalJob> byId = workflow.byId();
    List<String> todo = new ArrayList<>(job.needs().stream().map(LocalJob.Need::job).toList());
    Set<String> seen = new HashSet<>();
    while (!todo.isEmpty()) {
      String id = todo.remove(0);
      if (!seen.add(id)) {
        continue;
      }
      if (ctx.result(id) != null && ctx.result(id).outcome() == Outcome.FAILED) {
        return true;
      }
      byId.get(id).needs().forEach(n -> todo.add(n.job()));
    }
    return false;
  }

  private GithubExpressions.Context jobContext(
      RunContext ctx, boolean allSucceeded, boolean ancestorFailed) {
    RunInfo run = ctx.run();
    return new GithubExpressions.Context() {
      @Override
      public Object lookup(List<String> path) {
        String key = path.size() > 1 ? path.get(1) : "";
        return switch (path.get(0)) {
          case "github" ->
              switch (key) {
                case "ref" -> "refs/heads/" + run.branch();
                case "ref_name" -> run.branch();
                case "sha" -> run.commit();
                case "event_name" -> "push";
                case "ref_type" -> "branch";
                case "run_id" -> Long.toString(run.runId());
                case "run_attempt" -> Integer.toString(run.attempt());
                default -> "";
              };
          case "vars", "secrets" -> settings.hostEnv().getOrDefault(key, "");
          case "needs" -> {
            JobResult r = path.size() > 2 && "result".equals(path.get(2)) ? ctx.result(key) : null;
            yield r == null
                ? null
                : switch (r.outcome()) {
                  case SUCCESS -> "success";
                  case FAILED -> "failure";
                  default -> "skipped";
                };
          }
          default -> null;
        };
      }

      @Override
      public boolean status(String function) {
        return switch (function) {
          case "success" -> allSucceeded;
          case "failure" -> ancestorFailed;
          default -> false;
        };
      }
    };
  }

  private void summary(RunReport report, RunContext ctx, Instant t0) {
    RunInfo run = report.run();
    double seconds = (Instant.now().toEpochMilli() - t0.toEpochMilli()) / 1000.0;
    LOG.info(
        "ci-local: summary of {} at {} (branch {}{}): {} jobs in {} s: {} passed, {} failed, {} skipped, {} not run",
        run.file(),
        run.commit().substring(0, 12),
        run.branch(),
        run.attempt() > 1 ? ", attempt " + run.attempt() : "",
        report.results().size(),
        String.format(java.util.Locale.ROOT, "%.1f", seconds),
        report.count(Outcome.SUCCESS),
        report.count(Outcome.FAILED),
        report.count(Outcome.SKIPPED),
        report.count(Outcome.NOT_RUN));
    int width =
        Math.max(3, report.results().stream().mapToInt(r -> r.job().length()).max().orElse(3));
    LOG.info(
        "ci-local:   {}  {}  {}  {}",
        String.format("%-" + width + "s", "JOB"),
        pad("RESULT"),
        "SECONDS",
        "DETAIL");
    for (JobResult r : report.results()) {
      String detail =
          r.fromEarlierRun()
              ? "(earlier attempt) " + r.reason()
              : r.outcome() == Outcome.SUCCESS
                  ? "log " + r.log()
                  : r.reason() + (r.log() != null ? "; log " + r.log() : "");
      LOG.info(
          "ci-local:   {}  {}  {}  {}",
          String.format("%-" + width + "s", r.job()),
          pad(r.outcome().word()),
          String.format(java.util.Locale.ROOT, "%7.1f", r.seconds()),
          detail.strip());
    }
    ctx.unsupported()
        .forEach(
            (action, jobs) ->
                LOG.warn(
                    "ci-local: {} has no local equivalent and was skipped in {}",
                    action,
                    abbreviate(jobs)));
  }

  /** The last lines of a failed job's log, for the console. */
  private static List<String> tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return lines.subList(Math.max(0, lines.size() - 15), lines.size());
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }

  private static String pad(String word) {
    return String.format("%-7s", word);
  }

  static String abbreviate(java.util.Collection<String> names) {
    List<String> list = new ArrayList<>(names);
    return list.size() <= 10
        ? String.join(", ", list)
        : String.join(", ", list.subList(0, 10)) + " and " + (list.size() - 10) + " more";
  }
}
