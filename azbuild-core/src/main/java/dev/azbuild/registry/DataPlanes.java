package dev.azbuild.registry;

/** The OCI API behind any {@link Registry}: blobs always move through it, ECR included. */
final class DataPlanes {

  private DataPlanes() {}

  static OciRegistry of(Registry registry) {
    if (registry instanceof OciRegistry oci) {
      return oci;
    }
    if (registry instanceof EcrRegistry ecr) {
      return ecr.dataPlane();
    }
    throw new IllegalArgumentException(
        "Cannot copy to " + registry.describe() + ": not a registry from Registries.forUrl");
  }
}
