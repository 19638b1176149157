package dev.azbuild.build;

import dev.azbuild.docker.DockerOperationException;
import dev.azbuild.docker.ImageTransferException;
import dev.azbuild.docker.TransferResult;
import dev.azbuild.dockerfile.Dockerfile;
import dev.azbuild.graph.ImageModule;
import dev.azbuild.graph.ModuleGraph;
import dev.azbuild.image.ImageReference;
import dev.azbuild.plan.Mode;
import dev.azbuild.plan.Plan;
import dev.azbuild.registry.Credentials;
import dev.azbuild.registry.KnownManifests;
import dev.azbuild.registry.Manifest;
import dev.azbuild.registry.Registry;
import dev.azbuild.registry.RegistryException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the images a module's Dockerfile builds on ready on the daemon. Outside images are pulled
 * as {@link PullPolicy} says. An in-repo parent ({@code FROM libs-base}, {@code COPY
 * --from=libs-base}) is pinned: the digest this build resolves for its tag in the cache registry
 * (content mode: its {@code cache-<hash>}, diff mode: the commit, else the default branch's tag) is
 * pulled by digest when the daemon lacks it, and the build reads {@code <cache
 * registry>/libs-base@sha256:…} in place of the plain name. With {@code skipPush} the parent is the
 * local image this build tagged, pinned by its image id.
 *
 * <p>Nothing is tagged on the daemon: a plain name like {@code libs-base:latest} is daemon-wide, so
 * a build of another repository on the same daemon could move it between the tag and the build's
 * {@code FROM}.
 */
final class ParentImages {

  private static final Logger LOG = LoggerFactory.getLogger(ParentImages.class);

  /**
   * An in-repo parent as this build uses it.
   *
   * @param image the parent module's image name, e.g. {@code libs-base}
   * @param reference the immutable reference the build reads, e.g. {@code
   *     127.0.0.1:5000/team/libs-base@sha256:…} or, with {@code skipPush}, a local image id
   * @param id what the reference pins: the digest, or with {@code skipPush} the image id
   * @param source what it was resolved from, e.g. {@code 127.0.0.1:5000/team/libs-base:cache-…}
   * @param layers its layers (diff ids, bottom first): an image built on it starts with them
   */
  record Pinned(
      String image, String reference, String id, ImageReference source, List<String> layers) {}

  /**
   * The parents of one Dockerfile.
   *
   * @param pinned by the image as the Dockerfile names it (after ARG substitution)
   * @param bytesPulled what pulling them moved
   */
  record Resolved(Map<String, Pinned> pinned, long bytesPulled) {

    /** For {@code BuildRequest.withParents}: image as named → immutable reference. */
    Map<String, String> pins() {
      Map<String, String> pins = new LinkedHashMap<>();
      pinned.forEach((named, p) -> pins.put(named, p.reference()));
      return pins;
    }

    /**
     * For the {@code dev.azbuild.parents} label: parent image → its digest (or local image id). The
     * registry and prefix stay out, so the same inputs give the same image in any registry.
     */
    Map<String, String> byImage() {
      Map<String, String> byImage = new LinkedHashMap<>();
      pinned.values().forEach(p -> byImage.put(p.image(), p.id()));
      return byImage;
    }

    /** The in-repo parent a stage (the last when empty) starts from, following earlier stages. */
    Optional<Pinned> baseOf(Dockerfile dockerfile, Optional<String> stage) {
      return dockerfile.baseImage(stage).map(pinned::get);
    }
  }

  private final ImageModule module;
  private final Plan plan;
  private final ModuleGraph graph;
  private final Registry cache;
  private final KnownManifests known;
  private final ImageDaemon daemon;
  private final BuildSettings settings;

  ParentImages(
      ImageModule module,
      Plan plan,
      ModuleGraph graph,
      Registry cache,
      KnownManifests known,
      ImageDaemon daemon,
      BuildSettings settings) {
    this.module = module;
    this.plan = plan;
    this.graph = graph;
    this.cache = cache;
    this.known = known;
    this.daemon = daemon;
    this.settings = settings;
  }

  /**
   * @param auth the cache registry's credentials for the daemon (in-repo parents, and outside
   *     images on the cache registry's host)
   */
  Resolved resolve(Dockerfile dockerfile, Optional<Credentials> auth)
      throws BuildFailure, DockerOperationException, RegistryException {
    Map<String, Pinned> pinned = new LinkedHashMap<>();
    Set<String> done = new HashSet<>();
    long pulled = 0;
    for (Dockerfile.ImageUse use : dockerfile.externalImages()) {
      if (!done.add(use.image())) {
        continue; // several stages FROM the same parent
      }
      Optional<ImageModule> parent = graph.moduleForImage(use.image());
      if (parent.isEmpty()) {
        pulled += outside(use, isCacheHost(use.image()) ? auth : Optional.empty());
        continue;
      }
      PinnedAndPulled p = pin(parent.get(), auth);
      pulled += p.bytes();
      pinned.put(use.image(), p.pinned());
      LOG.info(
          "{}: parent {} is {} (tag {})",
          module.label(),
          use.image(),
          p.pinned().reference(),
          BuildTags.abbreviate(p.pinned().source().tag().orElseThrow()));
    }
    return new Resolved(pinned, pulled);
  }

  private record PinnedAndPulled(Pinned pinned, long bytes) {}

  private PinnedAndPulled pin(ImageModule parent, Optional<Credentials> auth)
      throws BuildFailure, DockerOperationException, RegistryException {
    ImageReference parentImage = imageOf(parent);
    List<String> candidates = new ArrayList<>();
    if (plan.mode() == Mode.CONTENT) {
      plan.decision(parent.id()).ifPresent(d -> candidates.add(BuildTags.cacheTag(d)));
    } else {
      candidates.add(settings.commit());
      candidates.add(settings.masterTag());
    }
    for (String tag : candidates) {
      ImageReference source = parentImage.withTag(tag);
      if (settings.skipPush()) {
        // no registry to ask: the image this build tagged, by its id (which no later tag can move)
        Optional<String> id = daemon.imageId(source.toString());
        if (id.isPresent()) {
          return new PinnedAndPulled(
              new Pinned(parent.image(), id.get(), id.get(), source, daemon.layers(id.get())), 0);
        }
        continue;
      }
      Optional<String> digest = known.get(parent.image(), tag).map(Manifest::digest);
      if (digest.isEmpty()) {
        digest = cache.digest(parent.image(), tag);
      }
      if (digest.isEmpty()) {
        continue;
      }
      String reference = parentImage.withDigest(digest.get()).toString();
      long bytes = 0;
      if (!daemon.exists(reference)) {
        Optional<TransferResult> result = daemon.pull(reference, auth);
        if (result.isEmpty()) {
          throw new BuildFailure(
              module.label()
                  + ": the image of upstream module "
                  + parent.id()
                  + " ("
                  + source
                  + " = "
                  + digest.get()
                  + ") was removed from the registry while this build read it; run the build again",
              null);
        }
        bytes = result.get().bytesTransferred();
      }
      return new PinnedAndPulled(
          new Pinned(parent.image(), reference, digest.get(), source, daemon.layers(reference)),
          bytes);
    }
    throw new BuildFailure(
        module.label()
            + ": the image of upstream module "
            + parent.id()
            + " is not available as "
            + parentImage.name()
            + ":"
            + String.join(" or :", candidates)
            + "; build it first (mvn azbuild:build -pl "
            + module.dir()
            + " -am)",
        null);
  }

  /** The parent's image in the cache registry (or on the daemon, with {@code skipPush}). */
  private ImageReference imageOf(ImageModule parent) throws BuildFailure {
    String name = cache.imageName(parent.image());
    try {
      return ImageReference.parse(name);
    } catch (IllegalArgumentException e) {
      throw new BuildFailure(
          module.label()
              + ": upstream module "
              + parent.id()
              + " has no valid image name ("
              + e.getMessage()
              + "); set its azbuild.image to lower-case letters, digits and separators",
          e);
    }
  }

  /** Brings an outside image onto the daemon as the pull policy says; returns the bytes pulled. */
  private long outside(Dockerfile.ImageUse use, Optional<Credentials> auth)
      throws BuildFailure, DockerOperationException {
    String image = use.image();
    String where = module.dockerfile() + ":" + use.line() + ": image " + image;
    PullPolicy policy = settings.pull();
    if (policy != PullPolicy.ALWAYS && daemon.exists(image)) {
      LOG.info(
          "{}: {} is on the Docker daemon, not pulled (azbuild.pull={})",
          module.label(),
          image,
          policy.id());
      return 0;
    }
    if (policy == PullPolicy.NEVER) {
      throw new BuildFailure(
          where
              + " is not on the Docker daemon and azbuild.pull=never does not pull it;"
              + " load it first (docker pull or docker load) or set -Dazbuild.pull=missing",
          null);
    }
    String preloaded =
        policy == PullPolicy.ALWAYS
            ? "; if the daemon has it pre-loaded, set -Dazbuild.pull=missing"
            : "";
    Optional<TransferResult> pulled;
    try {
      pulled = daemon.pull(image, auth);
    } catch (ImageTransferException e) {
      throw new BuildFailure(
          where + " could not be pulled (" + e.getMessage() + ")" + preloaded, e);
    }
    if (pulled.isEmpty()) {
      throw new BuildFailure(
          where
              + " does not exist in its registry; fix the reference or push that image"
              + preloaded,
          null);
    }
    return pulled.get().bytesTransferred();
  }

  private boolean isCacheHost(String reference) {
    return ImageReference.tryParse(reference)
        .filter(ImageReference::hasRegistry)
        .map(r -> r.registry().equals(cache.host()))
        .orElse(false);
  }
}
