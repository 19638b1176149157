package dev.azbuild.mojo;

import dev.azbuild.git.BaseCommitResolver;
import dev.azbuild.git.GitException;
import dev.azbuild.git.GitRepo;
import dev.azbuild.ci.CiConfigException;
import dev.azbuild.ci.CiFiles;
import dev.azbuild.ci.CiGraph;
import dev.azbuild.ci.CiOptions;
import dev.azbuild.ci.CiTarget;
import dev.azbuild.ci.CircleCiOptions;
import dev.azbuild.ci.GithubOptions;
import dev.azbuild.ci.Yaml;
import dev.azbuild.graph.GraphException;
import dev.azbuild.graph.ModuleGraph;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Generates {@code .circleci/config.yml} and {@code .github/workflows/azbuild.yml} at the reactor
 * root from the module graph: a build job per image module ({@code requires}/{@code needs} = its
 * upstream image modules), a deploy job per module after every build job, on the default branch
 * only. With {@code -Dazbuild.ciConfig.check=true} writes nothing and fails when a committed file is
 * missing or differs. Needs only the graph: no registry, no rebuild decision.
 */
@Mojo(name = CiConfigMojo.GOAL, aggregator = true, threadSafe = true)
public class CiConfigMojo extends AbstractAzbuildMojo {

  static final String GOAL = "ci-config";
  static final String TARGETS = "azbuild.ciConfig.targets";

  /** Which files to generate: {@code circleci}, {@code github}, comma-separated; default both. */
  @Parameter(property = TARGETS, defaultValue = "circleci,github")
  private String targets;

  /** Write nothing; fail when a committed file is missing or differs from what would be generated. */
  @Parameter(property = "azbuild.ciConfig.check", defaultValue = "false")
  private boolean check;

  /** The branch deploy jobs run on; default: origin/HEAD, else main or master, whichever exists. */
  @Parameter(property = "azbuild.defaultBranch")
  private String defaultBranch;

  /** Job template overrides: executor, resources, environment, extra steps (see the ci-config guide). */
  @Parameter
  private CiConfiguration ciConfig;

  @Override
  protected void doExecute() throws MojoExecutionException, MojoFailureException {
    Path root = session.getTopLevelProject().getBasedir().toPath();
    try {
      Set<CiTarget> selected = CiTarget.parseList(targets, TARGETS);
      CiOptions options = options(root);
      CiGraph graph;
      try (GitRepo git = GitRepo.open(root)) {
        warnUnlessRepositoryRoot(root, git.workTree());
        String branch = Optional.ofNullable(defaultBranch).filter(s -> !s.isBlank()).map(String::strip)
            .or(() -> Optional.ofNullable(System.getenv("AZBUILD_DEFAULT_BRANCH")).filter(s -> !s.isBlank()))
            .orElseGet(() -> new BaseCommitResolver(git).detectDefaultBranch());
        graph = CiGraph.from(ModuleGraph.build(git, MavenReactor.modules(session)), root, branch);
      }
      Map<CiTarget, String> files = CiFiles.render(graph, options, selected);
      getLog().info("azbuild ci-config: " + graph.modules().size() + " image modules, deploys on "
          + graph.defaultBranch());
      if (check) {
        check(root, files, selected);
      } else {
        for (Path file : CiFiles.write(root, files)) {
          getLog().info("wrote " + file);
        }
      }
    } catch (CiConfigException | GitException | GraphException | IllegalArgumentException e) {
      throw new MojoFailureException(e.getMessage(), e);
    }
  }

  private void check(Path root, Map<CiTarget, String> files, Set<CiTarget> selected)
      throws CiConfigException, MojoFailureException {
    String regenerate = "mvn azbuild:" + GOAL
        + (selected.size() == CiTarget.values().length ? "" : " -D" + TARGETS + "=" + String.join(",",
            selected.stream().map(CiTarget::id).toList()));
    List<String> problems = CiFiles.check(root, files, regenerate);
    if (!problems.isEmpty()) {
      problems.forEach(getLog()::error);
      throw new MojoFailureException(String.join("; ", problems));
    }
    files.keySet().forEach(t -> getLog().info(t.path() + " is up to date"));
  }

  /** CircleCI and GitHub only read their files at the repository root. */
  private void warnUnlessRepositoryRoot(Path root, Path workTree) {
    try {
      if (!Files.isSameFile(root, workTree)) {
        getLog().warn("the reactor root " + root + " is not the git repository root " + workTree
            + "; CircleCI and GitHub Actions read their files only at the repository root");
      }
    } catch (java.io.IOException e) {
      getLog().debug("cannot compare " + root + " with " + workTree + ": " + e.getMessage());
    }
  }

  @SuppressWarnings("unchecked")
  private CiOptions options(Path root) throws CiConfigException {
    CiConfiguration c = ciConfig != null ? ciConfig : new CiConfiguration();
    CiConfiguration.CircleCi circle = c.circleci != null ? c.circleci : new CiConfiguration.CircleCi();
    CiConfiguration.Github github = c.github != null ? c.github : new CiConfiguration.Github();
    Map<String, Object> executor = circle.executor == null || circle.executor.isBlank() ? null
        : (Map<String, Object>) Yaml.snippet(circle.executor, "<ciConfig><circleci><executor>", Map.class);
    String maven = c.mavenCommand != null && !c.mavenCommand.isBlank() ? c.mavenCommand
        : Files.isRegularFile(root.resolve("mvnw")) ? "./mvnw" : "mvn";
    return new CiOptions(maven,
        new CircleCiOptions(executor, Optional.ofNullable(circle.resourceClass), orEmpty(circle.environment),
            circle.contexts != null ? circle.contexts : List.of(),
            steps(circle.extraSteps, "<ciConfig><circleci><extraSteps>", true)),
        new GithubOptions(github.runsOn, github.javaVersion, orEmpty(github.env),
            steps(github.extraSteps, "<ciConfig><github><extraSteps>", false)));
  }

  /** Extra steps; {@code bareWords}: CircleCI's built-in steps such as {@code setup_remote_docker} are plain words. */
  private static List<Object> steps(List<String> snippets, String where, boolean bareWords) throws CiConfigException {
    List<Object> steps = new ArrayList<>();
    if (snippets != null) {
      for (int i = 0; i < snippets.size(); i++) {
        Object step = Yaml.snippet(snippets.get(i), where + " step " + (i + 1), Object.class);
        if (!(step instanceof Map) && !(bareWords && step instanceof String)) {
          throw new CiConfigException(where + " step " + (i + 1) + " must be a YAML mapping such as"
              + " {run: ./login.sh}, got: " + snippets.get(i).strip());
        }
        steps.add(step);
      }
    }
    return steps;
  }

  private static Map<String, String> orEmpty(Map<String, String> map) {
    return map != null ? map : Map.of();
  }
}
