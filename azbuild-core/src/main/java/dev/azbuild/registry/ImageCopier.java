package dev.azbuild.registry;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Copies an image by digest between two registries' OCI APIs without pulling it: for each blob
 * (config and layers; for an index, those of every child manifest) it asks the target first, mounts
 * from the source repository when both are the same registry, or from another repository of the
 * target that this process saw holding it (an upstream module's image copied earlier), else streams
 * it from the source to the target. Then it puts child manifests by digest, and the top manifest
 * under each tag, byte for byte, so the target digest equals the source digest.
 */
final class ImageCopier {

  private final OciRegistry source;
  private final OciRegistry target;
  private final Retrier retrier;

  /**
   * @param retrier named after both registries: a blob attempt talks to the source and the target
   */
  ImageCopier(OciRegistry source, OciRegistry target, Retrier retrier) {
    this.source = source;
    this.target = target;
    this.retrier = retrier;
  }

  /** A request to one side of the copy, once. */
  @FunctionalInterface
  private interface SideCall<T> {
    T run() throws IOException, TransientFailure, RegistryException, InterruptedException;
  }

  /** Runs a call on one side; a network error says which registry it came from (still retried). */
  private static <T> T onSide(OciRegistry side, SideCall<T> call)
      throws IOException, TransientFailure, RegistryException, InterruptedException {
    try {
      return call.run();
    } catch (IOException e) {
      throw new IOException(
          side.describe()
              + " "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage()),
          e);
    }
  }

  CopyResult copy(
      String repository, String reference, String targetRepository, List<String> targetTags)
      throws RegistryException {
    Manifest top = source.manifests().get(repository, reference);
    String what =
        "copy "
            + source.manifests().fullName(repository, reference)
            + " to "
            + target
                .manifests()
                .fullName(
                    targetRepository, targetTags.isEmpty() ? top.digest() : targetTags.get(0));
    CopyProgress progress = new CopyProgress(what);
    Set<String> done = new HashSet<>();
    copyContents(top, repository, targetRepository, progress, done);
    if (targetTags.isEmpty()) {
      target.manifests().put(targetRepository, top.digest(), top);
    }
    for (String tag : targetTags) {
      target.manifests().put(targetRepository, tag, top);
    }
    return progress.finish(top.digest());
  }

  private void copyContents(
      Manifest manifest,
      String repository,
      String targetRepository,
      CopyProgress progress,
      Set<String> done)
      throws RegistryException {
    ManifestReferences refs = ManifestReferences.of(manifest, source.describe() + "/" + repository);
    for (Descriptor child : refs.manifests()) {
      Manifest childManifest = source.manifests().get(repository, child.digest());
      copyContents(childManifest, repository, targetRepository, progress, done);
      target.manifests().put(targetRepository, child.digest(), childManifest);
    }
    for (Descriptor blob : refs.blobs()) {
      if (done.add(blob.digest())) {
        copyBlob(blob, repository, targetRepository, progress);
      }
    }
  }

  private void copyBlob(
      Descriptor blob, String repository, String targetRepository, CopyProgress progress)
      throws RegistryException {
    BlobClient from = source.blobs();
    BlobClient to = target.blobs();
    String name = to.subject(targetRepository, blob.digest());
    if (to.exists(targetRepository, blob.digest())) {
      progress.skipped(name, "already on target");
      target.rememberBlob(blob.digest(), targetRepository);
      return;
    }
    boolean sameRegistry = from.address().sameEndpoint(to.address());
    String mountFrom =
        sameRegistry
            ? from.address().repository(repository)
            : target
                .blobHome(blob.digest())
                .map(home -> to.address().repository(home))
                .orElse(null);
    // One attempt = start (or mount) + open source + streamed PUT: a failed stream cannot be
    // resumed.
    boolean mounted =
        retrier.call(
            name,
            () -> {
              BlobClient.Upload upload =
                  onSide(
                      target,
                      () -> start(to, targetRepository, blob.digest(), mountFrom, sameRegistry));
              if (upload.mounted()) {
                return true;
              }
              try (RegistryResponse content =
                  onSide(source, () -> from.openOnce(repository, blob.digest()))) {
                to.completeOnce(
                    upload,
                    targetRepository,
                    blob,
                    () -> new CountingInputStream(content.body(), progress::streamed));
              }
              return false;
            });
    if (mounted) {
      progress.skipped(name, "mounted from " + mountFrom);
    } else {
      progress.copied(name, blob.size());
    }
    target.rememberBlob(blob.digest(), targetRepository);
  }

  /**
   * Starts an upload, asking for a mount when a repository is known to hold the blob. A mount
   * guessed from another copy is only a hint: a registry that refuses it gets a plain upload.
   */
  private static BlobClient.Upload start(
      BlobClient to, String targetRepository, String digest, String mountFrom, boolean sameRegistry)
      throws java.io.IOException, TransientFailure, RegistryException, InterruptedException {
    if (mountFrom == null || sameRegistry) {
      return to.startOnce(targetRepository, digest, mountFrom);
    }
    try {
      return to.startOnce(targetRepository, digest, mountFrom);
    } catch (RegistryException refused) {
      return to.startOnce(targetRepository, digest, null);
    }
  }
}
