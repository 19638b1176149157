package dev.azbuild.mojo;

import dev.azbuild.docker.DockerDaemon;
import dev.azbuild.env.TagNames;
import dev.azbuild.graph.ImageModule;
import dev.azbuild.plan.ModuleDecision;
import dev.azbuild.build.BuildFailure;
import dev.azbuild.build.BuildReport;
import dev.azbuild.build.BuildSettings;
import dev.azbuild.build.CommitTagCheck;
import dev.azbuild.build.ModuleBuild;
import dev.azbuild.build.ModuleReport;
import dev.azbuild.build.NoRegistry;
import dev.azbuild.build.PullPolicy;
import dev.azbuild.build.UnchangedImages;
import dev.azbuild.registry.Registry;
import dev.azbuild.registry.RegistryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Builds this module's image if the plan says so, else re-tags the existing one in the cache
 * registry; pushes the commit and branch tags; writes {@code target/azbuild/build.json} at the
 * reactor root. Run at the root ({@code mvn azbuild:build}) it handles every image module in
 * reactor order; {@code -T} builds independent modules in parallel. The unchanged modules of the
 * session are re-tagged all at once, in parallel, by the first execution; each module's execution
 * then logs its decision line and fails when its re-tag failed.
 */
@Mojo(name = BuildMojo.GOAL, threadSafe = true)
public class BuildMojo extends AbstractPlanMojo {

  static final String GOAL = "build";

  /** Build locally only: no push and no registry re-tag (for a laptop). */
  @Parameter(property = "azbuild.skipPush", defaultValue = "false")
  private boolean skipPush;

  /** Leave out the {@code org.opencontainers.image.created} label, so equal inputs give equal images. */
  @Parameter(property = "azbuild.reproducible", defaultValue = "false")
  private boolean reproducible;

  /** The terraform version used to validate modules' {@code terraform/} dirs. */
  @Parameter(property = "azbuild.terraform.version", defaultValue = MavenTerraform.DEFAULT_VERSION)
  private String terraformVersion;

  /** Where terraform releases are downloaded from when the pinned version is not installed. */
  @Parameter(property = "azbuild.terraform.mirror", defaultValue = MavenTerraform.DEFAULT_MIRROR)
  private String terraformMirror;

  /** Skip {@code terraform validate}. */
  @Parameter(property = "azbuild.terraform.skip", defaultValue = "false")
  private boolean skipTerraform;

  /**
   * When outside base images (those no module builds) are pulled: {@code always} (before every
   * build, so a moved tag is seen), {@code missing} (use the Docker daemon's copy when it has the
   * reference, else pull) or {@code never} (the image must be on the daemon). In-repo parents are
   * always taken by digest from the cache registry.
   */
  @Parameter(property = "azbuild.pull", defaultValue = "always")
  private String pull;

  /**
   * Prefix of what azbuild names on a Docker daemon other projects may share: with
   * {@code azbuild.skipPush} and no cache registry, images are {@code <namespace>/<image>}. Lower-case
   * letters and digits separated by {@code . _ -}. Default: the reactor root's artifactId, a dash and
   * 8 hex digits of the SHA-256 of the cache registry URL.
   */
  @Parameter(property = "azbuild.namespace")
  private String namespace;

  @Override
  protected void doExecute() throws MojoExecutionException, MojoFailureException {
    pullPolicy(); // bad settings fail before any work
    namespace(namespace);
    Planned planned = planned();
    if (MavenReactor.imageModule(project).isEmpty()) {
      getLog().debug(MavenReactor.id(project) + ": not an image module");
      if (skipPush || cacheRegistryUrl().isPresent()) {
        startUnchangedBatch(planned); // the reactor root runs first: re-tag the unchanged modules now
      }
      return;
    }
    ImageModule module = planned.graph().module(MavenReactor.id(project)).orElseThrow();
    if (!skipPush && cacheRegistryUrl().isEmpty()) {
      throw new MojoFailureException("no cache registry configured; set -Dazbuild.cacheRegistry=HOST[:PORT][/PREFIX]"
          + " (or AZBUILD_CACHE_REGISTRY), or build locally with -Dazbuild.skipPush");
    }
    if (planned.plan().decision(module.id()).filter(ModuleDecision::rebuild).isEmpty()) {
      reportUnchanged(planned, module);
      return;
    }
    startUnchangedBatch(planned); // also when the first execution is a module to build (-pl), so the re-tags start early
    BuildSettings settings = buildSettings(planned, module);
    long start = System.nanoTime();
    try (Registry cache = skipPush && cacheRegistryUrl().isEmpty() ? new NoRegistry(namespace(namespace))
            : openCacheRegistry();
        DockerDaemon daemon = DockerDaemon.fromEnvironment(System.getenv())) {
      ModuleReport report = new ModuleBuild(module, planned.plan(), planned.graph(), cache, planned.probed(), daemon,
          settings).call();
      buildReport(planned).record(CommitTagCheck.confirm(cache, settings.commit(), module.label(), report));
    } catch (BuildFailure | RegistryException e) {
      recordFailure(planned, module, start, e);
      throw new MojoFailureException(e.getMessage(), e);
    } catch (IOException e) {
      throw cannotWriteBuildJson(e);
    }
  }

  /** Runs the batch unless another execution did; its errors are the unchanged modules' to report, not this one's. */
  private void startUnchangedBatch(Planned planned) {
    try {
      unchangedBatch(planned);
    } catch (MojoFailureException | MojoExecutionException e) {
      getLog().debug("re-tagging the unchanged modules failed; each of them reports it: " + e.getMessage());
    }
  }

  /** Logs the module's decision line from the batch; fails its execution when its re-tag failed. */
  private void reportUnchanged(Planned planned, ImageModule module) throws MojoExecutionException, MojoFailureException {
    UnchangedImages.Outcome outcome = unchangedBatch(planned).get(module.id());
    if (outcome == null) {
      // not among the batch's modules (its execution has other settings than the first one): a batch of its own
      outcome = retagUnchanged(planned, buildReport(planned),
          UnchangedImages.select(planned.plan(), planned.graph(), List.of(module.id()))).get(module.id());
    }
    getLog().info(outcome.logLine());
    if (outcome.failed()) {
      throw new MojoFailureException(outcome.report().error());
    }
  }

  /**
   * The outcome of every unchanged image module of this session's projects (so {@code -pl} subsets
   * re-tag only theirs), by module id: re-tagged once per session, by the first execution that asks,
   * in parallel. The session data only holds the task, so the re-tags run outside its lock; later
   * executions wait for the task and read its result.
   */
  @SuppressWarnings("unchecked")
  private Map<String, UnchangedImages.Outcome> unchangedBatch(Planned planned)
      throws MojoExecutionException, MojoFailureException {
    BuildReport report = buildReport(planned);
    String key = String.join("|", "azbuild.unchangedBatch", reportDir().toString(), cacheRegistryUrl().orElse(""),
        planned.plan().head(), String.valueOf(branch), masterTag, Boolean.toString(skipPush));
    FutureTask<Object> task = (FutureTask<Object>) session.getRepositorySession().getData().computeIfAbsent(key,
        () -> new FutureTask<Object>(() -> {
          try {
            List<String> ids = session.getProjects().stream()
                .filter(p -> !Boolean.parseBoolean(p.getProperties().getProperty("azbuild.skip")))
                .map(MavenReactor::id)
                .toList();
            List<UnchangedImages.Unchanged> unchanged = UnchangedImages.select(planned.plan(), planned.graph(), ids);
            return retagUnchanged(planned, report, unchanged);
          } catch (MojoExecutionException | MojoFailureException e) {
            return e;
          }
        }));
    task.run(); // runs it unless another execution ran or runs it
    Object outcome;
    try {
      outcome = task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MojoExecutionException("interrupted while re-tagging the unchanged modules", e);
    } catch (ExecutionException e) {
      throw new MojoExecutionException("azbuild could not re-tag the unchanged modules: " + e.getCause(), e.getCause());
    }
    if (outcome instanceof MojoFailureException e) {
      throw e;
    }
    if (outcome instanceof MojoExecutionException e) {
      throw e;
    }
    return (Map<String, UnchangedImages.Outcome>) outcome;
  }

  /** Re-tags the modules with one registry client (none with skipPush) and records them all in build.json. */
  private Map<String, UnchangedImages.Outcome> retagUnchanged(Planned planned, BuildReport report,
      List<UnchangedImages.Unchanged> unchanged) throws MojoExecutionException, MojoFailureException {
    if (unchanged.isEmpty()) {
      return Map.of();
    }
    BuildSettings settings = sharedSettings(planned);
    Map<String, UnchangedImages.Outcome> outcomes;
    try (Registry cache = skipPush ? new NoRegistry(namespace(namespace)) : openCacheRegistry()) {
      outcomes = new UnchangedImages(cache, settings, planned.plan().mode(), planned.probed()).retag(unchanged);
    } catch (RegistryException e) {
      throw new MojoFailureException(e.getMessage(), e);
    }
    try {
      report.recordAll(outcomes.values().stream().map(UnchangedImages.Outcome::report).toList());
    } catch (IOException e) {
      throw cannotWriteBuildJson(e);
    }
    return outcomes;
  }

  private MojoExecutionException cannotWriteBuildJson(IOException e) {
    return new MojoExecutionException("cannot write " + reportDir().resolve("build.json") + ": " + e.getMessage(), e);
  }

  /** Notes the failure in build.json (the graph goal colours the module); the build's error stays the one reported. */
  private void recordFailure(Planned planned, ImageModule module, long start, Exception error) {
    List<String> reasons = planned.plan().decision(module.id()).map(d -> d.reasons()).orElse(List.of());
    try {
      buildReport(planned).record(ModuleReport.failed(module.id(), module.image(),
          (System.nanoTime() - start) / 1e9, reasons, error.getMessage()));
    } catch (IOException e) {
      getLog().warn("cannot record the failure in " + reportDir().resolve("build.json") + ": " + e.getMessage());
    }
  }

  /** What every module's build shares: no source label, no terraform (only modules to build need those). */
  private BuildSettings sharedSettings(Planned planned) throws MojoFailureException {
    Path root = planned.workTree();
    String branch = settings().branch().or(planned::checkedOutBranch).orElseThrow(() -> new MojoFailureException(
        "HEAD is detached and no branch is known; set -Dazbuild.branch=NAME or the CI's branch variable"
            + " (CIRCLE_BRANCH, GITHUB_HEAD_REF/GITHUB_REF_NAME, CI_COMMIT_BRANCH, BRANCH_NAME, BUILDKITE_BRANCH)"));
    return new BuildSettings(planned.plan().head(), TagNames.sanitize(branch), masterTag, "",
        reproducible ? Optional.empty() : Optional.of(Instant.now()), skipPush, Optional.empty(), root, reactorRoot());
  }

  private BuildSettings buildSettings(Planned planned, ImageModule module)
      throws MojoFailureException, MojoExecutionException {
    BuildSettings shared = sharedSettings(planned);
    Optional<Path> terraform = Optional.empty();
    if (!skipTerraform && Files.isDirectory(module.basedir().resolve("terraform"))) {
      terraform = Optional.of(MavenTerraform.ensure(terraformVersion, terraformMirror, null));
    }
    String source = project.getScm() != null && project.getScm().getUrl() != null ? project.getScm().getUrl() : "";
    return new BuildSettings(shared.commit(), shared.branchTag(), shared.masterTag(), source, shared.created(),
        shared.skipPush(), terraform, shared.repositoryRoot(), shared.reactorRoot(), pullPolicy());
  }

  private PullPolicy pullPolicy() throws MojoFailureException {
    try {
      return PullPolicy.parse(pull == null ? "always" : pull);
    } catch (IllegalArgumentException e) {
      throw new MojoFailureException(e.getMessage(), e);
    }
  }

  /** One report per session, shared by every module's execution. */
  private BuildReport buildReport(Planned planned) {
    Path file = reportDir().resolve("build.json");
    return (BuildReport) session.getRepositorySession().getData().computeIfAbsent("azbuild.buildReport:" + file,
        () -> new BuildReport(file, planned.plan().head(), planned.graph().modules().stream().map(ImageModule::id).toList()));
  }
}
