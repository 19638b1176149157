package dev.azbuild.pipeline;

import dev.azbuild.deploy.CliTerraform;
import dev.azbuild.deploy.TerraformException;
import dev.azbuild.deploy.TerraformValidation;
import dev.azbuild.docker.BuildRequest;
import dev.azbuild.docker.BuildResult;
import dev.azbuild.docker.DockerDaemon;
import dev.azbuild.docker.Dockerfile;
import dev.azbuild.docker.DockerOperationException;
import dev.azbuild.docker.ImageBuilder;
import dev.azbuild.docker.ImageLabels;
import dev.azbuild.docker.ImageNames;
import dev.azbuild.docker.ImageTags;
import dev.azbuild.docker.ImageTransfer;
import dev.azbuild.docker.RegistryAuth;
import dev.azbuild.docker.StageBuilds;
import dev.azbuild.docker.TransferResult;
import dev.azbuild.graph.ImageModule;
import dev.azbuild.graph.Mode;
import dev.azbuild.graph.ModuleDecision;
import dev.azbuild.graph.ModuleGraph;
import dev.azbuild.graph.Plan;
import dev.azbuild.registry.Registry;
import dev.azbuild.registry.RegistryException;
import dev.azbuild.registry.SourcedCredentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seed's {@code build} for one module the plan rebuilds (unchanged modules are re-tagged by
 * {@link UnchangedImages}, all at once): ensure the repository, pull outside parents,
 * bring in-repo parents from this build or {@code master}, prime the layer cache from the branch or
 * {@code master} image, build and push each named stage, build the image, push it under one tag and
 * re-tag it in the registry to the branch and, last, the commit (so a commit tag always names a
 * complete image). The module's terraform is validated before anything is built (the seed did it
 * last), so a module with a broken configuration never gets a commit image.
 */
public final class ModuleBuild implements Callable<ModuleReport> {

  private static final Logger LOG = LoggerFactory.getLogger(ModuleBuild.class);

  private final ImageModule module;
  private final ModuleDecision decision;
  private final Plan plan;
  private final ModuleGraph graph;
  private final Registry cache;
  private final DockerDaemon daemon;
  private final ImageBuilder builder;
  private final ImageTransfer transfer;
  private final ImageTags localTags;
  private final BuildSettings settings;
  private final String cacheImage;
  private final String cacheHost;

  private long bytesPulled;
  private long bytesPushed;
  /** The digest learned while re-tagging the pushed image, so the report needs no further registry request. */
  private String knownDigest;

  /** @throws IllegalArgumentException when the plan does not rebuild the module */
  public ModuleBuild(ImageModule module, Plan plan, ModuleGraph graph, Registry cache, DockerDaemon daemon,
      BuildSettings settings) {
    this.module = module;
    this.plan = plan;
    this.decision = plan.decision(module.id()).filter(ModuleDecision::rebuild).orElseThrow(() ->
        new IllegalArgumentException(module.id() + " is not rebuilt by the plan; re-tag it with UnchangedImages"));
    this.graph = graph;
    this.cache = cache;
    this.daemon = daemon;
    this.builder = new ImageBuilder(daemon);
    this.transfer = new ImageTransfer(daemon);
    this.localTags = new ImageTags(daemon);
    this.settings = settings;
    this.cacheImage = cache.imageName(module.image());
    this.cacheHost = ImageNames.hasRegistryHost(cacheImage) ? cacheImage.substring(0, cacheImage.indexOf('/')) : "";
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
      String digest = settings.skipPush() ? null
          : knownDigest != null ? knownDigest : cache.digest(module.image(), settings.commit()).orElse(null);
      double seconds = (System.nanoTime() - start) / 1e9;
      LOG.info("{}: built in {} s, pushed {}, pulled {}", module.label(), String.format("%.1f", seconds),
          megabytes(bytesPushed), megabytes(bytesPulled));
      return new ModuleReport(module.id(), module.image(), ModuleReport.BUILT, digest, tags, bytesPushed, bytesPulled,
          seconds, decision.reasons(), null);
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
    Optional<RegistryAuth> auth = daemonAuth();
    pullParents(dockerfile, auth);
    Set<String> cacheFrom = new LinkedHashSet<>();
    primeUnlessBaseRebuilt(dockerfile, Optional.empty(), settings.branchTag(), settings.masterTag(), auth)
        .ifPresent(cacheFrom::add);

    BuildRequest base = BuildRequest.of(settings.repositoryRoot().resolve(module.contextDir()),
            settings.repositoryRoot().resolve(module.dockerfile()))
        .withBuildArgs(module.buildArgs())
        .withLabels(ImageLabels.of(settings.commit(), settings.source(), settings.created(),
            decision.inputHash() != null ? decision.inputHash() : "", String.join("\n", decision.inputTree())));

    String primary = primaryTag();
    for (String stage : StageBuilds.namedStages(dockerfile)) {
      primeUnlessBaseRebuilt(dockerfile, Optional.of(stage), StageBuilds.stageTag(stage, settings.branchTag()),
          StageBuilds.stageTag(stage, settings.masterTag()), auth).ifPresent(cacheFrom::add);
      String stageRef = cacheImage + ":" + StageBuilds.stageTag(stage, primary);
      BuildResult result = builder.build(base.withTarget(stage).withCacheFrom(cacheFrom).withTags(Set.of(stageRef)));
      LOG.info("{}: stage {} built ({} of {} steps cached)", module.label(), stage, result.cachedSteps(),
          result.steps().size());
      cacheFrom.add(stageRef);
      if (!settings.skipPush()) {
        push(stageRef, auth);
        cache.retag(module.image(), StageBuilds.stageTag(stage, primary),
            followingTags(primary).stream().map(tag -> StageBuilds.stageTag(stage, tag)).toList());
      }
    }

    String primaryRef = cacheImage + ":" + primary;
    Set<String> localRefs = new LinkedHashSet<>(List.of(primaryRef, cacheImage + ":" + settings.commit()));
    BuildResult result = builder.build(base.withCacheFrom(cacheFrom).withTags(localRefs));
    LOG.info("{}: image built ({} of {} steps cached)", module.label(), result.cachedSteps(), result.steps().size());
    if (settings.skipPush()) {
      return List.copyOf(localRefs);
    }
    push(primaryRef, auth);
    List<String> tags = new ArrayList<>(List.of(primary));
    tags.addAll(followingTags(primary));
    knownDigest = cache.retag(module.image(), primary, followingTags(primary));
    return tags;
  }

  /**
   * Primes the layer cache of a stage (the final image when empty) from {@code tag}, else {@code
   * fallback} — unless the stage starts FROM an in-repo image this plan rebuilds: then every layer
   * after FROM differs from the old image's, and pulling it could not give one cache hit.
   */
  private Optional<String> primeUnlessBaseRebuilt(Dockerfile dockerfile, Optional<String> stage, String tag,
      String fallback, Optional<RegistryAuth> auth) throws DockerOperationException {
    Optional<String> rebuiltBase = dockerfile.baseImage(stage).filter(image -> graph.moduleForImage(image)
        .flatMap(parent -> plan.decision(parent.id())).map(ModuleDecision::rebuild).orElse(false));
    if (rebuiltBase.isPresent()) {
      LOG.info("{}: {} not primed: its base image {} was rebuilt", module.label(),
          stage.map(name -> "stage " + name + " cache").orElse("layer cache"), rebuiltBase.get());
      return Optional.empty();
    }
    return primeCache(cacheImage, tag, fallback, auth);
  }

  /** Outside parents are pulled; in-repo parents come from this build (or master) under their plain name. */
  private void pullParents(Dockerfile dockerfile, Optional<RegistryAuth> auth)
      throws DockerOperationException, RegistryException, BuildFailure {
    Set<String> done = new java.util.HashSet<>();
    for (Dockerfile.ImageUse use : dockerfile.externalImages()) {
      if (!done.add(use.image())) {
        continue; // several stages FROM the same parent
      }
      Optional<ImageModule> parent = graph.moduleForImage(use.image());
      if (parent.isEmpty()) {
        Optional<RegistryAuth> parentAuth = isCacheHost(use.image()) ? auth : Optional.empty();
        Optional<TransferResult> pulled = transfer.pull(use.image(), parentAuth);
        if (pulled.isEmpty()) {
          throw new BuildFailure(module.dockerfile() + ":" + use.line() + ": image " + use.image()
              + " does not exist in its registry; fix the reference or push that image", null);
        }
        bytesPulled += pulled.get().bytesTransferred();
        continue;
      }
      String parentImage = cache.imageName(parent.get().image());
      String ref = parentReference(parent.get(), parentImage, auth);
      String plain = use.image().contains(":") ? use.image() : use.image() + ":latest";
      localTags.tag(ref, ImageNames.stripTagAndDigest(plain), plain.substring(plain.lastIndexOf(':') + 1));
      LOG.info("{}: parent {} is {}", module.label(), use.image(), ref);
    }
  }

  private String parentReference(ImageModule parent, String parentImage, Optional<RegistryAuth> auth)
      throws DockerOperationException, BuildFailure {
    List<String> candidates = new ArrayList<>();
    if (plan.mode() == Mode.CONTENT) {
      plan.decision(parent.id()).ifPresent(d -> candidates.add(BuildTags.cacheTag(d)));
    } else {
      candidates.add(settings.commit());
      candidates.add(settings.masterTag());
    }
    for (String tag : candidates) {
      String ref = parentImage + ":" + tag;
      if (localTags.exists(ref)) {
        return ref;
      }
      if (!settings.skipPush()) {
        Optional<TransferResult> pulled = transfer.pull(ref, auth);
        if (pulled.isPresent()) {
          bytesPulled += pulled.get().bytesTransferred();
          return ref;
        }
      }
    }
    throw new BuildFailure(module.label() + ": the image of upstream module " + parent.id() + " is not available as "
        + parentImage + ":" + String.join(" or :", candidates) + "; build it first (mvn azbuild:build -pl "
        + module.dir() + " -am)", null);
  }

  /** Pulls the first of two tags that exists, for --cache-from; empty when neither does. */
  private Optional<String> primeCache(String image, String tag, String fallback, Optional<RegistryAuth> auth)
      throws DockerOperationException {
    for (String t : new LinkedHashSet<>(List.of(tag, fallback))) {
      String ref = image + ":" + t;
      if (settings.skipPush()) {
        if (localTags.exists(ref)) {
          LOG.info("{}: layer cache primed from {} (local)", module.label(), ref);
          return Optional.of(ref);
        }
        continue;
      }
      Optional<TransferResult> pulled = transfer.pull(ref, auth); // also refreshes a stale local copy
      if (pulled.isPresent()) {
        bytesPulled += pulled.get().bytesTransferred();
        LOG.info("{}: layer cache primed from {}", module.label(), ref);
        return Optional.of(ref);
      }
    }
    return Optional.empty();
  }

  private void push(String ref, Optional<RegistryAuth> auth) throws DockerOperationException {
    TransferResult result = transfer.push(ref, auth);
    bytesPushed += result.bytesTransferred();
  }

  private void validateTerraform() throws BuildFailure {
    Path dir = module.basedir().resolve("terraform");
    if (!Files.isDirectory(dir) || settings.terraform().isEmpty()) {
      return;
    }
    try {
      TerraformValidation validation = new CliTerraform(settings.terraform().get(),
          CliTerraform.defaultPluginCacheDir(), Duration.ofMinutes(5)).validate(dir);
      if (!validation.ok()) {
        throw new BuildFailure(module.label() + ": terraform validate failed: " + validation.summary(), null);
      }
      LOG.info("{}: terraform valid", module.label());
    } catch (TerraformException e) {
      throw new BuildFailure(module.label() + ": " + e.getMessage(), e);
    }
  }

  private Optional<RegistryAuth> daemonAuth() throws RegistryException {
    Optional<SourcedCredentials> credentials = cache.credentials();
    return credentials.map(c -> new RegistryAuth(c.credentials().username(), c.credentials().secret(), cacheHost));
  }

  private boolean isCacheHost(String reference) {
    return ImageNames.hasRegistryHost(reference) && reference.substring(0, reference.indexOf('/')).equals(cacheHost);
  }

  private Dockerfile dockerfile() {
    return graph.dockerfile(module.id());
  }

  private static String megabytes(long bytes) {
    return String.format("%.1f MB", bytes / 1e6);
  }
}
