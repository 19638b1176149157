package dev.azbuild.ci.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a GitHub Actions workflow: {@code env}, {@code jobs} with {@code name}, {@code needs},
 * {@code if}, {@code env}, {@code runs-on} (any: jobs run on this machine), {@code
 * timeout-minutes}, {@code defaults.run.working-directory} and {@code steps} ({@code run} with
 * {@code name}, {@code env}, {@code if}, {@code working-directory}, {@code shell: bash}, {@code
 * continue-on-error}; {@code uses} with {@code with}). Matrices, reusable workflows, job containers
 * and services are refused.
 */
public final class GithubReader {

  private static final Set<String> IGNORED_JOB_KEYS =
      Set.of(
          "name",
          "needs",
          "if",
          "env",
          "runs-on",
          "steps",
          "timeout-minutes",
          "defaults",
          "permissions",
          "outputs",
          "concurrency",
          "environment",
          "continue-on-error");

  private GithubReader() {}

  /**
   * @param file the file's name in errors
   * @throws WorkflowException one line naming the file, the job and the fix
   */
  public static LocalWorkflow read(String text, String file) throws WorkflowException {
    YamlValues y = new YamlValues(file);
    Map<String, Object> root = y.root(text);
    Map<String, String> workflowEnv = y.env(root.get("env"), "env");
    checkExpressions(y, workflowEnv.values(), "env", false);
    Map<String, Object> jobs = y.map(root.get("jobs"), "jobs");
    List<LocalJob> result = new ArrayList<>();
    for (Map.Entry<String, Object> e : jobs.entrySet()) {
      result.add(job(y, e.getKey(), y.map(e.getValue(), "job '" + e.getKey() + "'"), workflowEnv));
    }
    return new LocalWorkflow(Vendor.GITHUB, file, result).validate();
  }

  private static LocalJob job(
      YamlValues y, String id, Map<String, Object> job, Map<String, String> workflowEnv)
      throws WorkflowException {
    String where = "job '" + id + "'";
    for (String unsupported : List.of("strategy", "uses", "container", "services")) {
      if (job.containsKey(unsupported)) {
        throw y.error(
            where,
            "uses '"
                + unsupported
                + "', which ci-local cannot run (it runs each job once, as"
                + " bash steps on this machine); run the file `mvn azbuild:ci-config` generates, or remove '"
                + unsupported
                + "'");
      }
    }
    for (String key : job.keySet()) {
      if (!IGNORED_JOB_KEYS.contains(key)) {
        throw y.error(
            where,
            "has the key '"
                + key
                + "', which ci-local does not know; remove it or run the generated file");
      }
    }
    List<LocalJob.Need> needs = new ArrayList<>();
    for (String need : y.strings(job.get("needs"), where + " needs")) {
      needs.add(LocalJob.Need.success(need));
    }
    String condition = YamlValues.text(job.get("if"));
    checkExpressions(y, List.of(condition), where + " if", true);
    Map<String, String> env = new LinkedHashMap<>(workflowEnv);
    env.putAll(y.env(job.get("env"), where + " env"));
    checkExpressions(y, env.values(), where + " env", false);
    String workingDirectory =
        YamlValues.text(
            y.map(
                    y.map(job.get("defaults"), where + " defaults").get("run"),
                    where + " defaults.run")
                .get("working-directory"));
    List<LocalStep> steps = new ArrayList<>();
    List<Object> rawSteps = y.list(job.get("steps"), where + " steps");
    if (rawSteps.isEmpty()) {
      throw y.error(
          where, "has no steps; give it steps or regenerate the file with `mvn azbuild:ci-config`");
    }
    for (int i = 0; i < rawSteps.size(); i++) {
      steps.add(
          step(
              y,
              where + " step " + (i + 1),
              y.map(rawSteps.get(i), where + " step " + (i + 1)),
              workingDirectory));
    }
    int timeout =
        (int) Math.round(number(y, job.get("timeout-minutes"), where + " timeout-minutes"));
    return new LocalJob(
        id,
        job.containsKey("name") ? YamlValues.text(job.get("name")) : id,
        needs,
        condition,
        BranchFilter.ANY,
        env,
        steps,
        "",
        timeout);
  }

  private static LocalStep step(
      YamlValues y, String where, Map<String, Object> step, String defaultDir)
      throws WorkflowException {
    String condition = YamlValues.text(step.get("if"));
    checkExpressions(y, List.of(condition), where + " if", true);
    String name = YamlValues.text(step.get("name"));
    checkExpressions(y, List.of(name), where + " name", false);
    if (step.containsKey("run") == step.containsKey("uses")) {
      throw y.error(where, "must have either 'run' or 'uses'");
    }
    if (step.containsKey("run")) {
      String command = YamlValues.text(step.get("run"));
      Map<String, String> env = y.env(step.get("env"), where + " env");
      checkExpressions(y, List.of(command), where + " run", false);
      checkExpressions(y, env.values(), where + " env", false);
      String shell = YamlValues.text(step.get("shell"));
      if (!shell.isEmpty() && !shell.equals("bash") && !shell.equals("sh")) {
        throw y.error(
            where, "runs in the shell '" + shell + "'; ci-local runs bash and sh steps only");
      }
      String dir =
          step.containsKey("working-directory")
              ? YamlValues.text(step.get("working-directory"))
              : defaultDir;
      return new LocalStep.Run(
          name.isEmpty() ? defaultName(command) : name,
          command,
          env,
          dir,
          condition,
          Boolean.TRUE.equals(step.get("continue-on-error")));
    }
    String uses = YamlValues.text(step.get("uses"));
    Map<String, Object> with = y.map(step.get("with"), where + " with");
    for (Object v : with.values()) {
      checkExpressions(y, List.of(YamlValues.text(v)), where + " with", false);
    }
    return new LocalStep.Builtin(name.isEmpty() ? uses : name, kind(uses), uses, with, condition);
  }

  /** GitHub's name for a run step without one: "Run" and the command's first line. */
  static String defaultName(String command) {
    return "Run " + command.strip().lines().findFirst().orElse("");
  }

  /** The local equivalent of an action, by its repository. */
  static LocalStep.Kind kind(String uses) {
    String action = uses.contains("@") ? uses.substring(0, uses.indexOf('@')) : uses;
    return switch (action) {
      case "actions/checkout" -> LocalStep.Kind.CHECKOUT;
      case "actions/setup-java" -> LocalStep.Kind.SETUP_JAVA;
      case "actions/cache", "actions/cache/restore", "actions/cache/save" -> LocalStep.Kind.CACHE;
      case "actions/upload-artifact" -> LocalStep.Kind.UPLOAD_ARTIFACT;
      case "actions/download-artifact" -> LocalStep.Kind.DOWNLOAD_ARTIFACT;
      default -> LocalStep.Kind.UNSUPPORTED;
    };
  }

  private static double number(YamlValues y, Object value, String where) throws WorkflowException {
    if (value == null) {
      return 0;
    }
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    throw y.error(where, "must be a number of minutes, got: " + YamlValues.brief(value));
  }

  private static void checkExpressions(
      YamlValues y, Iterable<String> texts, String where, boolean condition)
      throws WorkflowException {
    for (String text : texts) {
      if (text == null || text.isEmpty() || (!condition && !text.contains("${{"))) {
        continue;
      }
      String problem = GithubExpressions.problem(text, condition);
      if (problem != null) {
        throw y.error(
            where + ":",
            problem
                + "; ci-local evaluates ==, !=, &&, ||, !, success(), failure(), always(),"
                + " cancelled(), contains(), startsWith() and endsWith(): rewrite the expression, or run the file"
                + " `mvn azbuild:ci-config` generates");
      }
    }
  }
}
