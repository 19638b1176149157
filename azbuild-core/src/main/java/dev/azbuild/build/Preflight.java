package dev.azbuild.build;

import dev.azbuild.docker.BuildRequest;
import dev.azbuild.docker.DaemonUnreachableException;
import dev.azbuild.docker.DockerOperationException;
import dev.azbuild.docker.ImageBuilder;
import dev.azbuild.dockerfile.Dockerfile;
import dev.azbuild.graph.ImageModule;
import dev.azbuild.graph.ModuleGraph;
import dev.azbuild.plan.ModuleDecision;
import dev.azbuild.plan.Plan;
import dev.azbuild.registry.Registry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks every module a build session will build before the session pushes anything (the re-tags of
 * unchanged modules included): its context directory and Dockerfile exist, the Dockerfile passes
 * {@link ImageBuilder#check} — azbuild's own checks and the daemon's parser — with its build args
 * and its in-repo parents pinned the way the build pins them (to a placeholder digest: the form is
 * what can fail, not the digest). So a Dockerfile that would fail in the fourth module fails the
 * session before the first three are pushed under the commit's tags. Rebuild patterns are compiled
 * by the plan, before this.
 */
public final class Preflight {

  private static final Logger LOG = LoggerFactory.getLogger(Preflight.class);

  /** Stands in for the digest a parent resolves to: only the reference's form matters here. */
  static final String PLACEHOLDER_DIGEST = "sha256:" + "0".repeat(64);

  private final Plan plan;
  private final ModuleGraph graph;
  private final Registry cache;
  private final Path repositoryRoot;

  /**
   * @param cache names the images the build pins parents to ({@code <cache>/<image>@sha256:…})
   * @param repositoryRoot the git work tree the graph's paths are relative to
   */
  public Preflight(Plan plan, ModuleGraph graph, Registry cache, Path repositoryRoot) {
    this.plan = plan;
    this.graph = graph;
    this.cache = cache;
    this.repositoryRoot = repositoryRoot;
  }

  /** The modules among {@code ids} the plan rebuilds, in graph order. */
  public List<ImageModule> toBuild(Collection<String> ids) {
    return graph.modules().stream()
        .filter(m -> ids.contains(m.id()))
        .filter(m -> plan.decision(m.id()).map(ModuleDecision::rebuild).orElse(false))
        .toList();
  }

  /**
   * Checks each module; fails with the first problem, and names the other modules that have one.
   *
   * @throws BuildFailure when a module's build would fail on its Dockerfile or context
   * @throws DaemonUnreachableException when the daemon does not answer
   */
  public void check(List<ImageModule> modules, ImageBuilder builder)
      throws BuildFailure, DockerOperationException {
    long start = System.nanoTime();
    List<String> problems = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (ImageModule module : modules) {
      try {
        builder.check(request(module));
      } catch (DaemonUnreachableException e) {
        throw e;
      } catch (DockerOperationException e) {
        problems.add(e.getMessage());
        failed.add(module.label());
      }
    }
    if (!problems.isEmpty()) {
      throw new BuildFailure(
          problems.get(0)
              + (failed.size() > 1
                  ? " (also failing the check: "
                      + String.join(", ", failed.subList(1, failed.size()))
                      + ")"
                  : "")
              + "; nothing was built or pushed",
          null);
    }
    LOG.info(
        "checked the Dockerfiles of {} module{} to build in {} ms",
        modules.size(),
        modules.size() == 1 ? "" : "s",
        (System.nanoTime() - start) / 1_000_000);
  }

  /** The build the module's {@link ModuleBuild} will send, its parents pinned to a placeholder. */
  BuildRequest request(ImageModule module) {
    Dockerfile dockerfile = graph.dockerfile(module.id());
    return BuildRequest.of(
            contextToCheck(module, repositoryRoot), repositoryRoot.resolve(module.dockerfile()))
        .withBuildArgs(module.buildArgs())
        .withParents(placeholderPins(dockerfile));
  }

  /**
   * The module's context; its directory when the context is Maven's build output ({@code
   * azbuild.context=target}) and not built yet. With the build goal bound in the lifecycle this
   * check runs at the first module's {@code package}, before the other modules are compiled; the
   * check parses the Dockerfile against an empty context anyway, and the module's own build checks
   * its context ({@link BuildOutputCheck}).
   */
  static Path contextToCheck(ImageModule module, Path repositoryRoot) {
    Path context = repositoryRoot.resolve(module.contextDir()).normalize();
    Path output =
        module.basedir().resolve(BuildOutputCheck.BUILD_DIRECTORY).toAbsolutePath().normalize();
    if (!Files.isDirectory(context) && context.toAbsolutePath().startsWith(output)) {
      return module.basedir();
    }
    return context;
  }

  /** Every in-repo image the Dockerfile names → {@code <cache>/<image>@sha256:000…}. */
  private Map<String, String> placeholderPins(Dockerfile dockerfile) {
    Map<String, String> pins = new LinkedHashMap<>();
    for (Dockerfile.ImageUse use : dockerfile.externalImages()) {
      Optional<ImageModule> parent = graph.moduleForImage(use.image());
      parent.ifPresent(
          p -> pins.put(use.image(), cache.imageName(p.image()) + "@" + PLACEHOLDER_DIGEST));
    }
    return pins;
  }
}
