package dev.azbuild.docker;

import java.util.Objects;
import java.util.Optional;

/**
 * What a pull or push moved.
 *
 * @param reference the image reference transferred
 * @param layers the layers of the image
 * @param layersSkipped layers not transferred: already in the registry (push, incl. mounted from
 *     another repository) or already local (pull)
 * @param bytesTransferred the sum of the sizes of the layers actually transferred, as the daemon
 *     reports them (a push counts uncompressed bytes, a pull compressed bytes)
 * @param digest the manifest digest, when the daemon reported it
 * @param attempts how many tries it took
 */
public record TransferResult(
    String reference,
    int layers,
    int layersSkipped,
    long bytesTransferred,
    Optional<String> digest,
    int attempts) {

  public TransferResult {
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(digest, "digest");
  }

  /** Layers that were actually sent or received. */
  public int layersTransferred() {
    return layers - layersSkipped;
  }
}
