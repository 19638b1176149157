package dev.azbuild.mojo;

import dev.azbuild.change.BaseCommitResolver;
import dev.azbuild.change.GitException;
import dev.azbuild.change.GitRepo;
import dev.azbuild.ci.CiConfigException;
import dev.azbuild.ci.CiFiles;
import dev.azbuild.ci.CiGraph;
import dev.azbuild.ci.CiLayout;
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
  static final String GROUP_ABOVE = "azbuild.ciConfig.groupAbove";

  /** Which files to generate: {@code circleci}, {@code github}, comma-separated; default both. */
  @Parameter(property = TARGETS, defaultValue = "circleci,github")
  private String targets;

  /** Write nothing; fail when a committed file is missing or differs from what would be generated. */
  @Parameter(property = "azbuild.ciConfig.check", defaultValue = "false")
  private boolean check;

  /** The branch deploy jobs run on; default: origin/HEAD, else main or master, whichever exists. */
  @Parameter(property = "azbuild.defaultBranch")
  private String defaultBranch;

  /**
   * With more image modules than this, modules are grouped into jobs by graph layer (at most this
   * many build jobs, one deploy job per layer), so the files stay within the vendors' size limits;
   * overrides {@code <ciConfig><groupAbove>}. Default 100.
   */
  @Parameter(property = GROUP_ABOVE)
  private Integer groupAbove;

  /** Job template overrides: executor, resources, environment, extra steps (see the ci-config guide). */
  @Parameter
  private CiConfiguration ciConfig;

  @Override
  protected void doExecute() throws MojoExecutionException, MojoFailureException {
    Path root = rootProject().getBasedir().toPath();
    try {
      Set<CiTarget> selected = CiTarget.parseList(targets, TARGETS);
      CiOptions options = options(root);
      CiGraph graph;
      try (GitRepo git = GitRepo.open(root)) {
        warnUnlessRepositoryRoot(root, git.workTree());
        String branch = Optional.ofNullable(defaultBranch).filter(s -> !s.isBlank()).map(String::strip)
            .or(() -> Optional.ofNullable(System.getenv("AZBUILD_DEFAULT_BRANCH")).filter(s -> !s.isBlank()))
            .orElseGet(() -> new BaseCommitResolver(git).detectDefaultBranch());
        graph = CiGraph.from(ModuleGraph.build(git, MavenReactor.modules(session)), root, branch, mavenBuilt());
      }
      CiLayout layout = CiLayout.of(graph, options.groupAbove());
      Map<CiTarget, String> files = CiFiles.render(layout, options, selected);
      getLog().info("azbuild ci-config: " + graph.modules().size() + " image modules in " + layout.builds().size()
          + " build jobs" + (layout.groupSize() > 1 ? " (grouped above " + options.groupAbove() + ": up to "
          + layout.groupSize() + " modules of one graph layer per job)" : "") + ", " + layout.deploys().size()
          + " deploy jobs on " + graph.defaultBranch() + "; " + layout.jobs().size() + " jobs, critical path "
          + layout.criticalPath() + " jobs");
      files.forEach((t, text) -> getLog().info(t.path() + ": " + String.format("%,d", text.getBytes(
          java.nio.charset.StandardCharsets.UTF_8).length) + " bytes" + (t == CiTarget.CIRCLECI ? " ("
          + String.format("%,d", t.measuredSize(text)) + " compiled)" : "") + ", limit " + String.format("%,d", t.maxBytes())));
      int fewer = options.groupAbove() > CiLayout.DEFAULT_GROUP_ABOVE ? CiLayout.DEFAULT_GROUP_ABOVE
          : Math.max(1, Math.min(options.groupAbove(), graph.modules().size()) / 2);
      List<String> oversized = CiFiles.oversized(files, "group modules into fewer jobs with -D" + GROUP_ABOVE + "=" + fewer
          + " (or <ciConfig><groupAbove>)");
      if (!oversized.isEmpty()) {
        oversized.forEach(getLog()::error);
        throw new MojoFailureException(String.join("; ", oversized));
      }
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

  /** The image modules whose packaging Maven builds (jar, war ...): their jobs run Maven's package first. */
  private Set<String> mavenBuilt() {
    Set<String> ids = new java.util.HashSet<>();
    for (var p : session.getAllProjects() != null ? session.getAllProjects() : session.getProjects()) {
      if (!"pom".equals(p.getPackaging()) && MavenReactor.imageModule(p).isPresent()) {
        ids.add(MavenReactor.id(p));
      }
    }
    return ids;
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
            steps(github.extraSteps, "<ciConfig><github><extraSteps>", false)),
        groupAbove(c));
  }

  private int groupAbove(CiConfiguration c) throws CiConfigException {
    Integer n = groupAbove != null ? groupAbove : c.groupAbove;
    if (n == null) {
      return CiLayout.DEFAULT_GROUP_ABOVE;
    }
    if (n < 1) {
      throw new CiConfigException(GROUP_ABOVE + " (or <ciConfig><groupAbove>) must be at least 1, got " + n
          + "; give the number of image modules above which modules share jobs (default "
          + CiLayout.DEFAULT_GROUP_ABOVE + ")");
    }
    return n;
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
