package dev.azbuild.mojo;

import dev.azbuild.ci.CiConfigException;
import dev.azbuild.ci.CiLayout;
import dev.azbuild.ci.CiOptions;
import dev.azbuild.ci.CircleCiOptions;
import dev.azbuild.ci.GithubOptions;
import dev.azbuild.ci.Yaml;
import dev.azbuild.io.AzbuildException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Generates {@code .circleci/config.yml} and {@code .github/workflows/azbuild.yml} at the reactor
 * root from the module graph: a build job per image module ({@code requires}/{@code needs} = its
 * upstream image modules), a deploy job per module after every build job, on the default branch
 * only. With {@code -Dazbuild.ciConfig.check=true} writes nothing and fails when a committed file
 * is missing or differs. Needs only the graph: no registry, no rebuild decision.
 */
@Mojo(name = CiConfigMojo.GOAL, aggregator = true, threadSafe = true)
public class CiConfigMojo extends AbstractAzbuildMojo {

  static final String GOAL = "ci-config";

  /** Which files to generate: {@code circleci}, {@code github}, comma-separated; default both. */
  @Parameter(property = "azbuild.ciConfig.targets", defaultValue = "circleci,github")
  private String targets;

  /**
   * Write nothing; fail when a committed file is missing or differs from what would be generated.
   */
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
  @Parameter(property = "azbuild.ciConfig.groupAbove")
  private Integer groupAbove;

  /**
   * Job template overrides: executor, resources, environment, extra steps (see the ci-config
   * guide).
   */
  @Parameter private CiConfiguration ciConfig;

  @Override
  protected void doExecute() throws AzbuildException {
    azbuild()
        .ciConfig(options(MavenBuildHost.rootProject(session).getBasedir().toPath()), mavenBuilt());
  }

  /**
   * The image modules whose packaging Maven builds (jar, war ...): their jobs run Maven's package
   * first.
   */
  private Set<String> mavenBuilt() throws AzbuildException {
    Set<String> images = MavenReactor.imageModuleIds(session);
    Set<String> ids = new HashSet<>();
    for (MavenProject p : MavenReactor.projects(session)) {
      if (!"pom".equals(p.getPackaging()) && images.contains(MavenReactor.id(p))) {
        ids.add(MavenReactor.id(p));
      }
    }
    return ids;
  }

  @SuppressWarnings("unchecked")
  private CiOptions options(Path root) throws CiConfigException {
    CiConfiguration c = ciConfig != null ? ciConfig : new CiConfiguration();
    CiConfiguration.CircleCi circle =
        c.circleci != null ? c.circleci : new CiConfiguration.CircleCi();
    CiConfiguration.Github github = c.github != null ? c.github : new CiConfiguration.Github();
    Map<String, Object> executor =
        circle.executor == null || circle.executor.isBlank()
            ? null
            : (Map<String, Object>)
                Yaml.snippet(circle.executor, "<ciConfig><circleci><executor>", Map.class);
    String maven =
        c.mavenCommand != null && !c.mavenCommand.isBlank()
            ? c.mavenCommand
            : Files.isRegularFile(root.resolve("mvnw")) ? "./mvnw" : "mvn";
    return new CiOptions(
        maven,
        new CircleCiOptions(
            executor,
            Optional.ofNullable(circle.resourceClass),
            orEmpty(circle.environment),
            circle.contexts != null ? circle.contexts : List.of(),
            steps(circle.extraSteps, "<ciConfig><circleci><extraSteps>", true)),
        new GithubOptions(
            github.runsOn,
            github.javaVersion,
            orEmpty(github.env),
            steps(github.extraSteps, "<ciConfig><github><extraSteps>", false)),
        groupAbove(c));
  }

  /** {@code <ciConfig><groupAbove>}; {@code azbuild.ciConfig.groupAbove} overrides it in core. */
  private static int groupAbove(CiConfiguration c) throws CiConfigException {
    if (c.groupAbove == null) {
      return CiLayout.DEFAULT_GROUP_ABOVE;
    }
    if (c.groupAbove < 1) {
      throw new CiConfigException(
          "<ciConfig><groupAbove> must be at least 1, got "
              + c.groupAbove
              + "; give the number of image modules above which modules share jobs (default "
              + CiLayout.DEFAULT_GROUP_ABOVE
              + ")");
    }
    return c.groupAbove;
  }

  /**
   * Extra steps; {@code bareWords}: CircleCI's built-in steps such as {@code setup_remote_docker}
   * are plain words.
   */
  private static List<Object> steps(List<String> snippets, String where, boolean bareWords)
      throws CiConfigException {
    List<Object> steps = new ArrayList<>();
    if (snippets != null) {
      for (int i = 0; i < snippets.size(); i++) {
        Object step = Yaml.snippet(snippets.get(i), where + " step " + (i + 1), Object.class);
        if (!(step instanceof Map) && !(bareWords && step instanceof String)) {
          throw new CiConfigException(
              where
                  + " step "
                  + (i + 1)
                  + " must be a YAML mapping such as"
                  + " {run: ./login.sh}, got: "
                  + snippets.get(i).strip());
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
