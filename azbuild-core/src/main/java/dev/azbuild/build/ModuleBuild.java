package dev.azbuild.build;

import dev.azbuild.docker.BuildRequest;
import dev.azbuild.docker.BuildResult;
import dev.azbuild.docker.DockerDaemon;
import dev.azbuild.docker.DockerOperationException;
import dev.azbuild.docker.ImageLabels;
import dev.azbuild.docker.StageBuilds;
import dev.azbuild.docker.TransferResult;
import dev.azbuild.dockerfile.Dockerfile;
import dev.azbuild.graph.ImageModule;
import dev.azbuild.graph.ModuleGraph;
import dev.azbuild.plan.Mode;
import dev.azbuild.plan.ModuleDecision;
import dev.azbuild.plan.Plan;
import dev.azbuild.registry.Credentials;
import dev.azbuild.registry.KnownManifests;
import dev.azbuild.registry.Registry;
import dev.azbuild.registry.RegistryException;
import dev.azbuild.registry.SourcedCredentials;
import dev.azbuild.terraform.TerraformException;
import dev.azbuild.terraform.TerraformValidation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bash scripts' {@code build} for one module the plan rebuilds (unchanged modules are re-tagged
 * by {@link UnchangedImages}, all at once): ensure the repository, pull outside parents, pin
 * in-repo parents to the digest this build resolved for them ({@link ParentImages}), prime the
 * layer cache from the branch or {@code master} image, build each named stage and the image, check
 * that each sits on its in-repo parent, then push each stage and the image under one tag and re-tag
 * it in the registry to the branch and, last, the commit (so a commit tag always names a complete
 * image). The module's terraform is validated before anything is built (the bash scripts did it
 * last), so a module with a broken configuration never gets a commit image.
 */
public final class ModuleBuild implements Callable<ModuleReport> {

  private static final Logger LOG = LoggerFactory.getLogger(ModuleBuild.class);

  private final ImageModule module;
  private final ModuleDecision decision;
  private final Plan plan;
  private final ModuleGraph graph;
  private final Registry cache;
  private final ImageDaemon daemon;
  private final BuildSettings settings;
  private final String cacheImage;
  private final ParentResolver parents;

  private long bytesPulled;
  private long bytesPushed;

  /**
   * The digest learned while re-tagging the pushed image, so the report needs no further registry
   * request.
   */
  private String knownDigest;

  /**
   * Resolves the parents of a Dockerfile; a seam for tests only (see the package-private
   * constructor).
   */
  @FunctionalInterface
  interface ParentResolver {
    ParentImages.Resolved resolve(Dockerfile dockerfile, Optional<Credentials> auth)
        throws BuildFailure, DockerOperationException, RegistryException;
  }

  /**
   * @param known manifests the plan's probe read from {@code cache} (an unchanged parent's digest
   *     is taken from there)
   * @throws IllegalArgumentException when the plan does not rebuild the module
   */
  public ModuleBuild(
      ImageModule module,
      Plan plan,
      ModuleGraph graph,
      Registry cache,
      KnownManifests known,
      DockerDaemon daemon,
      BuildSettings settings) {
    this(
        module,
        plan,
        graph,
        cache,
        known,
        ImageDaemon.of(daemon, settings.retries()),
        settings,
        null);
  }

  /**
   * With any daemon (the unit tests' fake), and {@code parents} in place of {@link ParentImages}
   * when not null.
   */
  ModuleBuild(
      ImageModule module,
      Plan plan,
      ModuleGraph graph,
      Registry cache,
      KnownManifests known,
      ImageDaemon daemon,
      BuildSettings settings,
      ParentResolver parents) {
    this.module = module;
    this.plan = plan;
    this.decision =
        plan.decision(module.id())
            .filter(ModuleDecision::rebuild)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        module.id()
                            + " is not rebuilt by the plan; re-tag it with UnchangedImages"));
    this.graph = graph;
    this.cache = cache;
    this.daemon = daemon;
    this.settings = settings;
    this.cacheImage = cache.imageName(module.image());
    this.parents =
        parents != null
            ? parents
            : new ParentImages(module, plan, graph, cache, known, daemon, settings)::resolve;
  }

  @Override
  public ModuleReport call() throws BuildFailure {
    long start = System.nanoTime();
    try {
      if (!settings.skipPush()) {
        RepositorySetup.ensure(cache, module, settings.reactorRoot());
      }
      LOG.info("{}: building ({})", module.label(), String.join("; ", decision.reasons()));
      List<String> tags = build();
      String digest =
          settings.skipPush()
              ? null
              : knownDigest != null
                  ? knownDigest
                  : cache.digest(module.image(), settings.commit()).orElse(null);
      double seconds = (System.nanoTime() - start) / 1e9;
      LOG.info(
          "{}: built in {} s, pushed {}, pulled {}",
          module.label(),
          String.format("%.1f", seconds),
          megabytes(bytesPushed),
          megabytes(bytesPulled));
      return new ModuleReport(
          module.id(),
          module.image(),
          ModuleReport.BUILT,
          digest,
          tags,
          bytesPushed,
          bytesPulled,
          seconds,
          decision.reasons(),
          null);
    } catch (RegistryException | DockerOperationException e) {
      throw new BuildFailure(module.label() + ": " + e.getMessage(), e);
    }
  }

  /** The tag a built image is pushed under first; the others are registry re-tags of it. */
  private String primaryTag() {
    return plan.mode() == Mode.CONTENT ? BuildTags.cacheTag(decision) : settings.branchTag();
  }

  /** Tags after the primary one, the commit last. */
  private List<String> followingTags(String first) {
    return BuildTags.following(first, settings);
  }

  private List<String> build() throws RegistryException, DockerOperationException, BuildFailure {
    daemon.ping();
    validateTerraform(); // first: a module whose terraform is broken never gets a commit image
    Dockerfile dockerfile = dockerfile();
    Optional<Credentials> auth = daemonAuth();
    ParentImages.Resolved parents = this.parents.resolve(dockerfile, auth);
    bytesPulled += parents.bytesPulled();
    // --cache-from makes the classic builder use those images (and their parents) as its only
    // cache: stages built here just now are added only once a pulled image turns that on, so a
    // build with nothing to prime from keeps the daemon's own cache, and the same inputs give the
    // same images (the COPY --from steps of the image included)
    Set<String> primed = new LinkedHashSet<>();
    Set<String> builtStages = new LinkedHashSet<>();
    primeUnlessBaseRebuilt(
            dockerfile, Optional.empty(), settings.branchTag(), settings.masterTag(), auth)
        .ifPresent(primed::add);

    BuildRequest base =
        BuildRequest.of(
                settings.repositoryRoot().resolve(module.contextDir()),
                settings.repositoryRoot().resolve(module.dockerfile()))
            .withBuildArgs(module.buildArgs())
            .withFileTime(settings.fileTime())
            .withParents(parents.pins())
            .withLabels(
                ImageLabels.withParents(
                    ImageLabels.of(
                        settings.commit(),
                        settings.source(),
                        settings.created(),
                        decision.inputHash() != null ? decision.inputHash() : "",
                        String.join("\n", decision.inputTree())),
                    parents.byImage()));

    // everything is built and checked before anything is pushed: a wrong parent leaves no image
    // behind
    String primary = primaryTag();
    List<String> stages = StageBuilds.namedStages(dockerfile);
    for (String stage : stages) {
      primeUnlessBaseRebuilt(
              dockerfile,
              Optional.of(stage),
              StageBuilds.stageTag(stage, settings.branchTag()),
              StageBuilds.stageTag(stage, settings.masterTag()),
              auth)
          .ifPresent(primed::add);
      String stageRef = cacheImage + ":" + StageBuilds.stageTag(stage, primary);
      BuildResult result =
          daemon.build(
              base.withTarget(stage)
                  .withCacheFrom(cacheFrom(primed, builtStages))
                  .withTags(Set.of(stageRef)));
      LOG.info(
          "{}: stage {} built ({} of {} steps cached)",
          module.label(),
          stage,
          result.cachedSteps(),
          result.steps().size());
      checkParent(parents.baseOf(dockerfile, Optional.of(stage)), stageRef, result);
      builtStages.add(stageRef);
    }

    String primaryRef = cacheImage + ":" + primary;
    Set<String> localRefs =
        new LinkedHashSet<>(List.of(primaryRef, cacheImage + ":" + settings.commit()));
    BuildResult result =
        daemon.build(base.withCacheFrom(cacheFrom(primed, builtStages)).withTags(localRefs));
    LOG.info(
        "{}: image built ({} of {} steps cached)",
        module.label(),
        result.cachedSteps(),
        result.steps().size());
    checkParent(parents.baseOf(dockerfile, Optional.empty()), primaryRef, result);
    if (settings.skipPush()) {
      return List.copyOf(localRefs);
    }
    for (String stage : stages) {
      push(cacheImage + ":" + StageBuilds.stageTag(stage, primary), auth);
      cache.retag(
          module.image(),
          StageBuilds.stageTag(stage, primary),
          followingTags(primary).stream().map(tag -> StageBuilds.stageTag(stage, tag)).toList());
    }
    push(primaryRef, auth);
    List<String> tags = new ArrayList<>(List.of(primary));
    tags.addAll(followingTags(primary));
    knownDigest = cache.retag(module.image(), primary, followingTags(primary));
    return tags;
  }

  /**
   * The {@code --cache-from} images of a build: none while nothing was pulled (the daemon's own
   * cache then serves, stages built just now included), else the pulled images and the stages.
   */
  static Set<String> cacheFrom(Set<String> primed, Set<String> builtStages) {
    if (primed.isEmpty()) {
      return Set.of();
    }
    Set<String> images = new LinkedHashSet<>(primed);
    images.addAll(builtStages);
    return images;
  }

  /**
   * Fails unless the image just built starts with the layers of the in-repo parent its stage is
   * built FROM: the build must sit on the image this build resolved, nothing else.
   */
  private void checkParent(
      Optional<ParentImages.Pinned> parent, String reference, BuildResult result)
      throws DockerOperationException, BuildFailure {
    if (parent.isEmpty()) {
      return;
    }
    List<String> layers = daemon.layers(result.imageId());
    List<String> expected = parent.get().layers();
    if (layers.size() < expected.size() || !layers.subList(0, expected.size()).equals(expected)) {
      throw new BuildFailure(
          module.label()
              + ": "
              + reference
              + " is not built on its parent "
              + parent.get().image()
              + " ("
              + parent.get().reference()
              + "): its layers do not start with the parent's; nothing was pushed",
          null);
    }
  }

  /**
   * Primes the layer cache of a stage (the final image when empty) from {@code tag}, else {@code
   * fallback} — unless the stage starts FROM an in-repo image this plan rebuilds: then every layer
   * after FROM differs from the old image's, and pulling it could not give one cache hit.
   */
  private Optional<String> primeUnlessBaseRebuilt(
      Dockerfile dockerfile,
      Optional<String> stage,
      String tag,
      String fallback,
      Optional<Credentials> auth)
      throws DockerOperationException {
    Optional<String> rebuiltBase =
        dockerfile
            .baseImage(stage)
            .filter(
                image ->
                    graph
                        .moduleForImage(image)
                        .flatMap(parent -> plan.decision(parent.id()))
                        .map(ModuleDecision::rebuild)
                        .orElse(false));
    if (rebuiltBase.isPresent()) {
      LOG.info(
          "{}: {} not primed: its base image {} was rebuilt",
          module.label(),
          stage.map(name -> "stage " + name + " cache").orElse("layer cache"),
          rebuiltBase.get());
      return Optional.empty();
    }
    return primeCache(cacheImage, tag, fallback, auth);
  }

  /** Pulls the first of two tags that exists, for --cache-from; empty when neither does. */
  private Optional<String> primeCache(
      String image, String tag, String fallback, Optional<Credentials> auth)
      throws DockerOperationException {
    for (String t : new LinkedHashSet<>(List.of(tag, fallback))) {
      String ref = image + ":" + t;
      if (settings.skipPush()) {
        if (daemon.exists(ref)) {
          LOG.info("{}: layer cache primed from {} (local)", module.label(), ref);
          return Optional.of(ref);
        }
        continue;
      }
      Optional<TransferResult> pulled = daemon.pull(ref, auth); // also refreshes a stale local copy
      if (pulled.isPresent()) {
        bytesPulled += pulled.get().bytesTransferred();
        LOG.info("{}: layer cache primed from {}", module.label(), ref);
        return Optional.of(ref);
      }
    }
    return Optional.empty();
  }

  private void push(String ref, Optional<Credentials> auth) throws DockerOperationException {
    TransferResult result = daemon.push(ref, auth);
    bytesPushed += result.bytesTransferred();
  }

  private void validateTerraform() throws BuildFailure {
    Path dir = module.basedir().resolve("terraform");
    if (!Files.isDirectory(dir) || settings.terraform().isEmpty()) {
      return;
    }
    try {
      TerraformValidation validation = settings.terraform().get().validate(dir);
      if (!validation.ok()) {
        throw new BuildFailure(
            module.label() + ": terraform validate failed: " + validation.summary(), null);
      }
      LOG.info("{}: terraform valid", module.label());
    } catch (TerraformException e) {
      throw new BuildFailure(module.label() + ": " + e.getMessage(), e);
    }
  }

  private Optional<Credentials> daemonAuth() throws RegistryException {
    return cache.credentials().map(SourcedCredentials::credentials);
  }

  private Dockerfile dockerfile() {
    return graph.dockerfile(module.id());
  }

  private static String megabytes(long bytes) {
    return String.format("%.1f MB", bytes / 1e6);
  }
}
