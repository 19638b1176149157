package dev.azbuild.plan;

import dev.azbuild.hashing.ArtifactResolver;
import dev.azbuild.io.RequestPool;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Everything a plan depends on besides the reactor and the repository.
 *
 * @param branch the branch being built (configuration, else the CI's variable, else git's)
 * @param defaultBranch configured default branch; empty to detect
 * @param deployedCommit the last fully deployed commit, as recorded by deploy
 * @param allowFetch whether a shallow clone may be deepened from origin
 * @param masterTag the tag of the default branch's latest image (diff mode rebuilds when it is
 *     missing)
 * @param targetBranch the branch a pull/merge request targets (the CI's variable or configuration);
 *     a branch's base is its merge-base with this branch, else with the default branch
 * @param artifacts resolves SNAPSHOT dependencies from outside the reactor (content mode hashes
 *     their files)
 * @param earlierTrees reads the input trees of earlier images, so rebuild reasons name what changed
 * @param recorded the build record (content mode plans the modules it names without a probe); read
 *     when the plan needs it, so the request overlaps the work before
 * @param deployed the images the last complete deploy moved {@code masterTag} to (diff mode asks
 *     the cache registry only about the modules it does not name)
 * @param concurrency registry requests in flight at most (probes, input-tree reads)
 */
public record PlanSettings(
    Mode mode,
    Optional<String> base,
    Optional<String> head,
    Optional<String> branch,
    Optional<String> defaultBranch,
    Optional<String> deployedCommit,
    boolean allowFetch,
    CacheProbe cache,
    String masterTag,
    Optional<String> targetBranch,
    ArtifactResolver artifacts,
    InputTreeSource earlierTrees,
    Supplier<RecordedImages> recorded,
    Supplier<DeployedImages> deployed,
    int concurrency) {

  public PlanSettings {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
    }
  }

  /**
   * The settings a goal resolves: no SNAPSHOT resolver, earlier trees or build record (the {@code
   * withX} methods add them), {@link RequestPool#DEFAULT_CONCURRENCY} registry requests at a time.
   */
  public PlanSettings(
      Mode mode,
      Optional<String> base,
      Optional<String> head,
      Optional<String> branch,
      Optional<String> defaultBranch,
      Optional<String> deployedCommit,
      boolean allowFetch,
      CacheProbe cache,
      String masterTag,
      Optional<String> targetBranch) {
    this(
        mode,
        base,
        head,
        branch,
        defaultBranch,
        deployedCommit,
        allowFetch,
        cache,
        masterTag,
        targetBranch,
        ArtifactResolver.NONE,
        InputTreeSource.NONE,
        () -> RecordedImages.NONE,
        () -> DeployedImages.NONE,
        RequestPool.DEFAULT_CONCURRENCY);
  }

  public PlanSettings withCache(CacheProbe probe) {
    return new PlanSettings(
        mode,
        base,
        head,
        branch,
        defaultBranch,
        deployedCommit,
        allowFetch,
        probe,
        masterTag,
        targetBranch,
        artifacts,
        earlierTrees,
        recorded,
        deployed,
        concurrency);
  }

  /**
   * With the registry that holds the earlier images whose input trees rebuild reasons are compared
   * with.
   */
  public PlanSettings withEarlierTrees(InputTreeSource source) {
    return new PlanSettings(
        mode,
        base,
        head,
        branch,
        defaultBranch,
        deployedCommit,
        allowFetch,
        cache,
        masterTag,
        targetBranch,
        artifacts,
        source,
        recorded,
        deployed,
        concurrency);
  }

  /** With Maven's resolver for SNAPSHOT dependencies from outside the reactor. */
  public PlanSettings withArtifacts(ArtifactResolver resolver) {
    return new PlanSettings(
        mode,
        base,
        head,
        branch,
        defaultBranch,
        deployedCommit,
        allowFetch,
        cache,
        masterTag,
        targetBranch,
        resolver,
        earlierTrees,
        recorded,
        deployed,
        concurrency);
  }

  public PlanSettings withDefaultBranch(Optional<String> branchName) {
    return new PlanSettings(
        mode,
        base,
        head,
        branch,
        branchName,
        deployedCommit,
        allowFetch,
        cache,
        masterTag,
        targetBranch,
        artifacts,
        earlierTrees,
        recorded,
        deployed,
        concurrency);
  }

  /** With the build record the plan reads (content mode) before probing. */
  public PlanSettings withRecorded(Supplier<RecordedImages> source) {
    return new PlanSettings(
        mode,
        base,
        head,
        branch,
        defaultBranch,
        deployedCommit,
        allowFetch,
        cache,
        masterTag,
        targetBranch,
        artifacts,
        earlierTrees,
        source,
        deployed,
        concurrency);
  }

  /** With the deploy record the plan reads (diff mode) before asking for master images. */
  public PlanSettings withDeployed(Supplier<DeployedImages> source) {
    return new PlanSettings(
        mode,
        base,
        head,
        branch,
        defaultBranch,
        deployedCommit,
        allowFetch,
        cache,
        masterTag,
        targetBranch,
        artifacts,
        earlierTrees,
        recorded,
        source,
        concurrency);
  }

  /** With at most {@code requests} registry requests in flight. */
  public PlanSettings withConcurrency(int requests) {
    return new PlanSettings(
        mode,
        base,
        head,
        branch,
        defaultBranch,
        deployedCommit,
        allowFetch,
        cache,
        masterTag,
        targetBranch,
        artifacts,
        earlierTrees,
        recorded,
        deployed,
        requests);
  }

  /** The bash scripts' tag for the default branch's latest image. */
  public static final String DEFAULT_MASTER_TAG = "master";
}
