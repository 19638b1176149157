package dev.azbuild.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.azbuild.io.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Small JSON records kept in a registry as OCI artifacts: the record is the config blob of an OCI
 * image manifest (config media type {@code application/vnd.dev.azbuild.record.v1+json}, the same
 * blob as its one layer, since some registries refuse manifests without layers), put under a tag.
 * Writing a tag again replaces the record; there is no compare-and-set in the registry API.
 */
final class Records {

  static final String MEDIA_TYPE = "application/vnd.dev.azbuild.record.v1+json";
  private static final int MAX_RECORD = 64 * 1024;

  private Records() {}

  static void put(OciRegistry registry, String repository, String tag, byte[] content)
      throws RegistryException {
    Names.requireRepository(registry.blobs().address().repository(repository), registry.describe());
    Names.requireTag(tag, registry.describe());
    if (content.length > MAX_RECORD) {
      throw new IllegalArgumentException("record over " + MAX_RECORD + " bytes");
    }
    String digest = Digests.sha256(content);
    BlobClient blobs = registry.blobs();
    if (!blobs.exists(repository, digest)) {
      Descriptor blob = new Descriptor(MEDIA_TYPE, digest, content.length);
      registry
          .retrier()
          .call(
              blobs.subject(repository, digest),
              () -> {
                BlobClient.Upload upload = blobs.startOnce(repository, digest, null);
                blobs.completeOnce(
                    upload, repository, blob, () -> new ByteArrayInputStream(content));
                return null;
              });
    }
    ObjectNode manifest = Json.MAPPER.createObjectNode();
    manifest.put("schemaVersion", 2);
    manifest.put("mediaType", MediaTypes.OCI_MANIFEST);
    manifest.set("config", descriptor(digest, content.length));
    manifest.putArray("layers").add(descriptor(digest, content.length));
    byte[] bytes = manifest.toString().getBytes(StandardCharsets.UTF_8);
    registry.manifests().put(repository, tag, Manifest.of(bytes, MediaTypes.OCI_MANIFEST));
  }

  static Optional<byte[]> get(OciRegistry registry, String repository, String tag)
      throws RegistryException {
    Names.requireRepository(registry.blobs().address().repository(repository), registry.describe());
    Names.requireTag(tag, registry.describe());
    Optional<Manifest> manifest = registry.manifests().find(repository, tag);
    if (manifest.isEmpty()) {
      return Optional.empty();
    }
    String digest;
    try {
      JsonNode config = Json.MAPPER.readTree(manifest.get().bytes()).path("config");
      if (!MEDIA_TYPE.equals(config.path("mediaType").asText())) {
        throw new RegistryException(
            registry.describe()
                + "/"
                + repository
                + ":"
                + tag
                + " is not an azbuild record (config type '"
                + config.path("mediaType").asText()
                + "'); delete the tag or choose another repository");
      }
      digest = config.path("digest").asText();
    } catch (IOException e) {
      throw new RegistryException(
          "Cannot parse manifest "
              + repository
              + ":"
              + tag
              + " in "
              + registry.describe()
              + ": "
              + e.getMessage(),
          e);
    }
    BlobClient blobs = registry.blobs();
    byte[] content =
        registry
            .retrier()
            .call(
                blobs.subject(repository, digest),
                () -> {
                  try (RegistryResponse response = blobs.openOnce(repository, digest)) {
                    return response.bytes(MAX_RECORD);
                  }
                });
    if (!Digests.sha256(content).equals(digest)) {
      throw new RegistryException(
          "Record "
              + repository
              + ":"
              + tag
              + " in "
              + registry.describe()
              + " hashes to "
              + Digests.sha256(content)
              + ", not "
              + digest
              + "; the registry is corrupt");
    }
    return Optional.of(content);
  }

  private static ObjectNode descriptor(String digest, long size) {
    ObjectNode d = Json.MAPPER.createObjectNode();
    d.put("mediaType", MEDIA_TYPE);
    d.put("digest", digest);
    d.put("size", size);
    return d;
  }
}
