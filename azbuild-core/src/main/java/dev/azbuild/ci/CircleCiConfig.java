package dev.azbuild.ci;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code .circleci/config.yml} (version 2.1): an executor and three commands shared by every job
 * ({@code azbuild-prepare}: checkout, Maven repository cache, Docker, extra steps, setenv; {@code
 * azbuild-keep-report}: the job's {@code build.json} into the workspace; {@code
 * azbuild-save-cache}), the jobs of the {@link CiLayout}, and one workflow whose {@code requires}
 * are the layout's {@code needs}: the gate {@value CiLayout#GATE} requires every build job to be
 * {@code terminal} (it runs whatever their outcome, and fails unless all built).
 */
public final class CircleCiConfig {

  static final String EXECUTOR = "azbuild";
  static final String PREPARE = "azbuild-prepare";
  static final String KEEP_REPORT = "azbuild-keep-report";
  static final String SAVE_CACHE = "azbuild-save-cache";
  static final String WORKFLOW = "azbuild";

  /**
   * The cache key hashes every pom, so a dependency change starts a fresh Maven repository cache.
   */
  static final String CACHE_KEY_FILE = "/tmp/azbuild-maven-cache-key";

  static final String CACHE_KEY = "azbuild-maven-{{ checksum \"" + CACHE_KEY_FILE + "\" }}";

  /**
   * Each build job persists {@code reports/<job>/build.json} below this root: distinct names, as
   * workspaces need.
   */
  static final String WORKSPACE_ROOT = "target/azbuild-ci";

  private CircleCiConfig() {}

  public static String render(CiGraph graph, CiOptions options) {
    return render(CiLayout.of(graph, options.groupAbove()), options);
  }

  public static String render(CiLayout layout, CiOptions options) {
    CircleCiOptions circle = options.circleci();
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("version", 2.1);

    Map<String, Object> executor = new LinkedHashMap<>(circle.executor());
    circle.resourceClass().ifPresent(rc -> executor.put("resource_class", rc));
    executor.put("environment", environment(layout, circle.environment()));
    root.put("executors", Map.of(EXECUTOR, executor));

    Map<String, Object> commands = new LinkedHashMap<>();
    commands.put(
        PREPARE,
        command(
            "Check out, restore the Maven repository, set up Docker and run azbuild:setenv",
            prepareSteps(circle, options)));
    commands.put(
        KEEP_REPORT,
        command(
            "Keep this job's build report for the " + CiLayout.GATE + " job",
            List.of(
                run(
                    "Keep the build report",
                    "mkdir -p "
                        + WORKSPACE_ROOT
                        + "/reports/$CIRCLE_JOB && cp target/azbuild/build.json "
                        + WORKSPACE_ROOT
                        + "/reports/$CIRCLE_JOB/"),
                Map.of(
                    "persist_to_workspace",
                    map("root", WORKSPACE_ROOT, "paths", List.of("reports"))))));
    commands.put(
        SAVE_CACHE,
        command(
            "Save the Maven repository",
            List.of(
                Map.of(
                    "save_cache", map("key", CACHE_KEY, "paths", List.of("~/.m2/repository"))))));
    root.put("commands", commands);

    Map<String, Object> jobs = new LinkedHashMap<>();
    for (CiJob build : layout.builds()) {
      List<Object> steps = new ArrayList<>(List.of(PREPARE));
      if (!build.mavenBuiltSelectors().isEmpty()) {
        steps.add(run("Maven package " + build.mavenBuiltSelectors(), options.mavenPackage(build)));
      }
      steps.add(run("azbuild build " + build.moduleLabels(), options.build(build)));
      steps.add(KEEP_REPORT);
      steps.add(SAVE_CACHE);
      jobs.put(build.id(), job(steps));
    }
    jobs.put(
        layout.gate().id(),
        job(
            List.of(
                PREPARE,
                Map.of("attach_workspace", Map.of("at", CiOptions.REPORTS_DIR)),
                run("azbuild ci-collect", options.collect()),
                Map.of(
                    "store_artifacts", map("path", "target/azbuild", "destination", "azbuild")))));
    for (CiJob deploy : layout.deploys()) {
      jobs.put(
          deploy.id(),
          job(
              List.of(
                  PREPARE,
                  run("azbuild deploy " + deploy.moduleLabels(), options.deploy(deploy)))));
    }
    root.put("jobs", jobs);

    List<Object> workflowJobs = new ArrayList<>();
    for (CiJob build : layout.builds()) {
      Map<String, Object> settings = new LinkedHashMap<>();
      if (!build.needs().isEmpty()) {
        settings.put("requires", build.needs());
      }
      workflowJobs.add(workflowJob(build.id(), settings, circle));
    }
    Map<String, Object> gate = new LinkedHashMap<>();
    gate.put(
        "requires",
        layout.gate().needs().stream().map(b -> (Object) Map.of(b, "terminal")).toList());
    workflowJobs.add(workflowJob(layout.gate().id(), gate, circle));
    for (CiJob deploy : layout.deploys()) {
      Map<String, Object> settings = new LinkedHashMap<>();
      settings.put("requires", deploy.needs());
      settings.put("filters", Map.of("branches", Map.of("only", layout.defaultBranch())));
      workflowJobs.add(workflowJob(deploy.id(), settings, circle));
    }
    root.put("workflows", Map.of(WORKFLOW, Map.of("jobs", workflowJobs)));
    return CiHeader.text() + Yaml.dump(root);
  }

  /**
   * An estimate of what CircleCI compiles the config to: every reusable command expanded into the
   * jobs that use it (CircleCI's 8 MB limit applies to that, not to the file), commands and
   * comments gone.
   */
  @SuppressWarnings("unchecked")
  static String compiled(String config) {
    Map<String, Object> root = new LinkedHashMap<>((Map<String, Object>) Yaml.parse(config));
    Map<String, Object> commands = (Map<String, Object>) root.remove("commands");
    Map<String, Object> jobs = (Map<String, Object>) root.get("jobs");
    if (commands != null && jobs != null) {
      Map<String, Object> expanded = new LinkedHashMap<>();
      jobs.forEach(
          (name, body) -> {
            Map<String, Object> job = new LinkedHashMap<>((Map<String, Object>) body);
            List<Object> steps = new ArrayList<>();
            for (Object step : (List<Object>) job.getOrDefault("steps", List.of())) {
              Object command = step instanceof String s ? commands.get(s) : null;
              if (command instanceof Map<?, ?> c && c.get("steps") instanceof List<?> inner) {
                steps.addAll(inner);
              } else {
                steps.add(step);
              }
            }
            job.put("steps", steps);
            expanded.put(name, job);
          });
      root.put("jobs", expanded);
    }
    return Yaml.dump(root);
  }

  /**
   * The variables of every job: the user's, and {@code AZBUILD_DEFAULT_BRANCH} (unless the user set
   * it), so setenv, the plan and deploy agree with the branch the deploy jobs' condition names.
   */
  static Map<String, String> environment(CiLayout layout, Map<String, String> user) {
    Map<String, String> env = new java.util.TreeMap<>(user);
    env.putIfAbsent("AZBUILD_DEFAULT_BRANCH", layout.defaultBranch());
    return env;
  }

  private static List<Object> prepareSteps(CircleCiOptions circle, CiOptions options) {
    List<Object> steps = new ArrayList<>();
    steps.add("checkout");
    steps.add(
        run(
            "Maven cache key",
            "find . -name pom.xml -not -path '*/target/*' | sort | xargs cat > " + CACHE_KEY_FILE));
    steps.add(Map.of("restore_cache", Map.of("keys", List.of(CACHE_KEY, "azbuild-maven-"))));
    if (circle.needsRemoteDocker()) {
      steps.add("setup_remote_docker");
    }
    steps.addAll(circle.extraSteps());
    steps.add(run("azbuild setenv", options.setenv()));
    return steps;
  }

  private static Object workflowJob(
      String name, Map<String, Object> settings, CircleCiOptions circle) {
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

  /** An insertion-ordered map of two entries. */
  static Map<String, Object> map(String k1, Object v1, String k2, Object v2) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(k1, v1);
    m.put(k2, v2);
    return m;
  }
}
