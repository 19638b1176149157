package dev.azbuild.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azbuild.io.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a manifest points at: the child manifests of an index or manifest list, or the config and
 * layer blobs of an image manifest.
 */
record ManifestReferences(List<Descriptor> manifests, List<Descriptor> blobs) {

  ManifestReferences {
    manifests = List.copyOf(manifests);
    blobs = List.copyOf(blobs);
  }

  static ManifestReferences of(Manifest manifest, String where) throws RegistryException {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(manifest.bytes());
    } catch (IOException e) {
      throw new RegistryException(
          "Manifest " + manifest.digest() + " of " + where + " is not JSON; the image is corrupt",
          e);
    }
    if (manifest.isIndex()) {
      return new ManifestReferences(descriptors(root.path("manifests"), where), List.of());
    }
    List<Descriptor> blobs = new ArrayList<>();
    blobs.add(descriptor(root.path("config"), where));
    for (Descriptor layer : descriptors(root.path("layers"), where)) {
      if (!layer.isForeign()) {
        blobs.add(layer);
      }
    }
    return new ManifestReferences(List.of(), blobs);
  }

  /** The media type a manifest declares in its own body, for registries that send none. */
  static String declaredMediaType(byte[] bytes) {
    try {
      JsonNode root = Json.MAPPER.readTree(bytes);
      String declared = root.path("mediaType").asText("");
      if (!declared.isEmpty()) {
        return declared;
      }
      // OCI made mediaType optional; the shape tells index from manifest.
      return root.has("manifests") ? MediaTypes.OCI_INDEX : MediaTypes.OCI_MANIFEST;
    } catch (IOException e) {
      return "";
    }
  }

  private static List<Descriptor> descriptors(JsonNode array, String where)
      throws RegistryException {
    List<Descriptor> out = new ArrayList<>();
    for (JsonNode node : array) {
      out.add(descriptor(node, where));
    }
    return out;
  }

  private static Descriptor descriptor(JsonNode node, String where) throws RegistryException {
    String digest = node.path("digest").asText("");
    if (digest.isEmpty() || !node.path("size").canConvertToLong()) {
      throw new RegistryException(
          "A descriptor in a manifest of "
              + where
              + " has no digest or size; the image is corrupt, push it again");
    }
    return new Descriptor(node.path("mediaType").asText(""), digest, node.path("size").asLong());
  }
}
