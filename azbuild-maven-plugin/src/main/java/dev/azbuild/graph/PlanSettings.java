package dev.azbuild.graph;

import java.util.Optional;

/**
 * Everything a plan depends on besides the reactor and the repository.
 *
 * @param branch the branch being built (configuration, else the CI's variable, else git's)
 * @param defaultBranch configured default branch; empty to detect
 * @param deployedCommit the last fully deployed commit, as recorded by deploy
 * @param allowFetch whether a shallow clone may be deepened from origin
 * @param masterTag the tag of the default branch's latest image (diff mode rebuilds when it is missing)
 * @param targetBranch the branch a pull/merge request targets (the CI's variable or configuration);
 *     a branch's base is its merge-base with this branch, else with the default branch
 */
public record PlanSettings(Mode mode, Optional<String> base, Optional<String> head, Optional<String> branch,
    Optional<String> defaultBranch, Optional<String> deployedCommit, boolean allowFetch, CacheProbe cache,
    String masterTag, Optional<String> targetBranch) {

  public PlanSettings(Mode mode, Optional<String> base, Optional<String> head, Optional<String> branch,
      Optional<String> defaultBranch, Optional<String> deployedCommit, boolean allowFetch, CacheProbe cache,
      String masterTag) {
    this(mode, base, head, branch, defaultBranch, deployedCommit, allowFetch, cache, masterTag, Optional.empty());
  }

  public PlanSettings withCache(CacheProbe probe) {
    return new PlanSettings(mode, base, head, branch, defaultBranch, deployedCommit, allowFetch, probe, masterTag,
        targetBranch);
  }

  public PlanSettings withDefaultBranch(Optional<String> branchName) {
    return new PlanSettings(mode, base, head, branch, branchName, deployedCommit, allowFetch, cache, masterTag,
        targetBranch);
  }

  /** The seed's tag for the default branch's latest image. */
  public static final String DEFAULT_MASTER_TAG = "master";
}
