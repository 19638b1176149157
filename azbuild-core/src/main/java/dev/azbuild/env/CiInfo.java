package dev.azbuild.env;

import java.util.Objects;
import java.util.Optional;

/**
 * What the CI environment says about the current build. Every field is what the vendor exposes,
 * never guessed: an empty {@code Optional} means the vendor did not tell (or set the variable to
 * the empty string).
 *
 * @param vendor the detected CI system, {@link CiVendor#LOCAL} when none
 * @param branch the branch being built; for pull/merge requests the source branch; empty for tag
 *     builds and detached builds
 * @param commit the commit being built; on GitHub Actions {@code pull_request} events this is the
 *     synthetic merge commit, not the head of the source branch
 * @param defaultBranch the repository's default branch, when the vendor exposes it
 * @param pullRequestTarget the branch a pull/merge request targets, when this is one
 * @param buildUrl a link to this build/job in the CI's web UI
 */
public record CiInfo(
    CiVendor vendor,
    Optional<String> branch,
    Optional<String> commit,
    Optional<String> defaultBranch,
    Optional<String> pullRequestTarget,
    Optional<String> buildUrl) {

  public CiInfo {
    Objects.requireNonNull(vendor, "vendor");
    Objects.requireNonNull(branch, "branch");
    Objects.requireNonNull(commit, "commit");
    Objects.requireNonNull(defaultBranch, "defaultBranch");
    Objects.requireNonNull(pullRequestTarget, "pullRequestTarget");
    Objects.requireNonNull(buildUrl, "buildUrl");
  }

  /** A local (non-CI) build: nothing known. */
  public static CiInfo local() {
    return new CiInfo(
        CiVendor.LOCAL,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }
}
