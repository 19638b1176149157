package dev.azbuild.build;

import dev.azbuild.docker.BuildRequest;
import dev.azbuild.docker.BuildResult;
import dev.azbuild.docker.TransferResult;
import dev.azbuild.image.ImageReference;
import dev.azbuild.registry.Credentials;
import dev.azbuild.registry.Manifest;
import dev.azbuild.testing.InMemoryRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Docker daemon for the unit tier: images are ids with layer lists, tags a map, pushes and pulls
 * go to an {@link InMemoryRegistry}. A built image's layers are its base's plus one of its own: the
 * base is the image the request pins for the Dockerfile's in-repo parent (or an outside image's one
 * layer), unless {@link #buildOnAForeignBase} plays a daemon that built on another image. Every
 * call is recorded ({@link #calls}). No Docker: the real daemon is {@code ModuleBuildIT}'s.
 */
final class FakeDaemon implements ImageDaemon {

  private final InMemoryRegistry registry;
  private final Map<String, String> tags = new HashMap<>();
  private final Map<String, List<String>> layers = new HashMap<>();
  private final List<String> calls = new ArrayList<>();
  private final List<BuildRequest> builds = new ArrayList<>();
  private int nextId;
  private boolean foreignBase;

  FakeDaemon(InMemoryRegistry registry) {
    this.registry = registry;
  }

  /** From now on every build sits on a base nobody asked for. */
  void buildOnAForeignBase() {
    foreignBase = true;
  }

  /** A local image under a reference, as if another project had tagged it. */
  String tag(String reference, List<String> imageLayers) {
    String id = newId(imageLayers);
    tags.put(reference, id);
    return id;
  }

  /** The calls so far, e.g. {@code build builder [ref]}, {@code push ref}, {@code pull ref}. */
  List<String> calls() {
    return List.copyOf(calls);
  }

  /** The build requests so far. */
  List<BuildRequest> builds() {
    return List.copyOf(builds);
  }

  @Override
  public void ping() {
    calls.add("ping");
  }

  @Override
  public BuildResult build(BuildRequest request) {
    builds.add(request);
    calls.add("build " + request.target().orElse("-") + " " + request.tags());
    List<String> base = new ArrayList<>();
    if (foreignBase) {
      base.add("layer-foreign");
    } else if (!request.parents().isEmpty()) {
      base.addAll(layers(request.parents().values().iterator().next()));
    } else {
      base.add("layer-outside-base");
    }
    base.add("layer-" + (nextId + 1));
    String id = newId(base);
    for (String tag : request.tags()) {
      tags.put(tag, id);
    }
    return new BuildResult(id, List.of(new BuildResult.Step(1, "FROM", false)));
  }

  @Override
  public TransferResult push(String reference, Optional<Credentials> auth) {
    calls.add("push " + reference);
    String id = tags.get(reference);
    if (id == null) {
      throw new IllegalStateException("push of an image the daemon does not have: " + reference);
    }
    ImageReference ref = ImageReference.parse(reference);
    String repository = registry.repositoryOf(ref.name()).orElseThrow();
    String digest = registry.push(repository, ref.tag().orElseThrow(), id);
    return new TransferResult(reference, layers.get(id).size(), 0, 100, Optional.of(digest), 1);
  }

  @Override
  public Optional<TransferResult> pull(String reference, Optional<Credentials> auth) {
    calls.add("pull " + reference);
    ImageReference ref = ImageReference.parse(reference);
    Optional<String> repository = registry.repositoryOf(ref.name());
    if (repository.isEmpty()) {
      return Optional.empty(); // another registry: nothing there in this world
    }
    Optional<Manifest> manifest = registry.findManifest(repository.get(), ref.pullReference());
    if (manifest.isEmpty()) {
      return Optional.empty();
    }
    String id = InMemoryRegistry.imageIdOf(manifest.get());
    tags.put(reference, id);
    return Optional.of(
        new TransferResult(
            reference, layers.get(id).size(), 0, 10, Optional.of(manifest.get().digest()), 1));
  }

  @Override
  public boolean exists(String reference) {
    return tags.containsKey(reference) || layers.containsKey(reference);
  }

  @Override
  public Optional<String> imageId(String reference) {
    return layers.containsKey(reference)
        ? Optional.of(reference)
        : Optional.ofNullable(tags.get(reference));
  }

  @Override
  public List<String> layers(String reference) {
    String id = imageId(reference).orElseThrow(() -> new IllegalStateException("no " + reference));
    return layers.get(id);
  }

  private String newId(List<String> imageLayers) {
    String id = "sha256:" + String.format("%064d", ++nextId);
    layers.put(id, List.copyOf(imageLayers));
    return id;
  }
}
