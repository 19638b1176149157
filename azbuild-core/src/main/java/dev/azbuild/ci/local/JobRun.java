package dev.azbuild.ci.local;

import dev.azbuild.io.FileTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Runs one job: a fresh directory, the vendor's variables, each step as the vendor would (GitHub:
 * {@code bash --noprofile --norc -eo pipefail} with a fresh {@code GITHUB_ENV} file per step whose
 * lines reach later steps; CircleCI: {@code /bin/bash -eo pipefail} with {@code BASH_ENV}, which
 * bash sources at the start of every step), built-in steps mapped to their local equivalent.
 * Everything a step prints goes to the job's log file.
 */
final class JobRun {

  private final LocalJob job;
  private final RunContext ctx;
  private final Path dir;
  private final Path log;
  private final Path temp;
  private final Path workspace;
  private final Instant deadline;
  private final Map<String, String> env = new LinkedHashMap<>();

  /**
   * GitHub's env context: the workflow's, job's and GITHUB_ENV's variables (not the runner's own).
   */
  private final Map<String, String> definedEnv = new LinkedHashMap<>();

  private final List<String> pathPrefix = new ArrayList<>();
  private boolean failed;
  private String failure = "";

  JobRun(LocalJob job, RunContext ctx, Instant started) {
    this.job = job;
    this.ctx = ctx;
    this.dir = ctx.jobDir(job.id());
    this.log = dir.resolve("job.log");
    this.temp = dir.resolve("temp");
    this.workspace =
        ctx.vendor() == Vendor.GITHUB
            ? dir.resolve("workspace")
            : workingDirectory(job.workingDirectory());
    int minutes = job.timeoutMinutes() > 0 ? job.timeoutMinutes() : ctx.settings().timeoutMinutes();
    this.deadline = started.plus(Duration.ofMinutes(minutes));
  }

  Path log() {
    return log;
  }

  /**
   * CircleCI's {@code ~/project} (the default) and other working directories, inside the job's
   * directory.
   */
  private Path workingDirectory(String configured) {
    String wd = configured.isBlank() ? "~/project" : configured.strip();
    wd = wd.replaceFirst("^~/?", "").replaceFirst("^/+", "");
    return dir.resolve(wd.isEmpty() ? "project" : wd).normalize();
  }

  /**
   * @return empty when every step passed, else why the job failed
   */
  String run() throws IOException {
    FileTrees.delete(dir);
    Files.createDirectories(temp);
    Files.createDirectories(workspace);
    Files.createDirectories(dir.resolve("m2"));
    Files.createDirectories(dir.resolve("artifacts"));
    write(
        "ci-local: job "
            + job.id()
            + " ("
            + job.name()
            + ") of "
            + ctx.run().file()
            + " at "
            + ctx.run().commit()
            + ", branch "
            + ctx.run().branch()
            + "\n");
    setUpEnvironment();
    List<LocalStep> steps = job.steps();
    for (int i = 0; i < steps.size(); i++) {
      LocalStep step = steps.get(i);
      String label = "step " + (i + 1) + " '" + stepName(step) + "'";
      if (!shouldRun(step)) {
        write(
            "\n=== "
                + label
                + ": skipped"
                + (failed ? " (an earlier step failed)" : " (its condition is false)")
                + "\n");
        continue;
      }
      write("\n=== " + label + "\n");
      long t0 = System.nanoTime();
      String error;
      try {
        error = step instanceof LocalStep.Run run ? run(run) : builtin((LocalStep.Builtin) step);
      } catch (WorkflowException e) {
        error = e.getMessage();
      }
      String took = String.format(java.util.Locale.ROOT, "%.1f s", (System.nanoTime() - t0) / 1e9);
      if (error == null) {
        write("=== " + label + ": passed (" + took + ")\n");
        continue;
      }
      write("=== " + label + ": FAILED (" + took + "): " + error + "\n");
      boolean continueOnError = step instanceof LocalStep.Run r && r.continueOnError();
      if (!continueOnError && !failed) {
        failed = true;
        failure = label + " " + error;
      }
      if (error.startsWith("timed out")) {
        break;
      }
    }
    return failure;
  }

  /**
   * The step's name for the log and the console: GitHub expressions in a name are filled in, except
   * where they could show a secret (a name naming {@code secrets.}, or one made from the command).
   */
  private String stepName(LocalStep step) {
    boolean fromCommand =
        step instanceof LocalStep.Run r
            && step.name().equals(GithubReader.defaultName(r.command()));
    return ctx.vendor() == Vendor.GITHUB && !fromCommand && !step.name().contains("secrets.")
        ? GithubExpressions.interpolate(step.name(), expressionContext())
        : step.name();
  }

  private boolean shouldRun(LocalStep step) {
    if (ctx.vendor() == Vendor.GITHUB) {
      return GithubExpressions.condition(step.condition(), expressionContext());
    }
    return switch (step.condition()) {
      case "always" -> true;
      case "on_fail" -> failed;
      default -> !failed;
    };
  }

  // ---- environment ----

  private void setUpEnvironment() {
    RunInfo run = ctx.run();
    env.putAll(ctx.baseEnvironment());
    env.put("HOME", ctx.settings().hostEnv().getOrDefault("HOME", System.getProperty("user.home")));
    env.put("JAVA_HOME", ctx.settings().javaHome().toString());
    env.put("MAVEN_ARGS", ctx.mavenArgs(dir.resolve("m2")));
    env.put("CI", "true");
    if (ctx.vendor() == Vendor.GITHUB) {
      env.put("GITHUB_ACTIONS", "true");
      env.put("GITHUB_SHA", run.commit());
      env.put("GITHUB_REF", "refs/heads/" + run.branch());
      env.put("GITHUB_REF_NAME", run.branch());
      env.put("GITHUB_REF_TYPE", "branch");
      env.put("GITHUB_HEAD_REF", ""); // set only for pull_request events
      env.put("GITHUB_BASE_REF", "");
      env.put("GITHUB_EVENT_NAME", "push");
      env.put("GITHUB_WORKSPACE", workspace.toString());
      env.put("GITHUB_RUN_ID", Long.toString(run.runId()));
      env.put("GITHUB_RUN_NUMBER", "1");
      env.put("GITHUB_RUN_ATTEMPT", Integer.toString(run.attempt()));
      env.put("GITHUB_JOB", job.id());
      env.put("GITHUB_REPOSITORY", "local/" + ctx.settings().repository().getFileName());
      env.put("GITHUB_ACTOR", ctx.settings().hostEnv().getOrDefault("USER", "ci-local"));
      env.put("RUNNER_TEMP", temp.toString());
      env.put("RUNNER_OS", "Linux");
      env.put("RUNNER_ARCH", "X64");
      env.put("RUNNER_NAME", "ci-local");
    } else {
      env.put("CIRCLECI", "true");
      env.put("CIRCLE_SHA1", run.commit());
      env.put("CIRCLE_BRANCH", run.branch());
      env.put("CIRCLE_JOB", job.id());
      env.put("CIRCLE_WORKFLOW_ID", run.workflowId());
      env.put(
          "CIRCLE_WORKFLOW_JOB_ID",
          UUID.nameUUIDFromBytes(
                  (run.workflowId() + job.id() + run.attempt()).getBytes(StandardCharsets.UTF_8))
              .toString());
      env.put("CIRCLE_BUILD_NUM", Integer.toString(ctx.buildNum(job.id())));
      env.put("CIRCLE_WORKING_DIRECTORY", workspace.toString());
      env.put("CIRCLE_PROJECT_REPONAME", ctx.settings().repository().getFileName().toString());
      env.put("CIRCLE_NODE_INDEX", "0");
      env.put("CIRCLE_NODE_TOTAL", "1");
      env.put("BASH_ENV", temp.resolve(".bash_env").toString());
    }
    pathPrefix.add(ctx.binDir().toString());
    pathPrefix.add(ctx.settings().javaHome().resolve("bin").toString());
    for (Map.Entry<String, String> e : job.env().entrySet()) {
      String value =
          ctx.vendor() == Vendor.GITHUB
              ? GithubExpressions.interpolate(e.getValue(), expressionContext())
              : e.getValue();
      definedEnv.put(e.getKey(), value);
    }
    env.putAll(definedEnv);
  }

  private Map<String, String> processEnv(Map<String, String> stepEnv) {
    Map<String, String> e = new LinkedHashMap<>(env);
    e.putAll(stepEnv);
    String path = String.join(":", pathPrefix) + ":" + env.getOrDefault("PATH", "/usr/bin:/bin");
    e.put("PATH", path);
    return e;
  }

  GithubExpressions.Context expressionContext() {
    return expressionContext(Map.of());
  }

  private GithubExpressions.Context expressionContext(Map<String, String> stepEnv) {
    return new GithubExpressions.Context() {
      @Override
      public Object lookup(List<String> path) {
        String root = path.get(0);
        String key = path.size() > 1 ? path.get(1) : null;
        Map<String, String> defined = new LinkedHashMap<>(definedEnv);
        defined.putAll(stepEnv);
        return switch (root) {
          case "github" ->
              key == null
                  ? null
                  : switch (key) {
                    case "sha" -> env.get("GITHUB_SHA");
                    case "ref" -> env.get("GITHUB_REF");
                    case "ref_name" -> env.get("GITHUB_REF_NAME");
                    case "ref_type" -> "branch";
                    case "head_ref", "base_ref" -> "";
                    case "event_name" -> "push";
                    case "run_id" -> env.get("GITHUB_RUN_ID");
                    case "run_number" -> "1";
                    case "run_attempt" -> env.get("GITHUB_RUN_ATTEMPT");
                    case "job" -> job.id();
                    case "workspace" -> workspace.toString();
                    case "repository" -> env.get("GITHUB_REPOSITORY");
                    case "actor" -> env.get("GITHUB_ACTOR");
                    default -> "";
                  };
          case "env" -> key == null ? null : defined.get(key);
          // a CI project's variables and secrets: this machine's variable of the same name, if any
          case "vars", "secrets" ->
              key == null ? null : ctx.settings().hostEnv().getOrDefault(key, "");
          case "runner" ->
              key == null
                  ? null
                  : switch (key) {
                    case "os" -> "Linux";
                    case "arch" -> "X64";
                    case "temp" -> temp.toString();
                    case "name" -> "ci-local";
                    default -> "";
                  };
          case "job" -> "status".equals(key) ? (failed ? "failure" : "success") : null;
          case "needs" -> {
            if (key == null || path.size() < 3) {
              yield null;
            }
            JobResult r = ctx.result(key);
            yield "result".equals(path.get(2)) && r != null
                ? switch (r.outcome()) {
                  case SUCCESS -> "success";
                  case FAILED -> "failure";
                  default -> "skipped";
                }
                : null;
          }
          default -> null; // steps.*.outputs: not recorded
        };
      }

      @Override
      public boolean status(String function) {
        return switch (function) {
          case "success" -> !failed;
          case "failure" -> failed;
          default -> false; // cancelled(): nothing is cancelled here
        };
      }
    };
  }

  // ---- run steps ----

  private String run(LocalStep.Run step) throws IOException, WorkflowException {
    boolean github = ctx.vendor() == Vendor.GITHUB;
    Map<String, String> stepEnv = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : step.env().entrySet()) {
      stepEnv.put(
          e.getKey(),
          github ? GithubExpressions.interpolate(e.getValue(), expressionContext()) : e.getValue());
    }
    String command =
        github
            ? GithubExpressions.interpolate(step.command(), expressionContext(stepEnv))
            : step.command();
    // the command as written (expressions unexpanded): secrets put in by ${{ }} stay out of the log
    write("$ " + step.command().strip().replace("\n", "\n  ") + "\n");
    Path script = temp.resolve(UUID.randomUUID() + ".sh");
    Files.writeString(
        script, command.endsWith("\n") ? command : command + "\n", StandardCharsets.UTF_8);
    Path cwd =
        step.workingDirectory().isBlank()
            ? workspace
            : workspace.resolve(step.workingDirectory()).normalize();
    if (!Files.isDirectory(cwd)) {
      return "working directory " + cwd + " does not exist";
    }
    Map<String, String> files = new LinkedHashMap<>();
    if (github) {
      Path commands = temp.resolve("_runner_file_commands");
      Files.createDirectories(commands);
      String id = UUID.randomUUID().toString();
      for (String name :
          List.of(
              "GITHUB_ENV:set_env_",
              "GITHUB_PATH:add_path_",
              "GITHUB_OUTPUT:set_output_",
              "GITHUB_STEP_SUMMARY:step_summary_")) {
        String[] parts = name.split(":");
        Path f = commands.resolve(parts[1] + id);
        Files.writeString(f, "");
        files.put(parts[0], f.toString());
      }
      stepEnv.putAll(files);
    }
    List<String> cmd =
        github
            ? List.of("bash", "--noprofile", "--norc", "-eo", "pipefail", script.toString())
            : List.of("/bin/bash", "-eo", "pipefail", script.toString());
    String error = execute(cmd, cwd, processEnv(stepEnv));
    if (github) {
      // the runner reads the step's files after it, also after a failure
      String fileError =
          applyFileCommands(
              Path.of(files.get("GITHUB_ENV")),
              Path.of(files.get("GITHUB_PATH")),
              Path.of(files.get("GITHUB_OUTPUT")));
      for (String f : files.values()) {
        Files.deleteIfExists(Path.of(f));
      }
      if (error == null && fileError != null) {
        return fileError;
      }
    }
    return error;
  }

  /** Runs a process with its output appended to the log; null when it exits 0. */
  private String execute(List<String> cmd, Path cwd, Map<String, String> processEnv)
      throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .directory(cwd.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().clear();
    pb.environment().putAll(processEnv);
    Process p = pb.start();
    p.getOutputStream().close();
    try {
      long remaining = Duration.between(Instant.now(), deadline).toMillis();
      if (remaining <= 0 || !p.waitFor(remaining, TimeUnit.MILLISECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
        return "timed out: the job ran longer than its limit (timeout-minutes, else -Dazbuild.ciLocal.timeout)";
      }
    } catch (InterruptedException e) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      return "interrupted";
    }
    return p.exitValue() == 0 ? null : "exited with " + p.exitValue();
  }

  /** GITHUB_ENV and GITHUB_PATH of a step, parsed as the runner does; an error fails the step. */
  private String applyFileCommands(Path envFile, Path pathFile, Path outputFile)
      throws IOException {
    try {
      definedEnv.putAll(parseEnvFile(Files.readString(envFile, StandardCharsets.UTF_8)));
      env.putAll(parseEnvFile(Files.readString(envFile, StandardCharsets.UTF_8)));
      parseEnvFile(Files.readString(outputFile, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      return "Unable to process file command 'env' successfully: " + e.getMessage();
    }
    for (String line : Files.readString(pathFile, StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank()) {
        pathPrefix.add(0, line.strip());
      }
    }
    return null;
  }

  /**
   * {@code NAME=value} lines and {@code NAME<<DELIMITER} ... {@code DELIMITER} blocks, as the
   * GitHub runner reads them (its FileCommandManager): {@code =} before {@code <<} makes a plain
   * line.
   */
  static Map<String, String> parseEnvFile(String text) {
    Map<String, String> vars = new LinkedHashMap<>();
    String[] lines = text.split("\n", -1);
    // a line is complete when a newline ends it; the runner's closing delimiter must be complete
    int complete = lines.length - 1;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isEmpty()) {
        continue;
      }
      int eq = line.indexOf('=');
      int heredoc = line.indexOf("<<");
      if (eq >= 0 && (heredoc < 0 || eq < heredoc)) {
        String name = line.substring(0, eq);
        if (name.isEmpty()) {
          throw new IllegalArgumentException(
              "Invalid format '" + line + "'. Name must not be empty");
        }
        vars.put(name, line.substring(eq + 1));
        continue;
      }
      if (heredoc < 0) {
        throw new IllegalArgumentException("Invalid format '" + line + "'");
      }
      String name = line.substring(0, heredoc);
      String delimiter = line.substring(heredoc + 2);
      if (name.isEmpty() || delimiter.isEmpty()) {
        throw new IllegalArgumentException(
            "Invalid format '"
                + line
                + "'. Name must not be empty and delimiter must not be empty");
      }
      List<String> value = new ArrayList<>();
      int j = i + 1;
      while (j < complete && !lines[j].equals(delimiter)) {
        value.add(lines[j]);
        j++;
      }
      if (j >= complete) {
        throw new IllegalArgumentException(
            j < lines.length && lines[j].equals(delimiter)
                ? "Invalid value. EOF marker missing new line."
                : "Invalid value. Matching delimiter not found '" + delimiter + "'");
      }
      vars.put(name, String.join("\n", value));
      i = j;
    }
    return vars;
  }

  // ---- built-in steps ----

  private String builtin(LocalStep.Builtin step) throws IOException, WorkflowException {
    Map<String, Object> with = new LinkedHashMap<>();
    step.with()
        .forEach(
            (k, v) ->
                with.put(
                    k,
                    ctx.vendor() == Vendor.GITHUB
                        ? GithubExpressions.interpolate(YamlValues.text(v), expressionContext())
                        : v));
    write(step.action() + " -> " + StepMapping.describe(step, ctx, job.id()) + "\n");
    switch (step.kind()) {
      case CHECKOUT -> checkout(with);
      case SETUP_JAVA -> {
        String wanted = YamlValues.text(with.get("java-version"));
        String running = Integer.toString(Runtime.version().feature());
        if (!wanted.isEmpty() && !wanted.equals(running)) {
          write(
              "warning: the workflow asks for Java "
                  + wanted
                  + "; the jobs run Java "
                  + running
                  + "\n");
        }
      }
      case CACHE, REMOTE_DOCKER -> {
        // nothing to do: see StepMapping
      }
      case UNSUPPORTED -> {
        write("warning: " + step.action() + " has no local equivalent; skipped\n");
        ctx.warnUnsupported(job.id(), step.action());
      }
      case UPLOAD_ARTIFACT -> {
        return upload(with);
      }
      case DOWNLOAD_ARTIFACT -> {
        return download(with);
      }
      case STORE_ARTIFACTS -> store(step, with);
      case PERSIST_WORKSPACE -> {
        return persist(with);
      }
      case ATTACH_WORKSPACE -> attach(with);
    }
    return null;
  }

  private void checkout(Map<String, Object> with) throws IOException, WorkflowException {
    Path target =
        with.containsKey("path")
            ? workspace
                .resolve(YamlValues.text(with.get("path")).replaceFirst("^~/?", ""))
                .normalize()
            : workspace;
    FileTrees.delete(target);
    Files.createDirectories(target);
    String repo = ctx.settings().repository().toAbsolutePath().toString();
    RunInfo run = ctx.run();
    Map<String, String> gitEnv = processEnv(Map.of());
    String what = "checkout of " + repo;
    if (ctx.vendor() == Vendor.GITHUB) {
      // as actions/checkout with fetch-depth 0: init, fetch every branch and tag, check out the
      // branch at the commit
      GitCli.run(target, gitEnv, what, "init", "-q");
      GitCli.run(target, gitEnv, what, "remote", "add", "origin", repo);
      GitCli.run(
          target,
          gitEnv,
          what,
          "fetch",
          "-q",
          "--prune",
          "--no-recurse-submodules",
          "origin",
          "+refs/heads/*:refs/remotes/origin/*",
          "+refs/tags/*:refs/tags/*");
    } else {
      GitCli.run(target, gitEnv, what, "clone", "-q", "--no-checkout", repo, ".");
    }
    GitCli.run(target, gitEnv, what, "checkout", "-q", "--force", "-B", run.branch(), run.commit());
    write("checked out " + run.commit() + " as branch " + run.branch() + " in " + target + "\n");
  }

  private String upload(Map<String, Object> with) throws IOException {
    String name = with.containsKey("name") ? YamlValues.text(with.get("name")) : "artifact";
    String ifNone =
        with.containsKey("if-no-files-found")
            ? YamlValues.text(with.get("if-no-files-found"))
            : "warn";
    List<Path> files = new ArrayList<>();
    for (String pattern : YamlValues.text(with.get("path")).split("\n")) {
      if (!pattern.isBlank()) {
        files.addAll(LocalFiles.match(workspace, pattern.strip()));
      }
    }
    if (files.isEmpty()) {
      String message =
          "No files were found with the provided path: "
              + YamlValues.text(with.get("path")).strip()
              + ". No artifacts will be uploaded.";
      write((ifNone.equals("error") ? "error: " : "") + message + "\n");
      return ifNone.equals("error") ? message : null;
    }
    String owner = ctx.artifactOwner(name, job.id());
    if (owner != null && !owner.equals(job.id())) {
      return "an artifact named '"
          + name
          + "' was already uploaded by job '"
          + owner
          + "' in this run; give each upload its own name";
    }
    Path target = dir.resolve("artifacts").resolve(name);
    if (Files.exists(target) && !Boolean.parseBoolean(YamlValues.text(with.get("overwrite")))) {
      return "an artifact named '" + name + "' already exists; set overwrite: true to replace it";
    }
    FileTrees.delete(target);
    Path common = LocalFiles.commonDirectory(files);
    for (Path f : files) {
      FileTrees.copy(f, target.resolve(common.relativize(f).toString()));
    }
    write("uploaded " + files.size() + " file(s) as artifact '" + name + "' to " + target + "\n");
    return null;
  }

  private String download(Map<String, Object> with) throws IOException {
    Path target =
        with.containsKey("path")
            ? workspace.resolve(YamlValues.text(with.get("path"))).normalize()
            : workspace;
    Map<String, Path> artifacts = ctx.artifacts();
    if (with.containsKey("name")) {
      String name = YamlValues.text(with.get("name"));
      Path artifact = artifacts.get(name);
      if (artifact == null) {
        return "Unable to download artifact(s): Artifact not found for name: " + name;
      }
      FileTrees.copy(artifact, target);
      write("downloaded artifact '" + name + "' to " + target + "\n");
      return null;
    }
    String pattern = with.containsKey("pattern") ? YamlValues.text(with.get("pattern")) : "*";
    java.nio.file.PathMatcher matcher =
        java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + pattern);
    boolean merge = Boolean.parseBoolean(YamlValues.text(with.get("merge-multiple")));
    int n = 0;
    for (Map.Entry<String, Path> a : artifacts.entrySet()) {
      if (matcher.matches(Path.of(a.getKey()))) {
        FileTrees.copy(a.getValue(), merge ? target : target.resolve(a.getKey()));
        n++;
      }
    }
    write("downloaded " + n + " artifact(s) matching '" + pattern + "' to " + target + "\n");
    return null;
  }

  private void store(LocalStep.Builtin step, Map<String, Object> with) throws IOException {
    Path source =
        workspace.resolve(YamlValues.text(with.get("path")).replaceFirst("^~/?", "")).normalize();
    if (!Files.exists(source)) {
      write("No artifact files found at " + source + "\n");
      return;
    }
    String destination =
        with.containsKey("destination")
            ? YamlValues.text(with.get("destination"))
            : step.action().equals("store_test_results")
                ? "test-results"
                : source.getFileName().toString();
    Path target = dir.resolve("artifacts").resolve(destination);
    FileTrees.copy(
        source,
        Files.isDirectory(source) ? target : target.resolve(source.getFileName().toString()));
    write("stored " + source + " as " + target + "\n");
  }

  @SuppressWarnings("unchecked")
  private String persist(Map<String, Object> with) throws IOException {
    Path root =
        workspace.resolve(YamlValues.text(with.get("root")).replaceFirst("^~/?", "")).normalize();
    Path layer = ctx.workspaceLayer(job.id());
    FileTrees.delete(layer);
    int n = 0;
    for (Object p : with.get("paths") instanceof List<?> l ? (List<Object>) l : List.of()) {
      List<Path> files = LocalFiles.match(root, YamlValues.text(p));
      if (files.isEmpty()) {
        return "The specified paths did not match any files in " + root + ": " + YamlValues.text(p);
      }
      for (Path f : files) {
        FileTrees.copy(f, layer.resolve(root.relativize(f).toString()));
        n++;
      }
    }
    write("persisted " + n + " file(s) from " + root + " to " + layer + "\n");
    return null;
  }

  private void attach(Map<String, Object> with) throws IOException {
    Path at =
        workspace.resolve(YamlValues.text(with.get("at")).replaceFirst("^~/?", "")).normalize();
    Files.createDirectories(at);
    int n = 0;
    for (Path layer : ctx.upstreamLayers(job.id())) {
      FileTrees.copy(layer, at);
      n++;
    }
    write("attached " + n + " workspace layer(s) of upstream jobs at " + at + "\n");
  }

  private void write(String text) throws IOException {
    Files.writeString(
        log, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }
}
