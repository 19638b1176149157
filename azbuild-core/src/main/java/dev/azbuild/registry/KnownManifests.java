package dev.azbuild.registry;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Manifests of one registry read by an existence check, by repository and tag: the plan's probe of
 * an unchanged module's source tag reads the manifest (a GET costs what a HEAD does), so the build
 * re-tags that image with its PUTs alone. Thread-safe: probes and re-tags run in parallel.
 */
public final class KnownManifests {

  private final Map<String, Manifest> manifests = new ConcurrentHashMap<>();

  /**
   * Whether {@code repository:tag} exists in the registry, remembering its manifest when it does.
   */
  public boolean probe(Registry registry, String repository, String tag) throws RegistryException {
    Optional<Manifest> manifest = registry.findManifest(repository, tag);
    manifest.ifPresent(m -> manifests.put(key(repository, tag), m));
    return manifest.isPresent();
  }

  /** Remembers a manifest read under {@code repository:tag} by a request other than a probe. */
  public void remember(String repository, String tag, Manifest manifest) {
    manifests.put(key(repository, tag), manifest);
  }

  /** The manifest a probe found under {@code repository:tag}; empty when none did. */
  public Optional<Manifest> get(String repository, String tag) {
    return Optional.ofNullable(manifests.get(key(repository, tag)));
  }

  private static String key(String repository, String tag) {
    return repository + ":" + tag;
  }
}
