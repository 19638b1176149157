package dev.azbuild.docker;

/**
 * A pull or push failed for good (after retries, or at once for errors that retrying cannot fix).
 */
public class ImageTransferException extends DockerOperationException {

  private final String registry;
  private final String reference;

  public ImageTransferException(
      String message, String registry, String reference, Throwable cause) {
    super(message, cause);
    this.registry = registry;
    this.reference = reference;
  }

  /** The registry host, e.g. {@code 127.0.0.1:5000}. */
  public String registry() {
    return registry;
  }

  /** The image reference that was pulled or pushed. */
  public String reference() {
    return reference;
  }
}
