package dev.azbuild.registry;

import java.util.Arrays;
import java.util.Objects;

/**
 * A manifest exactly as the registry stores it: the raw bytes matter, since the digest is their
 * SHA-256 and any re-serialization would change it.
 *
 * @param bytes the manifest bytes (copied in and out: the record stays immutable)
 * @param mediaType one of {@link MediaTypes#MANIFESTS}
 * @param digest {@code sha256:<hex>} of {@code bytes}
 */
@SuppressWarnings("ArrayRecordComponent") // copied in and out, compared by content in equals
public record Manifest(byte[] bytes, String mediaType, String digest) {

  public Manifest {
    Objects.requireNonNull(bytes, "bytes");
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(digest, "digest");
    bytes = bytes.clone();
  }

  /** A manifest whose digest is computed from its bytes. */
  public static Manifest of(byte[] bytes, String mediaType) {
    return new Manifest(bytes, mediaType, Digests.sha256(bytes));
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Whether this is an OCI index or Docker manifest list. */
  public boolean isIndex() {
    return MediaTypes.isIndex(mediaType);
  }

  public int size() {
    return bytes.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Manifest m
        && Arrays.equals(bytes, m.bytes)
        && mediaType.equals(m.mediaType)
        && digest.equals(m.digest);
  }

  @Override
  public int hashCode() {
    return digest.hashCode();
  }

  @Override
  public String toString() {
    return "Manifest[" + mediaType + ", " + digest + ", " + bytes.length + " bytes]";
  }
}
