package dev.azbuild.ci.local;

import java.util.Map;

/** One step of a job, as read from the workflow file. */
public sealed interface LocalStep {

  /** What the CI shows for it. */
  String name();

  /**
   * When it runs after an earlier step failed: GitHub's {@code if} (an expression; empty =
   * success()), CircleCI's {@code when} ({@code on_success}, {@code always}, {@code on_fail}).
   */
  String condition();

  /**
   * A shell command.
   *
   * @param env variables of this step only (GitHub values may hold expressions)
   * @param workingDirectory relative to the job's working directory; empty for that directory
   */
  record Run(
      String name,
      String command,
      Map<String, String> env,
      String workingDirectory,
      String condition,
      boolean continueOnError)
      implements LocalStep {
    public Run {
      env = Map.copyOf(env);
    }
  }

  /**
   * A step the CI itself implements ({@code checkout}, {@code actions/upload-artifact@v4}, {@code
   * persist_to_workspace} ...), mapped to its local equivalent when it runs.
   *
   * @param kind the local equivalent
   * @param action as written: {@code actions/checkout@v4}, {@code save_cache}
   * @param with its settings (GitHub {@code with}, CircleCI the step's map)
   */
  record Builtin(String name, Kind kind, String action, Map<String, Object> with, String condition)
      implements LocalStep {
    public Builtin {
      with = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(with));
    }
  }

  /** The local equivalent of a built-in step. */
  enum Kind {
    CHECKOUT,
    SETUP_JAVA,
    CACHE,
    REMOTE_DOCKER,
    UPLOAD_ARTIFACT,
    DOWNLOAD_ARTIFACT,
    STORE_ARTIFACTS,
    PERSIST_WORKSPACE,
    ATTACH_WORKSPACE,
    /** A step that cannot run here (an action ci-local does not know): skipped with a warning. */
    UNSUPPORTED
  }
}
