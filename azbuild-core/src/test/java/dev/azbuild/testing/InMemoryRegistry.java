package dev.azbuild.testing;

import dev.azbuild.registry.CopyResult;
import dev.azbuild.registry.Manifest;
import dev.azbuild.registry.PolicyStatus;
import dev.azbuild.registry.Registry;
import dev.azbuild.registry.RegistryException;
import dev.azbuild.registry.RepoStatus;
import dev.azbuild.registry.SourcedCredentials;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A registry in memory for the unit tier: repositories of tags and digests to manifests, every
 * request recorded ({@code GET app:cache-1}, {@code PUT app:main}), so a test sees what the code
 * asked for and in which order. A manifest is a small OCI image manifest naming the local image id
 * it was pushed from ({@link #imageIdOf}), so a fake daemon can pull it back. Thread-safe.
 */
public final class InMemoryRegistry implements Registry {

  /** The media type of the manifests {@link #push} stores. */
  public static final String MEDIA_TYPE = "application/vnd.oci.image.manifest.v1+json";

  private final String host;
  private final String prefix;
  private final Map<String, Map<String, Manifest>> repositories = new LinkedHashMap<>();
  private final List<String> requests = new ArrayList<>();

  /**
   * @param host what images are named with, e.g. {@code 127.0.0.1:5000}
   * @param prefix the repository prefix, e.g. {@code team}
   */
  public InMemoryRegistry(String host, String prefix) {
    this.host = host;
    this.prefix = prefix;
  }

  /** Stores the image a daemon pushed: a manifest naming its local id; returns the digest. */
  public synchronized String push(String repository, String tag, String imageId) {
    byte[] bytes =
        ("{\"schemaVersion\":2,\"mediaType\":\""
                + MEDIA_TYPE
                + "\",\"annotations\":{\"imageId\":\""
                + imageId
                + "\"}}")
            .getBytes(StandardCharsets.UTF_8);
    Manifest manifest = new Manifest(bytes, MEDIA_TYPE, sha256(bytes));
    store(repository, tag, manifest);
    requests.add("PUSH " + repository + ":" + tag);
    return manifest.digest();
  }

  /** The local image id a manifest of {@link #push} names. */
  public static String imageIdOf(Manifest manifest) {
    String text = new String(manifest.bytes(), StandardCharsets.UTF_8);
    int start = text.indexOf("\"imageId\":\"") + 11;
    return text.substring(start, text.indexOf('"', start));
  }

  /** The repository of one of this registry's image names, or empty for another registry's. */
  public Optional<String> repositoryOf(String imageName) {
    String base = imageName("");
    return imageName.startsWith(base)
        ? Optional.of(imageName.substring(base.length()))
        : Optional.empty();
  }

  /** Every request so far, in order. */
  public synchronized List<String> requests() {
    return List.copyOf(requests);
  }

  /** The tags of a repository, in the order they were written. */
  public synchronized List<String> tags(String repository) {
    return repositories.getOrDefault(repository, Map.of()).keySet().stream()
        .filter(k -> !k.startsWith("sha256:"))
        .toList();
  }

  @Override
  public synchronized RepoStatus ensureRepository(String repository) {
    requests.add("ENSURE " + repository);
    return RepoStatus.IMPLICIT;
  }

  @Override
  public PolicyStatus applyLifecyclePolicy(String repository, String policyJson) {
    return PolicyStatus.NOT_SUPPORTED;
  }

  @Override
  public boolean exists(String repository, String tag) {
    return find(repository, tag, "HEAD").isPresent();
  }

  @Override
  public Optional<String> digest(String repository, String tag) {
    return find(repository, tag, "HEAD").map(Manifest::digest);
  }

  @Override
  public Manifest getManifest(String repository, String reference) throws RegistryException {
    return find(repository, reference, "GET")
        .orElseThrow(
            () -> new RegistryException("no manifest " + repository + ":" + reference, 404, null));
  }

  @Override
  public Optional<Manifest> findManifest(String repository, String reference) {
    return find(repository, reference, "GET");
  }

  @Override
  public synchronized void putManifest(String repository, String tag, Manifest manifest) {
    requests.add("PUT " + repository + ":" + tag);
    store(repository, tag, manifest);
  }

  @Override
  public synchronized String retag(String repository, String fromTag, List<String> toTags)
      throws RegistryException {
    Manifest manifest = getManifest(repository, fromTag);
    for (String tag : toTags) {
      putManifest(repository, tag, manifest);
    }
    return manifest.digest();
  }

  @Override
  public CopyResult copy(
      String repository,
      String reference,
      Registry target,
      String targetRepository,
      List<String> targetTags) {
    throw new UnsupportedOperationException("copy: not needed by the unit tests yet");
  }

  @Override
  public Optional<SourcedCredentials> credentials() {
    return Optional.empty();
  }

  @Override
  public String imageName(String repository) {
    return host + "/" + (prefix.isEmpty() ? "" : prefix + "/") + repository;
  }

  @Override
  public String host() {
    return host;
  }

  @Override
  public String describe() {
    return host + "/" + prefix + " (in memory)";
  }

  private synchronized Optional<Manifest> find(String repository, String reference, String verb) {
    requests.add(verb + " " + repository + ":" + reference);
    return Optional.ofNullable(repositories.getOrDefault(repository, Map.of()).get(reference));
  }

  private void store(String repository, String tag, Manifest manifest) {
    Map<String, Manifest> repo =
        repositories.computeIfAbsent(
            repository, r -> Collections.synchronizedMap(new LinkedHashMap<>()));
    repo.remove(tag); // a re-written tag moves to the end: tags() is the order of the last writes
    repo.put(tag, manifest);
    repo.put(manifest.digest(), manifest);
  }

  private static String sha256(byte[] bytes) {
    try {
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
