package dev.azbuild.ci.local;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One job of a workflow.
 *
 * @param id its id ({@code needs}/{@code requires} name it so)
 * @param name what the CI shows
 * @param needs the jobs it waits for, with the outcomes that let it run
 * @param condition GitHub: the job's {@code if} ("" = success()); CircleCI: empty
 * @param branches CircleCI's branch filter; {@link BranchFilter#ANY} on GitHub
 * @param env the job's variables (GitHub: workflow then job {@code env}; CircleCI: executor then
 *     job {@code environment})
 * @param workingDirectory CircleCI's {@code working_directory} ("" = ~/project); GitHub: ""
 * @param timeoutMinutes GitHub's {@code timeout-minutes}, 0 when not given
 */
public record LocalJob(
    String id,
    String name,
    List<Need> needs,
    String condition,
    BranchFilter branches,
    Map<String, String> env,
    List<LocalStep> steps,
    String workingDirectory,
    int timeoutMinutes) {

  public LocalJob {
    needs = List.copyOf(needs);
    env = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(env));
    steps = List.copyOf(steps);
  }

  /**
   * A job waited for, and the outcomes of it this job runs after (GitHub and plain CircleCI {@code
   * requires}: success; CircleCI may name {@code failed}, {@code canceled}, {@code not_run} or
   * {@code terminal}, any of them).
   */
  public record Need(String job, Set<Outcome> accepted) {
    public Need {
      accepted = Set.copyOf(accepted);
    }

    public static Need success(String job) {
      return new Need(job, Set.of(Outcome.SUCCESS));
    }
  }
}
