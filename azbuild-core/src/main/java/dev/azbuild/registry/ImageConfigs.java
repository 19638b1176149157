package dev.azbuild.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azbuild.io.Json;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads an image's labels from its config blob: a manifest GET and a blob GET, nothing pulled. For
 * an index (multi-platform image) the first image manifest is read: azbuild's labels are the same
 * on every platform.
 */
final class ImageConfigs {

  /** Image configs are a few KiB; azbuild's input-tree label is capped at 64 KiB. */
  private static final int MAX_CONFIG = 4 * 1024 * 1024;

  private ImageConfigs() {}

  static Optional<Map<String, String>> labels(
      OciRegistry registry, String repository, String reference) throws RegistryException {
    Optional<Manifest> found = registry.manifests().find(repository, reference);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Manifest manifest = found.get();
    if (manifest.isIndex()) {
      String digest = firstImage(manifest, repository, reference, registry);
      Optional<Manifest> image = registry.manifests().find(repository, digest);
      if (image.isEmpty()) {
        return Optional.empty();
      }
      manifest = image.get();
    }
    String configDigest =
        parse(manifest.bytes(), repository, reference, registry)
            .path("config")
            .path("digest")
            .asText();
    if (!configDigest.startsWith("sha256:")) {
      throw new RegistryException(
          "manifest "
              + repository
              + ":"
              + reference
              + " in "
              + registry.describe()
              + " names no config blob; it is not an image");
    }
    BlobClient blobs = registry.blobs();
    byte[] config =
        registry
            .retrier()
            .call(
                blobs.subject(repository, configDigest),
                () -> {
                  try (RegistryResponse response = blobs.openOnce(repository, configDigest)) {
                    return response.bytes(MAX_CONFIG);
                  }
                });
    if (!Digests.sha256(config).equals(configDigest)) {
      throw new RegistryException(
          "config of "
              + repository
              + ":"
              + reference
              + " in "
              + registry.describe()
              + " hashes to "
              + Digests.sha256(config)
              + ", not "
              + configDigest
              + "; the registry is corrupt");
    }
    Map<String, String> labels = new LinkedHashMap<>();
    parse(config, repository, reference, registry)
        .path("config")
        .path("Labels")
        .fields()
        .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
    return Optional.of(labels);
  }

  private static String firstImage(
      Manifest index, String repository, String reference, OciRegistry registry)
      throws RegistryException {
    for (JsonNode m : parse(index.bytes(), repository, reference, registry).path("manifests")) {
      if (!"unknown"
          .equals(m.path("platform").path("os").asText())) { // skips attestation manifests
        return m.path("digest").asText();
      }
    }
    throw new RegistryException(
        "index "
            + repository
            + ":"
            + reference
            + " in "
            + registry.describe()
            + " lists no image manifest");
  }

  private static JsonNode parse(
      byte[] json, String repository, String reference, OciRegistry registry)
      throws RegistryException {
    try {
      return Json.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new RegistryException(
          "cannot parse "
              + repository
              + ":"
              + reference
              + " from "
              + registry.describe()
              + ": "
              + e.getMessage(),
          e);
    }
  }
}
