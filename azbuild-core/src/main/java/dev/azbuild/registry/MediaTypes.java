package dev.azbuild.registry;

import java.util.List;
import java.util.Set;

/** The manifest media types azbuild reads and writes. */
public final class MediaTypes {

  public static final String DOCKER_MANIFEST =
      "application/vnd.docker.distribution.manifest.v2+json";
  public static final String DOCKER_MANIFEST_LIST =
      "application/vnd.docker.distribution.manifest.list.v2+json";
  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";

  /** Every manifest type, in the order sent in {@code Accept}. */
  public static final List<String> MANIFESTS =
      List.of(OCI_INDEX, DOCKER_MANIFEST_LIST, OCI_MANIFEST, DOCKER_MANIFEST);

  /** Value of the {@code Accept} header for manifest requests. */
  public static final String ACCEPT_MANIFESTS = String.join(", ", MANIFESTS);

  private static final Set<String> INDEXES = Set.of(OCI_INDEX, DOCKER_MANIFEST_LIST);

  private MediaTypes() {}

  /** Whether the type lists other manifests (multi-platform image) rather than layers. */
  public static boolean isIndex(String mediaType) {
    return INDEXES.contains(mediaType);
  }

  /** Whether azbuild can copy a manifest of this type. */
  public static boolean isSupported(String mediaType) {
    return MANIFESTS.contains(mediaType);
  }
}
