package dev.azbuild.mojo;

import dev.azbuild.change.GitException;
import dev.azbuild.change.GitRepo;
import dev.azbuild.deploy.DeployedCommit;
import dev.azbuild.env.CiDetector;
import dev.azbuild.env.CiInfo;
import dev.azbuild.graph.CacheProbe;
import dev.azbuild.graph.GraphException;
import dev.azbuild.graph.Mode;
import dev.azbuild.graph.ModuleGraph;
import dev.azbuild.graph.Plan;
import dev.azbuild.graph.PlanException;
import dev.azbuild.graph.PlanService;
import dev.azbuild.graph.PlanSettings;
import dev.azbuild.registry.KnownManifests;
import dev.azbuild.registry.Registry;
import dev.azbuild.registry.RegistryException;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Goals that need the rebuild plan. The plan is computed once per Maven session and shared by
 * every module's goal (also under {@code -T}), because one pass over the repository serves all.
 */
public abstract class AbstractPlanMojo extends AbstractRegistryMojo {

  /** {@code content} (default: hash of each module's inputs) or {@code diff} (changed files since the base commit). */
  @Parameter(property = "azbuild.mode")
  protected String mode;

  /** The base commit for diff mode; default: found by setenv's rules (merge-base, last deploy). Env: AZBUILD_BASE. */
  @Parameter(property = "azbuild.base")
  protected String base;

  /** Plan for this commit, counting only committed changes; default: HEAD plus staged, unstaged and untracked files. */
  @Parameter(property = "azbuild.head")
  protected String head;

  /** The commit being built, as the CI names it; the same as {@code azbuild.head} (which wins when both are given). */
  @Parameter(property = "azbuild.commit")
  protected String commit;

  /** The branch being built; default: the CI's branch variable, else the checked-out branch. */
  @Parameter(property = "azbuild.branch")
  protected String branch;

  /** The default branch; default: origin/HEAD, else main or master, whichever exists. */
  @Parameter(property = "azbuild.defaultBranch")
  protected String defaultBranch;

  /**
   * The branch a pull/merge request merges into; a branch build's base is its merge-base with it.
   * Default: the CI's variable (GITHUB_BASE_REF, CI_MERGE_REQUEST_TARGET_BRANCH_NAME, CHANGE_TARGET,
   * BUILDKITE_PULL_REQUEST_BASE_BRANCH), else the default branch. Env: AZBUILD_TARGET_BRANCH.
   */
  @Parameter(property = "azbuild.targetBranch")
  protected String targetBranch;

  /** Whether a shallow clone may be deepened from origin to find the base commit. */
  @Parameter(property = "azbuild.fetch", defaultValue = "true")
  protected boolean fetch;

  /** The tag of the default branch's latest image in the cache registry (the seed's {@code master}). */
  @Parameter(property = "azbuild.masterTag", defaultValue = PlanSettings.DEFAULT_MASTER_TAG)
  protected String masterTag;

  /**
   * The module graph and its plan, computed once per session, with what the goals need of the
   * repository (so no goal opens it again per module).
   *
   * @param workTree the git work tree's root
   * @param checkedOutBranch the checked-out branch; empty when HEAD is detached
   * @param probed the manifests the plan's cache probe found (the build re-tags with them)
   */
  protected record Planned(ModuleGraph graph, Plan plan, Path workTree, Optional<String> checkedOutBranch,
      KnownManifests probed) {}

  /** The shared plan, or the failure computing it, for this session's settings. */
  protected final Plan plan() throws MojoFailureException, MojoExecutionException {
    return planned().plan();
  }

  protected final Planned planned() throws MojoFailureException, MojoExecutionException {
    PlanSettings settings = settings();
    String key = cacheKey(executionRoot(), settings);
    Object outcome = session.getRepositorySession().getData().computeIfAbsent(key, () -> compute(settings));
    if (outcome instanceof Planned planned) {
      return planned;
    }
    Exception error = (Exception) outcome;
    if (error instanceof MojoExecutionException e) {
      throw e;
    }
    throw new MojoFailureException(error.getMessage(), error);
  }

  private Object compute(PlanSettings settings) {
    // wall and this thread's CPU time per phase: on a busy machine the CPU time says what the work costs
    java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
    long[] t = new long[10];
    t[0] = System.nanoTime();
    t[1] = cpu.getCurrentThreadCpuTime();
    try (GitRepo git = GitRepo.open(executionRoot()); Registry cache = openCacheRegistryIfConfigured()) {
      KnownManifests probed = new KnownManifests();
      PlanSettings withCache = cache == null ? settings
          : settings.withCache((module, tag) -> Optional.of(probed.probe(cache, module.image(), tag)));
      if (settings.mode() == Mode.CONTENT && settings.head().isEmpty()) {
        git.readWorkTreeAhead(); // git reads the work tree while the graph is built
      }
      t[2] = System.nanoTime();
      t[3] = cpu.getCurrentThreadCpuTime();
      var reactor = MavenReactor.modules(session);
      t[4] = System.nanoTime();
      t[5] = cpu.getCurrentThreadCpuTime();
      ModuleGraph graph = ModuleGraph.build(git, reactor);
      t[6] = System.nanoTime();
      t[7] = cpu.getCurrentThreadCpuTime();
      Plan plan = PlanService.plan(git, graph, withCache);
      t[8] = System.nanoTime();
      t[9] = cpu.getCurrentThreadCpuTime();
      getLog().debug(String.format("azbuild plan timing (wall/cpu ms): open git %d/%d, reactor %d/%d, graph %d/%d,"
          + " decisions %d/%d", (t[2] - t[0]) / 1_000_000, (t[3] - t[1]) / 1_000_000, (t[4] - t[2]) / 1_000_000,
          (t[5] - t[3]) / 1_000_000, (t[6] - t[4]) / 1_000_000, (t[7] - t[5]) / 1_000_000, (t[8] - t[6]) / 1_000_000,
          (t[9] - t[7]) / 1_000_000));
      plan.warnings().forEach(w -> getLog().warn(w));
      return new Planned(graph, plan, git.workTree(), git.currentBranch(), probed);
    } catch (GitException | GraphException | PlanException | RegistryException | IllegalArgumentException e) {
      return e;
    } catch (MojoFailureException e) {
      return e;
    } catch (RuntimeException e) {
      return new MojoExecutionException("azbuild could not plan: " + e, e);
    }
  }

  protected PlanSettings settings() throws MojoFailureException {
    Mode parsedMode;
    try {
      parsedMode = Mode.parse(firstNonBlank(mode, System.getenv("AZBUILD_MODE")).orElse("content"));
    } catch (IllegalArgumentException e) {
      throw new MojoFailureException(e.getMessage());
    }
    CiInfo ci = CiDetector.detect(System.getenv());
    return new PlanSettings(parsedMode,
        firstNonBlank(base, System.getenv("AZBUILD_BASE")),
        firstNonBlank(head, commit),
        firstNonBlank(branch, ci.branch().orElse(null)),
        firstNonBlank(defaultBranch, System.getenv("AZBUILD_DEFAULT_BRANCH")),
        deployedCommit(),
        fetch,
        CacheProbe.NONE,
        masterTag,
        firstNonBlank(targetBranch, System.getenv("AZBUILD_TARGET_BRANCH"), ci.pullRequestTarget().orElse(null)));
  }

  /**
   * The last fully deployed commit recorded by deploy in the cache registry; read once per session,
   * and only when a cache registry is configured. An unreadable record is a warning, not an error.
   */
  private Optional<String> deployedCommit() throws MojoFailureException {
    Optional<String> url = cacheRegistryUrl();
    if (url.isEmpty() || session == null) {
      return Optional.empty();
    }
    Object value = session.getRepositorySession().getData().computeIfAbsent("azbuild.deployedCommit|" + url.get(), () -> {
      try (Registry cache = openCacheRegistry()) {
        return DeployedCommit.read(cache).orElse("");
      } catch (RegistryException | MojoFailureException | RuntimeException e) {
        getLog().warn("cannot read the last deployed commit from " + url.get() + ": " + e.getMessage());
        return "";
      }
    });
    return firstNonBlank((String) value);
  }

  private Registry openCacheRegistryIfConfigured() throws MojoFailureException, RegistryException {
    return cacheRegistryUrl().isPresent() ? openCacheRegistry() : null;
  }

  protected final Path executionRoot() {
    return Path.of(session.getExecutionRootDirectory());
  }

  /** The reactor's top directory. */
  protected final Path reactorRoot() {
    return rootProject() != null ? rootProject().getBasedir().toPath() : executionRoot();
  }

  /** Where reports go: {@code target/azbuild} at the reactor root. */
  protected final Path reportDir() {
    return rootProject() != null
        ? Path.of(rootProject().getBuild().getDirectory(), "azbuild")
        : executionRoot().resolve("target").resolve("azbuild");
  }

  /** The session data key: one plan per root, settings and cache registry. */
  private String cacheKey(Path root, PlanSettings s) {
    return String.join("|", "azbuild.plan", root.toString(), cacheRegistryUrl().orElse(""), s.mode().id(), s.base().orElse(""),
        s.head().orElse(""), s.branch().orElse(""), s.defaultBranch().orElse(""),
        s.deployedCommit().orElse(""), Boolean.toString(s.allowFetch()), s.masterTag(), s.targetBranch().orElse(""));
  }
}
