package dev.azbuild.mojo;

import dev.azbuild.docker.DockerDaemon;
import dev.azbuild.env.TagNames;
import dev.azbuild.graph.ImageModule;
import dev.azbuild.pipeline.BuildFailure;
import dev.azbuild.pipeline.BuildReport;
import dev.azbuild.pipeline.BuildSettings;
import dev.azbuild.pipeline.ModuleBuild;
import dev.azbuild.pipeline.ModuleReport;
import dev.azbuild.pipeline.NoRegistry;
import dev.azbuild.registry.Registry;
import dev.azbuild.registry.RegistryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Builds this module's image if the plan says so, else re-tags the existing one in the cache
 * registry; pushes the commit and branch tags; writes {@code target/azbuild/build.json} at the
 * reactor root. Run at the root ({@code mvn azbuild:build}) it handles every image module in
 * reactor order; {@code -T} builds independent modules in parallel.
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

  @Override
  protected void doExecute() throws MojoExecutionException, MojoFailureException {
    Planned planned = planned();
    if (MavenReactor.imageModule(project).isEmpty()) {
      getLog().debug(MavenReactor.id(project) + ": not an image module");
      return;
    }
    ImageModule module = planned.graph().module(MavenReactor.id(project)).orElseThrow();
    if (!skipPush && cacheRegistryUrl().isEmpty()) {
      throw new MojoFailureException("no cache registry configured; set -Dazbuild.cacheRegistry=HOST[:PORT][/PREFIX]"
          + " (or AZBUILD_CACHE_REGISTRY), or build locally with -Dazbuild.skipPush");
    }
    BuildSettings settings = buildSettings(planned, module);
    long start = System.nanoTime();
    try (Registry cache = skipPush && cacheRegistryUrl().isEmpty() ? new NoRegistry() : openCacheRegistry();
        DockerDaemon daemon = DockerDaemon.fromEnvironment(System.getenv())) {
      ModuleReport report = new ModuleBuild(module, planned.plan(), planned.graph(), cache, daemon, settings).call();
      buildReport(planned).record(report);
    } catch (BuildFailure | RegistryException e) {
      recordFailure(planned, module, start, e);
      throw new MojoFailureException(e.getMessage(), e);
    } catch (IOException e) {
      throw new MojoExecutionException("cannot write " + reportDir().resolve("build.json") + ": " + e.getMessage(), e);
    }
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

  private BuildSettings buildSettings(Planned planned, ImageModule module)
      throws MojoFailureException, MojoExecutionException {
    Path root = planned.workTree();
    String branch = settings().branch().or(planned::checkedOutBranch).orElseThrow(() -> new MojoFailureException(
        "HEAD is detached and no branch is known; set -Dazbuild.branch=NAME or the CI's branch variable"
            + " (CIRCLE_BRANCH, GITHUB_HEAD_REF/GITHUB_REF_NAME, CI_COMMIT_BRANCH, BRANCH_NAME, BUILDKITE_BRANCH)"));
    Optional<Path> terraform = Optional.empty();
    boolean rebuild = planned.plan().decision(module.id()).map(d -> d.rebuild()).orElse(false);
    if (rebuild && !skipTerraform && Files.isDirectory(module.basedir().resolve("terraform"))) {
      terraform = Optional.of(MavenTerraform.ensure(terraformVersion, terraformMirror, null));
    }
    String source = project.getScm() != null && project.getScm().getUrl() != null ? project.getScm().getUrl() : "";
    return new BuildSettings(planned.plan().head(), TagNames.sanitize(branch), masterTag, source,
        reproducible ? Optional.empty() : Optional.of(Instant.now()), skipPush, terraform, root, reactorRoot());
  }

  /** One report per session, shared by every module's execution. */
  private BuildReport buildReport(Planned planned) {
    Path file = reportDir().resolve("build.json");
    return (BuildReport) session.getRepositorySession().getData().computeIfAbsent("azbuild.buildReport:" + file,
        () -> new BuildReport(file, planned.plan().head(), planned.graph().modules().stream().map(ImageModule::id).toList()));
  }
}
