package dev.azbuild.plan;

import dev.azbuild.hashing.ArtifactResolver;
import java.util.Optional;

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
    InputTreeSource earlierTrees) {

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
        InputTreeSource.NONE);
  }

  public PlanSettings(
      Mode mode,
      Optional<String> base,
      Optional<String> head,
      Optional<String> branch,
      Optional<String> defaultBranch,
      Optional<String> deployedCommit,
      boolean allowFetch,
      CacheProbe cache,
      String masterTag) {
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
        Optional.empty());
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
        earlierTrees);
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
        source);
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
        earlierTrees);
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
        earlierTrees);
  }

  /** The bash scripts' tag for the default branch's latest image. */
  public static final String DEFAULT_MASTER_TAG = "master";
}
