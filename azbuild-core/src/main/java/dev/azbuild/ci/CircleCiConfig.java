package dev.azbuild.ci;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code .circleci/config.yml} (version 2.1): an executor and two commands shared by every job
 * ({@code azbuild-prepare}: checkout, Maven repository cache, Docker, extra steps, setenv;
 * {@code azbuild-save-cache}), a build job per image module, a deploy job per module, and one
 * workflow whose {@code requires} are the module graph's edges.
 */
public final class CircleCiConfig {

  static final String EXECUTOR = "azbuild";
  static final String PREPARE = "azbuild-prepare";
  static final String SAVE_CACHE = "azbuild-save-cache";
  static final String WORKFLOW = "azbuild";
  /** The cache key hashes every pom, so a dependency change starts a fresh Maven repository cache. */
  static final String CACHE_KEY_FILE = "/tmp/azbuild-maven-cache-key";
  static final String CACHE_KEY = "azbuild-maven-{{ checksum \"" + CACHE_KEY_FILE + "\" }}";

  private CircleCiConfig() {}

  public static String render(CiGraph graph, CiOptions options) {
    CircleCiOptions circle = options.circleci();
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("version", 2.1);

    Map<String, Object> executor = new LinkedHashMap<>(circle.executor());
    circle.resourceClass().ifPresent(rc -> executor.put("resource_class", rc));
    if (!circle.environment().isEmpty()) {
      executor.put("environment", new LinkedHashMap<>(circle.environment()));
    }
    root.put("executors", Map.of(EXECUTOR, executor));

    Map<String, Object> commands = new LinkedHashMap<>();
    commands.put(PREPARE, command("Check out, restore the Maven repository, set up Docker and run azbuild:setenv",
        prepareSteps(circle, options)));
    commands.put(SAVE_CACHE, command("Save the Maven repository",
        List.of(Map.of("save_cache", map("key", CACHE_KEY, "paths", List.of("~/.m2/repository"))))));
    root.put("commands", commands);

    Map<String, Object> jobs = new LinkedHashMap<>();
    for (CiModule m : graph.modules()) {
      jobs.put(m.buildJob(), job(List.of(PREPARE, run("azbuild build " + label(m), options.build(m)), SAVE_CACHE)));
    }
    for (CiModule m : graph.modules()) {
      jobs.put(m.deployJob(), job(List.of(PREPARE, run("azbuild deploy " + label(m), options.deploy(m)))));
    }
    root.put("jobs", jobs);

    List<Object> workflowJobs = new ArrayList<>();
    for (CiModule m : graph.modules()) {
      Map<String, Object> settings = new LinkedHashMap<>();
      if (!m.upstreamBuildJobs().isEmpty()) {
        settings.put("requires", m.upstreamBuildJobs());
      }
      workflowJobs.add(workflowJob(m.buildJob(), settings, circle));
    }
    for (int i = 0; i < graph.modules().size(); i++) {
      Map<String, Object> settings = new LinkedHashMap<>();
      settings.put("requires", graph.deployRequires(i));
      settings.put("filters", Map.of("branches", Map.of("only", graph.defaultBranch())));
      workflowJobs.add(workflowJob(graph.modules().get(i).deployJob(), settings, circle));
    }
    root.put("workflows", Map.of(WORKFLOW, Map.of("jobs", workflowJobs)));
    return CiHeader.text() + Yaml.dump(root);
  }

  private static List<Object> prepareSteps(CircleCiOptions circle, CiOptions options) {
    List<Object> steps = new ArrayList<>();
    steps.add("checkout");
    steps.add(run("Maven cache key", "find . -name pom.xml -not -path '*/target/*' | sort | xargs cat > " + CACHE_KEY_FILE));
    steps.add(Map.of("restore_cache", Map.of("keys", List.of(CACHE_KEY, "azbuild-maven-"))));
    if (circle.needsRemoteDocker()) {
      steps.add("setup_remote_docker");
    }
    steps.addAll(circle.extraSteps());
    steps.add(run("azbuild setenv", options.setenv()));
    return steps;
  }

  private static Object workflowJob(String name, Map<String, Object> settings, CircleCiOptions circle) {
    if (!circle.contexts().isEmpty()) {
      settings.put("context", circle.contexts());
    }
    return settings.isEmpty() ? name : Map.of(name, settings);
  }

  private static Map<String, Object> command(String description, List<Object> steps) {
    return map("description", description, "steps", steps);
  }

  private static Map<String, Object> job(List<Object> steps) {
    return map("executor", EXECUTOR, "steps", steps);
  }

  private static Map<String, Object> run(String name, String command) {
    return Map.of("run", map("name", name, "command", command));
  }

  static String label(CiModule m) {
    return m.dir().isEmpty() ? m.selector().substring(1) : m.dir();
  }

  /** An insertion-ordered map of two entries. */
  static Map<String, Object> map(String k1, Object v1, String k2, Object v2) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(k1, v1);
    m.put(k2, v2);
    return m;
  }
}
