package dev.azbuild.ci.local;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A workflow as read from its file: the jobs in file order.
 *
 * @param file the file as named in errors, e.g. {@code .github/workflows/azbuild.yml}
 */
public record LocalWorkflow(Vendor vendor, String file, List<LocalJob> jobs) {

  public LocalWorkflow {
    jobs = List.copyOf(jobs);
  }

  public Map<String, LocalJob> byId() {
    Map<String, LocalJob> byId = new LinkedHashMap<>();
    jobs.forEach(j -> byId.put(j.id(), j));
    return byId;
  }

  /**
   * Checks that every job it waits for exists and that no jobs wait for each other.
   *
   * @throws WorkflowException one line naming the file, the job and the fix
   */
  public LocalWorkflow validate() throws WorkflowException {
    String keyword = vendor == Vendor.GITHUB ? "needs" : "requires";
    Map<String, LocalJob> byId = byId();
    if (byId.isEmpty()) {
      throw new WorkflowException(
          file + " has no jobs; regenerate it with `mvn azbuild:ci-config`");
    }
    for (LocalJob job : jobs) {
      for (LocalJob.Need need : job.needs()) {
        if (!byId.containsKey(need.job())) {
          throw new WorkflowException(
              file
                  + ": job '"
                  + job.id()
                  + "' "
                  + keyword
                  + " '"
                  + need.job()
                  + "', which is not a job of this workflow; remove it from the "
                  + keyword
                  + " of '"
                  + job.id()
                  + "' or name an existing job (or regenerate the file with `mvn azbuild:ci-config`)");
        }
        if (need.job().equals(job.id())) {
          throw new WorkflowException(
              file
                  + ": job '"
                  + job.id()
                  + "' "
                  + keyword
                  + " itself; remove '"
                  + job.id()
                  + "' from its "
                  + keyword);
        }
      }
    }
    List<String> cycle = cycle(byId);
    if (!cycle.isEmpty()) {
      throw new WorkflowException(
          file
              + ": jobs wait for each other in a cycle ("
              + String.join(" -> ", cycle)
              + "), so none of them could start; remove '"
              + cycle.get(1)
              + "' from the "
              + keyword
              + " of '"
              + cycle.get(0)
              + "' (or regenerate the file with `mvn azbuild:ci-config`)");
    }
    return this;
  }

  /** A cycle as job ids, the first repeated at the end; empty when there is none. */
  private static List<String> cycle(Map<String, LocalJob> byId) {
    Map<String, Integer> state = new HashMap<>(); // 1 = on the path, 2 = done
    for (String start : byId.keySet()) {
      List<String> path = new ArrayList<>();
      List<String> found = visit(start, byId, state, path);
      if (!found.isEmpty()) {
        return found;
      }
    }
    return List.of();
  }

  private static List<String> visit(
      String job, Map<String, LocalJob> byId, Map<String, Integer> state, List<String> path) {
    Integer s = state.get(job);
    if (s != null && s == 2) {
      return List.of();
    }
    if (s != null && s == 1) {
      List<String> cycle = new ArrayList<>(path.subList(path.indexOf(job), path.size()));
      cycle.add(job);
      return cycle;
    }
    state.put(job, 1);
    path.add(job);
    for (LocalJob.Need need : byId.get(job).needs()) {
      List<String> found = visit(need.job(), byId, state, path);
      if (!found.isEmpty()) {
        return found;
      }
    }
    path.remove(path.size() - 1);
    state.put(job, 2);
    return List.of();
  }

  /** The jobs that wait, directly or not, for any of {@code jobs}. */
  public Set<String> downstreamOf(Set<String> jobs) {
    Set<String> result = new HashSet<>();
    boolean grew = true;
    while (grew) {
      grew = false;
      for (LocalJob job : this.jobs) {
        if (!result.contains(job.id())
            && job.needs().stream()
                .anyMatch(n -> jobs.contains(n.job()) || result.contains(n.job()))) {
          grew = result.add(job.id());
        }
      }
    }
    return result;
  }
}
