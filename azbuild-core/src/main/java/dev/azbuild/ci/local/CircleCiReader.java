package dev.azbuild.ci.local;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a CircleCI 2.1 config: {@code executors} ({@code environment}, {@code working_directory};
 * the image or machine itself is this machine), {@code commands} (reusable steps, with {@code
 * parameters}), {@code jobs} and one workflow from {@code workflows} with {@code requires} (plain,
 * or with the statuses {@code success}, {@code failed}, {@code canceled}, {@code not_run}, {@code
 * terminal}) and {@code filters: branches: only/ignore}. Steps: {@code run} (string, or {@code
 * name}, {@code command}, {@code environment}, {@code working_directory}, {@code when}), {@code
 * checkout}, {@code restore_cache}/{@code save_cache}, {@code setup_remote_docker}, {@code
 * persist_to_workspace}/{@code attach_workspace}, {@code store_artifacts}, {@code
 * store_test_results}. Orbs, matrices and conditional steps are refused.
 */
public final class CircleCiReader {

  private static final Pattern PARAMETER =
      Pattern.compile("<<\\s*parameters\\.([A-Za-z0-9_-]+)\\s*>>");
  private static final Pattern ANY_TEMPLATE = Pattern.compile("<<\\s*([^>]*?)\\s*>>");

  private CircleCiReader() {}

  /**
   * @param workflow the workflow to run; empty when the file has only one
   * @throws WorkflowException one line naming the file, the job and the fix
   */
  public static LocalWorkflow read(String text, String file, Optional<String> workflow)
      throws WorkflowException {
    YamlValues y = new YamlValues(file);
    Map<String, Object> root = y.root(text);
    if (root.containsKey("orbs")) {
      throw y.error(
          "orbs",
          "are used, which ci-local cannot fetch or run; inline their commands, or run the file"
              + " `mvn azbuild:ci-config` generates");
    }
    Map<String, Object> executors = y.map(root.get("executors"), "executors");
    Map<String, Object> commands = y.map(root.get("commands"), "commands");
    Map<String, Object> jobs = y.map(root.get("jobs"), "jobs");
    Map<String, Object> workflows = y.map(root.get("workflows"), "workflows");
    workflows.remove("version");
    if (workflows.isEmpty()) {
      throw y.error(
          "workflows",
          "are missing; ci-local runs a workflow: regenerate the file with `mvn azbuild:ci-config`");
    }
    String chosen =
        workflow
            .filter(w -> !w.isBlank())
            .orElseGet(() -> workflows.size() == 1 ? workflows.keySet().iterator().next() : null);
    if (chosen == null || !workflows.containsKey(chosen)) {
      throw y.error(
          "workflows",
          (chosen == null
                  ? "has " + workflows.size() + " workflows"
                  : "has no workflow '" + chosen + "'")
              + "; name one with -Dazbuild.ciLocal.workflow="
              + String.join("|", workflows.keySet()));
    }
    Map<String, Object> flow = y.map(workflows.get(chosen), "workflow '" + chosen + "'");
    for (String unsupported : List.of("when", "unless", "triggers")) {
      if (flow.containsKey(unsupported)) {
        throw y.error(
            "workflow '" + chosen + "'",
            "uses '"
                + unsupported
                + "', which ci-local does not evaluate; remove it"
                + " or run the generated file");
      }
    }
    List<LocalJob> result = new ArrayList<>();
    for (Object entry : y.list(flow.get("jobs"), "workflow '" + chosen + "' jobs")) {
      String jobName;
      Map<String, Object> settings;
      if (entry instanceof String s) {
        jobName = s;
        settings = Map.of();
      } else {
        Map<String, Object> m = y.map(entry, "workflow '" + chosen + "' jobs");
        if (m.size() != 1) {
          throw y.error(
              "workflow '" + chosen + "' jobs",
              "must name one job per entry, got: " + YamlValues.brief(m));
        }
        jobName = m.keySet().iterator().next();
        settings = y.map(m.get(jobName), "workflow job '" + jobName + "'");
      }
      String where = "workflow job '" + jobName + "'";
      if (settings.containsKey("matrix")) {
        throw y.error(
            where, "uses a matrix, which ci-local does not expand; run the generated file");
      }
      if (!jobs.containsKey(jobName)) {
        throw y.error(
            where,
            "names a job that the file's 'jobs' do not define; define it or remove it from the workflow");
      }
      String id = settings.containsKey("name") ? YamlValues.text(settings.get("name")) : jobName;
      Map<String, String> params = new LinkedHashMap<>();
      settings.forEach(
          (k, v) -> {
            if (!Set.of("requires", "filters", "context", "name", "type").contains(k)) {
              params.put(k, YamlValues.text(v));
            }
          });
      result.add(
          job(
              y,
              id,
              jobName,
              y.map(jobs.get(jobName), "job '" + jobName + "'"),
              settings,
              params,
              executors,
              commands));
    }
    return new LocalWorkflow(Vendor.CIRCLECI, file, result).validate();
  }

  private static LocalJob job(
      YamlValues y,
      String id,
      String jobName,
      Map<String, Object> job,
      Map<String, Object> settings,
      Map<String, String> params,
      Map<String, Object> executors,
      Map<String, Object> commands)
      throws WorkflowException {
    String where = "job '" + jobName + "'";
    if (YamlValues.text(settings.get("type")).equals("approval")) {
      throw y.error(
          "workflow job '" + id + "'",
          "is an approval job, which ci-local cannot approve; remove it or run the generated file");
    }
    List<LocalJob.Need> needs = new ArrayList<>();
    for (Object r : y.list(settings.get("requires"), "workflow job '" + id + "' requires")) {
      needs.add(need(y, r, id));
    }
    Map<String, Object> filters =
        y.map(settings.get("filters"), "workflow job '" + id + "' filters");
    if (filters.containsKey("tags")) {
      throw y.error(
          "workflow job '" + id + "'", "filters on tags; ci-local runs branch pipelines only");
    }
    Map<String, Object> branches =
        y.map(filters.get("branches"), "workflow job '" + id + "' filters.branches");
    BranchFilter filter =
        new BranchFilter(
            y.strings(branches.get("only"), "filters.branches.only"),
            y.strings(branches.get("ignore"), "filters.branches.ignore"));

    Map<String, String> env = new LinkedHashMap<>();
    String workingDirectory = "";
    Object executor = job.get("executor");
    if (executor != null) {
      String executorName =
          executor instanceof String s
              ? s
              : YamlValues.text(y.map(executor, where + " executor").get("name"));
      if (!executors.containsKey(executorName)) {
        throw y.error(
            where,
            "uses the executor '"
                + executorName
                + "', which 'executors' does not define; define it");
      }
      Map<String, Object> e = y.map(executors.get(executorName), "executor '" + executorName + "'");
      env.putAll(y.env(e.get("environment"), "executor '" + executorName + "' environment"));
      workingDirectory = YamlValues.text(e.get("working_directory"));
    }
    env.putAll(y.env(job.get("environment"), where + " environment"));
    if (job.containsKey("working_directory")) {
      workingDirectory = YamlValues.text(job.get("working_directory"));
    }
    if (job.containsKey("parallelism") && !YamlValues.text(job.get("parallelism")).equals("1")) {
      throw y.error(
          where,
          "has parallelism "
              + YamlValues.text(job.get("parallelism"))
              + "; ci-local runs each job once");
    }
    Map<String, String> jobParams = defaults(y, job.get("parameters"), where);
    jobParams.putAll(params);
    List<LocalStep> steps = new ArrayList<>();
    expand(y, y.list(job.get("steps"), where + " steps"), jobParams, commands, where, steps, 0);
    if (steps.isEmpty()) {
      throw y.error(
          where, "has no steps; give it steps or regenerate the file with `mvn azbuild:ci-config`");
    }
    return new LocalJob(id, id, needs, "", filter, env, steps, workingDirectory, 0);
  }

  private static LocalJob.Need need(YamlValues y, Object r, String id) throws WorkflowException {
    String where = "workflow job '" + id + "' requires";
    if (r instanceof String s) {
      return LocalJob.Need.success(s);
    }
    Map<String, Object> m = y.map(r, where);
    if (m.size() != 1) {
      throw y.error(where, "must name one job per entry, got: " + YamlValues.brief(m));
    }
    String job = m.keySet().iterator().next();
    Object statuses = m.get(job);
    Set<Outcome> accepted = EnumSet.noneOf(Outcome.class);
    for (String status :
        statuses == null ? List.of("success") : y.strings(statuses, where + " " + job)) {
      switch (status) {
        case "success" -> accepted.add(Outcome.SUCCESS);
        case "failed", "canceled" -> accepted.add(Outcome.FAILED); // nothing is cancelled locally
        case "not_run" -> accepted.add(Outcome.NOT_RUN);
        case "terminal" ->
            accepted.addAll(EnumSet.of(Outcome.SUCCESS, Outcome.FAILED, Outcome.NOT_RUN));
        default ->
            throw y.error(
                where,
                "names the status '"
                    + status
                    + "' for '"
                    + job
                    + "'; use success, failed, canceled, not_run or terminal");
      }
    }
    return new LocalJob.Need(job, accepted);
  }

  private static Map<String, String> defaults(YamlValues y, Object parameters, String where)
      throws WorkflowException {
    Map<String, String> values = new LinkedHashMap<>();
    for (Map.Entry<String, Object> p : y.map(parameters, where + " parameters").entrySet()) {
      Object def = y.map(p.getValue(), where + " parameter '" + p.getKey() + "'").get("default");
      if (def != null) {
        values.put(p.getKey(), YamlValues.text(def));
      }
    }
    return values;
  }

  /** Expands command invocations (recursively) into built-in and run steps. */
  private static void expand(
      YamlValues y,
      List<Object> steps,
      Map<String, String> params,
      Map<String, Object> commands,
      String where,
      List<LocalStep> out,
      int depth)
      throws WorkflowException {
    if (depth > 20) {
      throw y.error(where, "expands commands more than 20 levels deep; a command calls itself");
    }
    for (int i = 0; i < steps.size(); i++) {
      String at = where + " step " + (i + 1);
      Object step = steps.get(i);
      String name;
      Object body;
      if (step instanceof String s) {
        name = s;
        body = null;
      } else {
        Map<String, Object> m = y.map(step, at);
        if (m.size() != 1) {
          throw y.error(at, "must be one step, got: " + YamlValues.brief(m));
        }
        name = m.keySet().iterator().next();
        body = m.get(name);
      }
      if (commands.containsKey(name)) {
        Map<String, Object> command = y.map(commands.get(name), "command '" + name + "'");
        Map<String, String> args = defaults(y, command.get("parameters"), "command '" + name + "'");
        y.map(body, at + " (" + name + ")").forEach((k, v) -> args.put(k, YamlValues.text(v)));
        expand(
            y,
            y.list(command.get("steps"), "command '" + name + "' steps"),
            args,
            commands,
            where + " (command '" + name + "')",
            out,
            depth + 1);
        continue;
      }
      out.add(builtinOrRun(y, name, body, params, at));
    }
  }

  private static LocalStep builtinOrRun(
      YamlValues y, String name, Object body, Map<String, String> params, String at)
      throws WorkflowException {
    if (name.equals("run")) {
      if (body instanceof String command) {
        String c = substitute(y, command, params, at);
        return new LocalStep.Run(firstLine(c), c, Map.of(), "", "", false);
      }
      Map<String, Object> run = y.map(body, at + " run");
      String command = substitute(y, YamlValues.text(run.get("command")), params, at);
      if (command.isBlank()) {
        throw y.error(at, "is a run step without a command");
      }
      if (run.containsKey("shell") || Boolean.TRUE.equals(run.get("background"))) {
        throw y.error(
            at,
            "sets '"
                + (run.containsKey("shell") ? "shell" : "background")
                + "', which ci-local does not support; remove it");
      }
      Map<String, String> env = new LinkedHashMap<>();
      for (Map.Entry<String, String> e :
          y.env(run.get("environment"), at + " environment").entrySet()) {
        env.put(e.getKey(), substitute(y, e.getValue(), params, at));
      }
      String when = YamlValues.text(run.get("when"));
      if (!when.isEmpty() && !Set.of("always", "on_success", "on_fail").contains(when)) {
        throw y.error(at, "has when: " + when + "; use always, on_success or on_fail");
      }
      String stepName =
          run.containsKey("name")
              ? substitute(y, YamlValues.text(run.get("name")), params, at)
              : firstLine(command);
      return new LocalStep.Run(
          stepName,
          command,
          env,
          substitute(y, YamlValues.text(run.get("working_directory")), params, at),
          when,
          false);
    }
    Map<String, Object> with = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : y.map(body, at + " " + name).entrySet()) {
      with.put(
          e.getKey(),
          e.getValue() instanceof String s ? substitute(y, s, params, at) : e.getValue());
    }
    LocalStep.Kind kind =
        switch (name) {
          case "checkout" -> LocalStep.Kind.CHECKOUT;
          case "restore_cache", "save_cache" -> LocalStep.Kind.CACHE;
          case "setup_remote_docker" -> LocalStep.Kind.REMOTE_DOCKER;
          case "persist_to_workspace" -> LocalStep.Kind.PERSIST_WORKSPACE;
          case "attach_workspace" -> LocalStep.Kind.ATTACH_WORKSPACE;
          case "store_artifacts", "store_test_results" -> LocalStep.Kind.STORE_ARTIFACTS;
          case "when", "unless" ->
              throw y.error(
                  at,
                  "is a conditional step ('"
                      + name
                      + "'), which ci-local does not evaluate;"
                      + " remove it or run the generated file");
          case "add_ssh_keys" -> LocalStep.Kind.UNSUPPORTED;
          default ->
              throw y.error(
                  at,
                  "names '"
                      + name
                      + "', which is neither a built-in step nor one of the file's commands;"
                      + " define the command or fix the name");
        };
    return new LocalStep.Builtin(name, kind, name, with, YamlValues.text(with.get("when")));
  }

  /**
   * {@code << parameters.x >>} from the command's or job's parameters; other templates are refused.
   */
  private static String substitute(YamlValues y, String text, Map<String, String> params, String at)
      throws WorkflowException {
    Matcher m = PARAMETER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = params.get(m.group(1));
      if (value == null) {
        throw y.error(
            at,
            "uses << parameters."
                + m.group(1)
                + " >>, which has no value; give the parameter a default or a value");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    Matcher other = ANY_TEMPLATE.matcher(out);
    if (other.find()) {
      throw y.error(
          at,
          "uses << "
              + other.group(1)
              + " >>, which ci-local does not fill in; only << parameters.* >> is supported");
    }
    return out.toString();
  }

  private static String firstLine(String command) {
    return command.strip().lines().findFirst().orElse("run");
  }
}
