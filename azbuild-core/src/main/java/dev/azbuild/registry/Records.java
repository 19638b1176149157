package dev.azbuild.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.azbuild.io.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Small JSON records kept in a registry as OCI artifacts, put under a tag. Writing a tag again
 * replaces the record; there is no compare-and-set in the registry API.
 *
 * <p>Two encodings, both an OCI image manifest whose annotation {@value #ANNOTATION} holds the
 * record (gzip, then base64), so one manifest GET reads it:
 *
 * <ul>
 *   <li>the artifact encoding: the record is also the config blob (config media type {@value
 *       #MEDIA_TYPE}) and, since some registries refuse manifests without layers, its one layer;
 *   <li>the image encoding, for registries that refuse unknown config media types: a plain image
 *       (an image config and one empty layer) carrying the record in the annotation only. Used once
 *       a registry refused the artifact encoding (remembered per registry client).
 * </ul>
 *
 * A record too large for an annotation ({@value #MAX_INLINE} bytes encoded) leaves it out in the
 * artifact encoding; readers then take the config blob (a second request). Records written before
 * the annotation existed are read the same way.
 */
final class Records {

  static final String MEDIA_TYPE = "application/vnd.dev.azbuild.record.v1+json";

  /** The manifest annotation holding the record: base64 of its gzip. */
  static final String ANNOTATION = "dev.azbuild.record";

  static final String IMAGE_CONFIG = "application/vnd.oci.image.config.v1+json";
  static final String TAR_LAYER = "application/vnd.oci.image.layer.v1.tar";

  private static final Logger LOG = LoggerFactory.getLogger(Records.class);
  private static final int MAX_RECORD = 8 * 1024 * 1024;
  private static final int MAX_INLINE = 1024 * 1024;

  /** What registries answer a manifest whose media types they do not accept. */
  private static final Set<Integer> REFUSED = Set.of(400, 415, 422);

  /** An empty tar archive: two 512-byte blocks of zeros. */
  private static final byte[] EMPTY_TAR = new byte[1024];

  private Records() {}

  static void put(OciRegistry registry, String repository, String tag, byte[] content)
      throws RegistryException {
    Names.requireRepository(registry.blobs().address().repository(repository), registry.describe());
    Names.requireTag(tag, registry.describe());
    if (content.length > MAX_RECORD) {
      throw new IllegalArgumentException("record over " + MAX_RECORD + " bytes");
    }
    String inline = Base64.getEncoder().encodeToString(gzip(content));
    if (!registry.refusesArtifacts()) {
      try {
        putArtifact(
            registry, repository, tag, content, inline.length() <= MAX_INLINE ? inline : null);
        return;
      } catch (RegistryException e) {
        if (!REFUSED.contains(e.status()) || e.getMessage().contains("BLOB_UNKNOWN")) {
          throw e; // not a refusal of the media type (a blob the registry lost is an error)
        }
        registry.refuseArtifacts();
        LOG.warn(
            "{} refuses OCI artifacts ({}); azbuild's records are stored there as plain image"
                + " manifests from now on",
            registry.describe(),
            e.getMessage());
      }
    }
    if (inline.length() > MAX_INLINE) {
      throw new RegistryException(
          "record "
              + repository
              + ":"
              + tag
              + " is "
              + content.length
              + " bytes, too large for a plain image manifest's annotation, and "
              + registry.describe()
              + " refuses OCI artifacts; use a registry that accepts them");
    }
    putImage(registry, repository, tag, inline);
  }

  private static void putArtifact(
      OciRegistry registry, String repository, String tag, byte[] content, String inline)
      throws RegistryException {
    String digest = Digests.sha256(content);
    upload(registry, repository, new Descriptor(MEDIA_TYPE, digest, content.length), content);
    ObjectNode manifest = Json.MAPPER.createObjectNode();
    manifest.put("schemaVersion", 2);
    manifest.put("mediaType", MediaTypes.OCI_MANIFEST);
    manifest.set("config", descriptor(MEDIA_TYPE, digest, content.length));
    manifest.putArray("layers").add(descriptor(MEDIA_TYPE, digest, content.length));
    if (inline != null) {
      manifest.putObject("annotations").put(ANNOTATION, inline);
    }
    byte[] bytes = manifest.toString().getBytes(StandardCharsets.UTF_8);
    registry.manifests().put(repository, tag, Manifest.of(bytes, MediaTypes.OCI_MANIFEST));
  }

  /** An image with one empty layer; the record is in the annotation only. */
  private static void putImage(OciRegistry registry, String repository, String tag, String inline)
      throws RegistryException {
    String layer = Digests.sha256(EMPTY_TAR);
    ObjectNode config = Json.MAPPER.createObjectNode();
    config.put("architecture", "amd64");
    config.put("os", "linux");
    ObjectNode rootfs = config.putObject("rootfs");
    rootfs.put("type", "layers");
    rootfs.putArray("diff_ids").add(layer);
    byte[] configBytes = config.toString().getBytes(StandardCharsets.UTF_8);
    String configDigest = Digests.sha256(configBytes);
    upload(registry, repository, new Descriptor(TAR_LAYER, layer, EMPTY_TAR.length), EMPTY_TAR);
    upload(
        registry,
        repository,
        new Descriptor(IMAGE_CONFIG, configDigest, configBytes.length),
        configBytes);
    ObjectNode manifest = Json.MAPPER.createObjectNode();
    manifest.put("schemaVersion", 2);
    manifest.put("mediaType", MediaTypes.OCI_MANIFEST);
    manifest.set("config", descriptor(IMAGE_CONFIG, configDigest, configBytes.length));
    manifest.putArray("layers").add(descriptor(TAR_LAYER, layer, EMPTY_TAR.length));
    manifest.putObject("annotations").put(ANNOTATION, inline);
    byte[] bytes = manifest.toString().getBytes(StandardCharsets.UTF_8);
    registry.manifests().put(repository, tag, Manifest.of(bytes, MediaTypes.OCI_MANIFEST));
  }

  private static void upload(
      OciRegistry registry, String repository, Descriptor blob, byte[] content)
      throws RegistryException {
    BlobClient blobs = registry.blobs();
    if (blobs.exists(repository, blob.digest())) {
      return;
    }
    registry
        .retrier()
        .call(
            blobs.subject(repository, blob.digest()),
            () -> {
              BlobClient.Upload upload = blobs.startOnce(repository, blob.digest(), null);
              blobs.completeOnce(upload, repository, blob, () -> new ByteArrayInputStream(content));
              return null;
            });
  }

  static Optional<byte[]> get(OciRegistry registry, String repository, String tag)
      throws RegistryException {
    Names.requireRepository(registry.blobs().address().repository(repository), registry.describe());
    Names.requireTag(tag, registry.describe());
    Optional<Manifest> manifest = registry.manifests().find(repository, tag);
    if (manifest.isEmpty()) {
      return Optional.empty();
    }
    String name = registry.describe() + "/" + repository + ":" + tag;
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(manifest.get().bytes());
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
    JsonNode inline = root.path("annotations").path(ANNOTATION);
    if (inline.isTextual()) {
      return Optional.of(inline(inline.asText(), name));
    }
    JsonNode config = root.path("config");
    if (!MEDIA_TYPE.equals(config.path("mediaType").asText())) {
      throw new RegistryException(
          name
              + " is not an azbuild record (config type '"
              + config.path("mediaType").asText()
              + "'); delete the tag or choose another repository");
    }
    String digest = config.path("digest").asText();
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

  private static byte[] inline(String base64, String name) throws RegistryException {
    try (InputStream in =
        new GZIPInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(base64)))) {
      byte[] content = in.readNBytes(MAX_RECORD + 1);
      if (content.length > MAX_RECORD) {
        throw new IOException("over " + MAX_RECORD + " bytes");
      }
      return content;
    } catch (IOException | IllegalArgumentException e) {
      throw new RegistryException(
          name
              + ": annotation "
              + ANNOTATION
              + " is not a gzip+base64 record ("
              + e.getMessage()
              + "); delete the tag",
          e);
    }
  }

  static byte[] gzip(byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(content.length / 2 + 64);
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(content);
    } catch (IOException e) {
      throw new IllegalStateException("gzip into memory cannot fail", e);
    }
    return out.toByteArray();
  }

  private static ObjectNode descriptor(String mediaType, String digest, long size) {
    ObjectNode d = Json.MAPPER.createObjectNode();
    d.put("mediaType", mediaType);
    d.put("digest", digest);
    d.put("size", size);
    return d;
  }
}
