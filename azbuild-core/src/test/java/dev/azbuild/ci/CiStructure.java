package dev.azbuild.ci;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Structural checks on generated files, parsed back with the YAML library: every job a workflow
 * names exists, every {@code requires}/{@code needs} names an existing job, the gate waits for
 * every build job (whatever their outcome) and every deploy job waits for the gate and runs only on
 * the default branch, no cycles, valid job names shorter than 100 characters.
 */
final class CiStructure {

  static final Pattern CIRCLECI_JOB = Pattern.compile("^[A-Za-z][A-Za-z0-9_-]*$");
  static final Pattern GITHUB_JOB = Pattern.compile("^[A-Za-z_][A-Za-z0-9_-]*$");

  private CiStructure() {}

  /** Checks a CircleCI config; returns the workflow's edges (job → requires). */
  @SuppressWarnings("unchecked")
  static Map<String, List<String>> circleci(String yaml, String defaultBranch) {
    Map<String, Object> root = (Map<String, Object>) Yaml.parse(yaml);
    assertThat(root.get("version")).isEqualTo(2.1);
    Map<String, Object> jobs = (Map<String, Object>) root.get("jobs");
    assertThat(jobs).isNotEmpty();
    Map<String, Object> commands = (Map<String, Object>) root.get("commands");
    Map<String, Object> executors = (Map<String, Object>) root.get("executors");
    jobs.forEach(
        (name, body) -> {
          assertThat(name).matches(CIRCLECI_JOB);
          Map<String, Object> job = (Map<String, Object>) body;
          assertThat(executors).containsKey((String) job.get("executor"));
          for (Object step : (List<Object>) job.get("steps")) {
            if (step instanceof String s && !s.equals("checkout")) {
              assertThat(commands).as("step %s of %s is a defined command", s, name).containsKey(s);
            }
          }
        });
    Map<String, Object> workflows = (Map<String, Object>) root.get("workflows");
    assertThat(workflows).hasSize(1);
    Map<String, Object> workflow = (Map<String, Object>) workflows.values().iterator().next();
    Map<String, List<String>> edges = new LinkedHashMap<>();
    Map<String, Map<String, Object>> settings = new HashMap<>();
    for (Object entry : (List<Object>) workflow.get("jobs")) {
      String name;
      Map<String, Object> s;
      if (entry instanceof String n) {
        name = n;
        s = Map.of();
      } else {
        Map<String, Object> m = (Map<String, Object>) entry;
        assertThat(m).hasSize(1);
        name = m.keySet().iterator().next();
        s = (Map<String, Object>) m.get(name);
      }
      assertThat(jobs).as("workflow job %s is defined", name).containsKey(name);
      assertThat(edges).as("workflow lists %s once", name).doesNotContainKey(name);
      List<String> requires = new ArrayList<>();
      for (Object r : (List<Object>) s.getOrDefault("requires", List.of())) {
        if (r instanceof String job) {
          requires.add(job);
        } else {
          Map<String, Object> withStatus = (Map<String, Object>) r;
          assertThat(withStatus).hasSize(1);
          String job = withStatus.keySet().iterator().next();
          assertThat(name)
              .as("only the gate waits for a status other than success")
              .isEqualTo(CiLayout.GATE);
          assertThat(withStatus.get(job)).isEqualTo("terminal");
          requires.add(job);
        }
      }
      edges.put(name, requires);
      settings.put(name, s);
    }
    assertThat(edges.keySet())
        .as("the workflow runs every job")
        .containsExactlyInAnyOrderElementsOf(jobs.keySet());
    checkGraph(edges);
    checkGateAndDeploys(edges);
    for (String deploy : edges.keySet().stream().filter(n -> n.startsWith("deploy-")).toList()) {
      assertThat(settings.get(deploy).get("filters"))
          .isEqualTo(Map.of("branches", Map.of("only", defaultBranch)));
    }
    for (String build : edges.keySet().stream().filter(n -> n.startsWith("build-")).toList()) {
      assertThat(settings.get(build)).doesNotContainKey("filters");
    }
    return edges;
  }

  /** Checks a GitHub Actions workflow; returns its edges (job → needs). */
  @SuppressWarnings("unchecked")
  static Map<String, List<String>> github(String yaml, String defaultBranch) {
    Map<String, Object> root = (Map<String, Object>) Yaml.parse(yaml);
    assertThat(root).containsKeys("name", "on", "jobs");
    Map<String, Object> jobs = (Map<String, Object>) root.get("jobs");
    Map<String, List<String>> edges = new LinkedHashMap<>();
    jobs.forEach(
        (name, body) -> {
          assertThat(name).matches(GITHUB_JOB);
          Map<String, Object> job = (Map<String, Object>) body;
          assertThat(job).containsKeys("runs-on", "steps");
          List<Map<String, Object>> steps = (List<Map<String, Object>>) job.get("steps");
          assertThat(steps.get(0))
              .containsEntry("uses", GithubWorkflow.CHECKOUT)
              .containsEntry("with", Map.of("fetch-depth", 0));
          assertThat(steps)
              .anySatisfy(s -> assertThat(s.get("uses")).isEqualTo(GithubWorkflow.SETUP_JAVA));
          Object needs = job.getOrDefault("needs", List.of());
          edges.put(name, needs instanceof String s ? List.of(s) : (List<String>) needs);
        });
    checkGraph(edges);
    checkGateAndDeploys(edges);
    for (String name : edges.keySet()) {
      Map<String, Object> job = (Map<String, Object>) jobs.get(name);
      if (name.startsWith("deploy-")) {
        assertThat(job.get("if")).isEqualTo("github.ref == 'refs/heads/" + defaultBranch + "'");
      } else if (name.equals(CiLayout.GATE)) {
        assertThat(job.get("if")).isEqualTo("${{ !cancelled() }}");
      } else {
        assertThat(job).doesNotContainKey("if");
      }
    }
    return edges;
  }

  /**
   * The gate needs every build job; every deploy job needs only the gate or the deploy job before
   * it, so no list grows with the number of modules but the gate's.
   */
  private static void checkGateAndDeploys(Map<String, List<String>> edges) {
    List<String> builds = edges.keySet().stream().filter(n -> n.startsWith("build-")).toList();
    assertThat(edges.get(CiLayout.GATE))
        .as("the gate waits for every build job")
        .containsExactlyElementsOf(builds);
    List<String> deploys = edges.keySet().stream().filter(n -> n.startsWith("deploy-")).toList();
    for (int i = 0; i < deploys.size(); i++) {
      assertThat(edges.get(deploys.get(i)))
          .as("%s waits for the gate or the deploy before it", deploys.get(i))
          .containsExactly(i == 0 ? CiLayout.GATE : deploys.get(i - 1));
    }
    edges
        .keySet()
        .forEach(
            job ->
                assertThat(job.length())
                    .as("GitHub job ids are shorter than 100 characters")
                    .isLessThan(100));
  }

  /** Every edge names an existing job, and there is no cycle. */
  private static void checkGraph(Map<String, List<String>> edges) {
    edges.forEach(
        (job, deps) ->
            assertThat(edges.keySet()).as("what %s waits for exists", job).containsAll(deps));
    Set<String> done = new HashSet<>();
    List<String> remaining = new ArrayList<>(edges.keySet());
    while (!remaining.isEmpty()) {
      List<String> ready = remaining.stream().filter(j -> done.containsAll(edges.get(j))).toList();
      assertThat(ready).as("jobs %s form a cycle", remaining).isNotEmpty();
      done.addAll(ready);
      remaining.removeAll(ready);
    }
  }
}
