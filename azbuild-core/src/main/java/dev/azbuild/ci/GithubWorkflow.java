package dev.azbuild.ci;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code .github/workflows/azbuild.yml}: on every branch push, a build job per image module whose
 * {@code needs} are the module graph's edges, and a deploy job per module that needs every build job
 * and runs only on the default branch.
 */
public final class GithubWorkflow {

  static final String CHECKOUT = "actions/checkout@v4";
  static final String SETUP_JAVA = "actions/setup-java@v4";

  private GithubWorkflow() {}

  public static String render(CiGraph graph, CiOptions options) {
    GithubOptions github = options.github();
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("name", "azbuild");
    root.put("on", Map.of("push", Map.of("branches", List.of("**"))));
    if (!github.env().isEmpty()) {
      root.put("env", new LinkedHashMap<>(github.env()));
    }
    Map<String, Object> jobs = new LinkedHashMap<>();
    for (CiModule m : graph.modules()) {
      Map<String, Object> job = new LinkedHashMap<>();
      job.put("name", "build " + CircleCiConfig.label(m));
      if (!m.upstreamBuildJobs().isEmpty()) {
        job.put("needs", m.upstreamBuildJobs());
      }
      job.put("runs-on", github.runsOn());
      job.put("steps", steps(options, step("azbuild build " + CircleCiConfig.label(m), options.build(m))));
      jobs.put(m.buildJob(), job);
    }
    for (int i = 0; i < graph.modules().size(); i++) {
      CiModule m = graph.modules().get(i);
      Map<String, Object> job = new LinkedHashMap<>();
      job.put("name", "deploy " + CircleCiConfig.label(m));
      job.put("needs", graph.deployRequires(i));
      job.put("if", "github.ref == 'refs/heads/" + graph.defaultBranch() + "'");
      job.put("runs-on", github.runsOn());
      job.put("steps", steps(options, step("azbuild deploy " + CircleCiConfig.label(m), options.deploy(m))));
      jobs.put(m.deployJob(), job);
    }
    root.put("jobs", jobs);
    return CiHeader.text() + Yaml.dump(root);
  }

  private static List<Object> steps(CiOptions options, Map<String, Object> azbuildStep) {
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
    steps.add(azbuildStep);
    return steps;
  }

  private static Map<String, Object> step(String name, String run) {
    return CircleCiConfig.map("name", name, "run", run);
  }
}
