package dev.azbuild.registry;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One registry host with an optional repository prefix ({@code 127.0.0.1:5000/team}): everything
 * azbuild does with images that needs no pull. Repository names are relative to the prefix.
 * Implementations are thread-safe; get one from {@link Registries#forUrl}.
 */
public interface Registry extends AutoCloseable {

  /** Creates the repository if the registry needs that (ECR); OCI registries create on push. */
  RepoStatus ensureRepository(String repository) throws RegistryException;

  /**
   * Puts a lifecycle policy on the repository unless the one in place is the same JSON (key order
   * and whitespace do not count).
   */
  PolicyStatus applyLifecyclePolicy(String repository, String policyJson) throws RegistryException;

  /** Whether the tag exists (a manifest HEAD or ECR DescribeImages; nothing is pulled). */
  boolean exists(String repository, String tag) throws RegistryException;

  /** The manifest digest the tag points to; empty when the tag does not exist. */
  Optional<String> digest(String repository, String tag) throws RegistryException;

  /** The manifest under a tag or digest, byte for byte. */
  Manifest getManifest(String repository, String reference) throws RegistryException;

  /**
   * The manifest under a tag or digest, byte for byte; empty when the tag or repository does not
   * exist. One request (a manifest GET or ECR BatchGetImage), so an existence check that keeps the
   * manifest costs no more than {@link #exists}.
   */
  Optional<Manifest> findManifest(String repository, String reference) throws RegistryException;

  /**
   * Stores a manifest read from this registry under another tag of the same repository: one write,
   * no read (a re-tag whose source manifest is already known). The digest is unchanged.
   */
  void putManifest(String repository, String tag, Manifest manifest) throws RegistryException;

  /**
   * Points {@code toTag} at the manifest of {@code fromTag}: the same bytes under a new tag, so the
   * digest is unchanged and no blob moves.
   */
  default void retag(String repository, String fromTag, String toTag) throws RegistryException {
    retag(repository, fromTag, List.of(toTag));
  }

  /**
   * Points every tag of {@code toTags}, in order, at the manifest of {@code fromTag}: one manifest
   * read, then one write per tag (calling the one-tag form per tag would read it each time).
   *
   * @return the manifest's digest, so callers need no further request to learn it
   */
  String retag(String repository, String fromTag, List<String> toTags) throws RegistryException;

  /**
   * Copies an image by digest to another registry (or repository), blob by blob, skipping blobs the
   * target has, then tags it there. The target digest equals the source digest.
   *
   * @param reference tag or digest in this registry
   * @param targetTags tags to put on the target; empty to store it by digest only
   */
  CopyResult copy(
      String repository,
      String reference,
      Registry target,
      String targetRepository,
      List<String> targetTags)
      throws RegistryException;

  /**
   * Stores a JSON record (up to 8 MiB) under a tag, as an OCI artifact whose config blob is the
   * record; creates the repository first where the registry needs that (ECR). Writing the tag again
   * replaces the record.
   */
  default void putRecord(String repository, String tag, byte[] json) throws RegistryException {
    ensureRepository(repository);
    Records.put(DataPlanes.of(this), repository, tag, json);
  }

  /** The record under a tag written by {@link #putRecord}; empty when the tag does not exist. */
  default Optional<byte[]> getRecord(String repository, String tag) throws RegistryException {
    return Records.get(DataPlanes.of(this), repository, tag);
  }

  /**
   * The labels of the image under a tag or digest (its config's {@code Labels}), read through the
   * registry API: a manifest and a config blob, nothing pulled. Empty when the tag does not exist.
   */
  default Optional<Map<String, String>> imageLabels(String repository, String reference)
      throws RegistryException {
    return ImageConfigs.labels(DataPlanes.of(this), repository, reference);
  }

  /**
   * Credentials for this registry, for handing to a Docker daemon that pushes or pulls; empty for
   * anonymous access.
   */
  Optional<SourcedCredentials> credentials() throws RegistryException;

  /**
   * The image name a Docker daemon pushes to and pulls from for a repository, e.g. {@code
   * 127.0.0.1:5000/team/api}; for ECR with a data-plane override, the data-plane host.
   */
  String imageName(String repository);

  /**
   * The registry host of {@link #imageName}, {@code host[:port]} (e.g. {@code 127.0.0.1:5000}):
   * where a Docker daemon pushes and pulls; empty when images stay on the daemon.
   */
  String host();

  /** Host and prefix for log lines; never credentials. */
  String describe();

  /** Releases clients (the AWS SDK client of ECR registries). */
  @Override
  default void close() {}
}
