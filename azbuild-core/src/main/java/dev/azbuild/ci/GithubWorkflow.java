package dev.azbuild.ci;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code .github/workflows/azbuild.yml}: on every branch push, the build jobs of the {@link
 * CiLayout} (each uploads its {@code build.json} as an artifact), the gate job {@value
 * CiLayout#GATE} after all of them, whatever their outcome (it downloads the reports, runs {@code
 * azbuild:ci-collect} and fails unless every module was built), and the deploy jobs after the gate,
 * one after the other, only on the default branch.
 */
public final class GithubWorkflow {

  static final String CHECKOUT = "actions/checkout@v4";
  static final String SETUP_JAVA = "actions/setup-java@v4";
  static final String UPLOAD = "actions/upload-artifact@v4";
  static final String DOWNLOAD = "actions/download-artifact@v4";

  /** Each build job's report is the artifact {@code azbuild-report-<job id>}. */
  static final String REPORT_ARTIFACT = "azbuild-report-";

  /** Runs a step or job also after a failure, not after a cancel. */
  static final String ALWAYS = "${{ always() }}";

  static final String NOT_CANCELLED = "${{ !cancelled() }}";

  private GithubWorkflow() {}

  public static String render(CiGraph graph, CiOptions options) {
    return render(CiLayout.of(graph, options.groupAbove()), options);
  }

  public static String render(CiLayout layout, CiOptions options) {
    GithubOptions github = options.github();
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("name", "azbuild");
    root.put("on", Map.of("push", Map.of("branches", List.of("**"))));
    root.put("env", CircleCiConfig.environment(layout, github.env()));
    Map<String, Object> jobs = new LinkedHashMap<>();
    for (CiJob build : layout.builds()) {
      List<Object> steps = steps(options);
      if (!build.mavenBuiltSelectors().isEmpty()) {
        steps.add(
            step("Maven package " + build.mavenBuiltSelectors(), options.mavenPackage(build)));
      }
      steps.add(step("azbuild build " + build.moduleLabels(), options.build(build)));
      steps.add(
          upload(
              "Keep the build report", REPORT_ARTIFACT + build.id(), "target/azbuild/build.json"));
      jobs.put(build.id(), job(build, null, github, steps));
    }
    CiJob gate = layout.gate();
    List<Object> gateSteps = steps(options);
    Map<String, Object> download = new LinkedHashMap<>();
    download.put("pattern", REPORT_ARTIFACT + "*");
    download.put("path", CiOptions.REPORTS_DIR);
    gateSteps.add(map("name", "Download the build reports", "uses", DOWNLOAD, "with", download));
    gateSteps.add(step("azbuild ci-collect", options.collect()));
    gateSteps.add(
        upload("Keep the graph and the merged build report", "azbuild-graph", "target/azbuild"));
    jobs.put(gate.id(), job(gate, NOT_CANCELLED, github, gateSteps));
    for (CiJob deploy : layout.deploys()) {
      List<Object> steps = steps(options);
      steps.add(step("azbuild deploy " + deploy.moduleLabels(), options.deploy(deploy)));
      jobs.put(
          deploy.id(),
          job(deploy, "github.ref == 'refs/heads/" + layout.defaultBranch() + "'", github, steps));
    }
    root.put("jobs", jobs);
    return CiHeader.text() + Yaml.dump(root);
  }

  private static Map<String, Object> job(
      CiJob job, String condition, GithubOptions github, List<Object> steps) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", job.name());
    if (!job.needs().isEmpty()) {
      body.put("needs", job.needs());
    }
    if (condition != null) {
      body.put("if", condition);
    }
    body.put("runs-on", github.runsOn());
    body.put("steps", steps);
    return body;
  }

  /** Checkout, Java, the user's extra steps and setenv: how every job starts. */
  private static List<Object> steps(CiOptions options) {
    List<Object> steps = new ArrayList<>();
    // full history: diff mode and setenv's base commit need the merge-base with the default branch
    steps.add(CircleCiConfig.map("uses", CHECKOUT, "with", Map.of("fetch-depth", 0)));
    Map<String, Object> java = new LinkedHashMap<>();
    java.put("distribution", "temurin");
    java.put("java-version", options.github().javaVersion());
    java.put("cache", "maven");
    steps.add(CircleCiConfig.map("uses", SETUP_JAVA, "with", java));
    steps.addAll(options.github().extraSteps());
    steps.add(step("azbuild setenv", options.setenv()));
    return steps;
  }

  /** An upload that runs also when an earlier step failed (a failed build's report says why). */
  private static Map<String, Object> upload(String name, String artifact, String path) {
    Map<String, Object> with = new LinkedHashMap<>();
    with.put("name", artifact);
    with.put("path", path);
    with.put("if-no-files-found", "ignore");
    with.put("overwrite", true); // a re-run of the job replaces its report
    Map<String, Object> step = map("name", name, "if", ALWAYS, "uses", UPLOAD);
    step.put("with", with);
    return step;
  }

  private static Map<String, Object> step(String name, String run) {
    return CircleCiConfig.map("name", name, "run", run);
  }

  private static Map<String, Object> map(
      String k1, Object v1, String k2, Object v2, String k3, Object v3) {
    Map<String, Object> m = CircleCiConfig.map(k1, v1, k2, v2);
    m.put(k3, v3);
    return m;
  }
}
