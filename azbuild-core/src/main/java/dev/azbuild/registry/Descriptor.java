package dev.azbuild.registry;

/** A reference from a manifest to a blob or child manifest: type, digest, size. */
record Descriptor(String mediaType, String digest, long size) {

  /** Layers whose bytes live elsewhere (Windows base layers): registries hold no blob for them. */
  boolean isForeign() {
    return mediaType.contains("foreign") || mediaType.contains("nondistributable");
  }
}
