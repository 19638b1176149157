package dev.azbuild.ci.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** What the jobs of one run share: settings, ids, directories, results so far. Thread-safe. */
final class RunContext {

  /**
   * Variables of this machine a CI job would not have: the CI's own (a run inside a CI must not
   * look like that CI's job) and what azbuild:setenv wrote for another checkout.
   */
  private static final List<String> DROPPED_PREFIXES =
      List.of(
          "GITHUB_", "RUNNER_", "ACTIONS_", "CIRCLE_", "CI_", "GITLAB_", "BUILDKITE", "JENKINS_");

  private static final Set<String> DROPPED =
      Set.of(
          "CI",
          "CIRCLECI",
          "BASH_ENV",
          "MAVEN_ARGS",
          "BRANCH_NAME",
          "CHANGE_BRANCH",
          "CHANGE_TARGET",
          "GIT_BRANCH",
          "GIT_COMMIT",
          "GIT_DIR",
          "GIT_WORK_TREE",
          "AZBUILD_CI",
          "AZBUILD_BRANCH",
          "AZBUILD_BRANCH_TAG",
          "AZBUILD_COMMIT",
          "AZBUILD_DEFAULT_BRANCH",
          "AZBUILD_IS_DEFAULT_BRANCH",
          "AZBUILD_TARGET_BRANCH",
          "AZBUILD_BASE",
          "AZBUILD_BASE_HOW",
          "AZBUILD_MODE",
          "AZBUILD_BUILD_URL");

  private final RunSettings settings;
  private final RunInfo run;
  private final LocalWorkflow workflow;
  private final Map<String, String> baseEnvironment;
  private final Map<String, JobResult> results = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> unsupported = new ConcurrentHashMap<>();

  RunContext(RunSettings settings, RunInfo run, LocalWorkflow workflow) {
    this.settings = settings;
    this.run = run;
    this.workflow = workflow;
    Map<String, String> env = new LinkedHashMap<>();
    settings
        .hostEnv()
        .forEach(
            (k, v) -> {
              if (!DROPPED.contains(k) && DROPPED_PREFIXES.stream().noneMatch(k::startsWith)) {
                env.put(k, v);
              }
            });
    env.putAll(settings.extraEnv());
    this.baseEnvironment = Map.copyOf(env);
  }

  RunSettings settings() {
    return settings;
  }

  RunInfo run() {
    return run;
  }

  Vendor vendor() {
    return run.vendor();
  }

  Map<String, String> baseEnvironment() {
    return baseEnvironment;
  }

  Path binDir() {
    return settings.workDir().resolve("bin");
  }

  Path jobDir(String job) {
    return settings.workDir().resolve("jobs").resolve(job);
  }

  /**
   * MAVEN_ARGS (read by Maven 3.9+): the job's own empty repository chained to the shared read-only
   * one.
   */
  String mavenArgs(Path jobRepository) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "-Dmaven.repo.local=" + jobRepository,
                "-Dmaven.repo.local.tail=" + settings.sharedRepository()));
    if (settings.offline()) {
      args.add("-o");
    }
    args.addAll(settings.mavenArgs());
    return String.join(" ", args);
  }

  int buildNum(String job) {
    List<LocalJob> jobs = workflow.jobs();
    for (int i = 0; i < jobs.size(); i++) {
      if (jobs.get(i).id().equals(job)) {
        return run.firstBuildNum() + i;
      }
    }
    return run.firstBuildNum();
  }

  void record(JobResult result) {
    results.put(result.job(), result);
  }

  JobResult result(String job) {
    return results.get(job);
  }

  /**
   * Artifacts uploaded in this run so far (also by jobs of the run this one re-runs jobs of), by
   * name.
   */
  Map<String, Path> artifacts() throws IOException {
    Map<String, Path> artifacts = new LinkedHashMap<>();
    for (LocalJob job : workflow.jobs()) {
      Path dir = jobDir(job.id()).resolve("artifacts");
      if (Files.isDirectory(dir)) {
        try (Stream<Path> list = Files.list(dir)) {
          list.filter(Files::isDirectory)
              .sorted()
              .forEach(p -> artifacts.putIfAbsent(p.getFileName().toString(), p));
        }
      }
    }
    return artifacts;
  }

  /** The job that uploaded an artifact of this name in this run, or null. */
  String artifactOwner(String name, String asking) {
    for (LocalJob job : workflow.jobs()) {
      if (!job.id().equals(asking)
          && Files.isDirectory(jobDir(job.id()).resolve("artifacts").resolve(name))) {
        return job.id();
      }
    }
    return null;
  }

  Path workspaceLayer(String job) {
    return settings.workDir().resolve("workspace").resolve(job);
  }

  /** The workspace layers of the jobs {@code job} waits for, directly or not, in workflow order. */
  List<Path> upstreamLayers(String job) {
    Map<String, LocalJob> byId = workflow.byId();
    Set<String> upstream = new LinkedHashSet<>();
    List<String> todo = new ArrayList<>(List.of(job));
    while (!todo.isEmpty()) {
      for (LocalJob.Need n : byId.get(todo.remove(0)).needs()) {
        if (upstream.add(n.job())) {
          todo.add(n.job());
        }
      }
    }
    List<Path> layers = new ArrayList<>();
    for (LocalJob j : workflow.jobs()) {
      Path layer = workspaceLayer(j.id());
      if (upstream.contains(j.id()) && Files.isDirectory(layer)) {
        layers.add(layer);
      }
    }
    return layers;
  }

  void warnUnsupported(String job, String action) {
    unsupported.computeIfAbsent(action, a -> ConcurrentHashMap.newKeySet()).add(job);
  }

  Map<String, Set<String>> unsupported() {
    return unsupported;
  }
}
