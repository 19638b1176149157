package dev.azbuild.ci.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What each built-in step of a workflow becomes on this machine, printed before a run and in every
 * job's log.
 */
public final class StepMapping {

  private StepMapping() {}

  /** One line per distinct built-in step of the workflow, plus the machine and Maven. */
  static List<String> lines(LocalWorkflow workflow, RunContext ctx, String mavenVersion) {
    Map<String, String> lines = new LinkedHashMap<>();
    lines.put(
        workflow.vendor() == Vendor.GITHUB
            ? "runs-on (any)"
            : "executor (machine, docker, resource_class)",
        "this machine: bash steps here, the Docker daemon of DOCKER_HOST (else /var/run/docker.sock)");
    lines.put(
        "mvn",
        ctx.binDir().resolve("mvn")
            + " -> "
            + ctx.settings().mavenHome().resolve("bin/mvn")
            + " (Maven "
            + mavenVersion
            + "); MAVEN_ARGS="
            + ctx.mavenArgs(ctx.jobDir("<job>").resolve("m2")));
    for (LocalJob job : workflow.jobs()) {
      for (LocalStep step : job.steps()) {
        if (step instanceof LocalStep.Builtin b) {
          lines.putIfAbsent(b.action() + cacheNote(b), describe(b, ctx, "<job>"));
        }
      }
    }
    List<String> result = new ArrayList<>();
    lines.forEach((k, v) -> result.add(k + " -> " + v));
    return result;
  }

  private static String cacheNote(LocalStep.Builtin b) {
    return b.kind() == LocalStep.Kind.SETUP_JAVA && b.with().containsKey("cache")
        ? " (cache: " + b.with().get("cache") + ")"
        : "";
  }

  /** The local equivalent of one built-in step. */
  static String describe(LocalStep.Builtin step, RunContext ctx, String job) {
    String jobDir = ctx.jobDir(job).toString();
    String shared = ctx.settings().sharedRepository().toString();
    return switch (step.kind()) {
      case CHECKOUT ->
          "a fresh clone of "
              + ctx.settings().repository()
              + " with the run's commit checked out as its branch";
      case SETUP_JAVA ->
          "the JDK running this Maven ("
              + ctx.settings().javaHome()
              + ", Java "
              + Runtime.version().feature()
              + ") as JAVA_HOME"
              + (step.with().containsKey("cache")
                  ? "; its Maven cache: the shared read-only repository " + shared
                  : "");
      case CACHE ->
          "nothing: plugins and dependencies come from the shared read-only repository "
              + shared
              + " (maven.repo.local.tail), each job's own artifacts go to its empty "
              + jobDir
              + "/m2";
      case REMOTE_DOCKER -> "the local Docker daemon";
      case UPLOAD_ARTIFACT -> jobDir + "/artifacts/<name>/ (download-artifact finds it there)";
      case DOWNLOAD_ARTIFACT -> "copies of the artifacts this run's jobs uploaded";
      case STORE_ARTIFACTS -> jobDir + "/artifacts/";
      case PERSIST_WORKSPACE -> ctx.settings().workDir().resolve("workspace") + "/" + job + "/";
      case ATTACH_WORKSPACE ->
          "copies of the workspace layers of the jobs it waits for, in workflow order";
      case UNSUPPORTED -> "nothing: no local equivalent, skipped with a warning";
    };
  }
}
