package dev.azbuild.mojo;

import org.apache.maven.plugins.annotations.Parameter;

/**
 * The parameters of goals that need the rebuild plan. The plan is computed once per Maven build and
 * shared by every module's goal (also under {@code -T}): one pass over the repository serves all.
 */
public abstract class AbstractPlanMojo extends AbstractRegistryMojo {

  /**
   * {@code content} (default: a hash of each module's inputs) or {@code diff} (changed files since
   * the base commit). Env: AZBUILD_MODE.
   */
  @Parameter(property = "azbuild.mode")
  protected String mode;

  /**
   * The base commit for diff mode; default: found by setenv's rules (merge-base, last deploy). Env:
   * AZBUILD_BASE.
   */
  @Parameter(property = "azbuild.base")
  protected String base;

  /**
   * Plan for this commit, counting only committed changes; default: HEAD plus staged, unstaged and
   * untracked files.
   */
  @Parameter(property = "azbuild.head")
  protected String head;

  /**
   * The commit being built, as the CI names it; the same as {@code azbuild.head} (which wins when
   * both are given).
   */
  @Parameter(property = "azbuild.commit")
  protected String commit;

  /** The branch being built; default: the CI's branch variable, else the checked-out branch. */
  @Parameter(property = "azbuild.branch")
  protected String branch;

  /**
   * The default branch; default: origin/HEAD, else main or master, whichever exists. Env:
   * AZBUILD_DEFAULT_BRANCH.
   */
  @Parameter(property = "azbuild.defaultBranch")
  protected String defaultBranch;

  /**
   * The branch a pull/merge request merges into; a branch build's base is its merge-base with it.
   * Default: the CI's variable (GITHUB_BASE_REF, CI_MERGE_REQUEST_TARGET_BRANCH_NAME,
   * CHANGE_TARGET, BUILDKITE_PULL_REQUEST_BASE_BRANCH), else the default branch. Env:
   * AZBUILD_TARGET_BRANCH.
   */
  @Parameter(property = "azbuild.targetBranch")
  protected String targetBranch;

  /** Whether a shallow clone may be deepened from origin to find the base commit. */
  @Parameter(property = "azbuild.fetch", defaultValue = "true")
  protected boolean fetch;

  /**
   * The tag of the default branch's latest image in the cache registry ({@code master} in the bash
   * scripts).
   */
  @Parameter(property = "azbuild.masterTag", defaultValue = "master")
  protected String masterTag;

  /**
   * How the work tree is read: {@code auto} (the {@code git} command when it is on the PATH, else
   * JGit) or {@code jgit} (JGit only).
   */
  @Parameter(property = "azbuild.git", defaultValue = "auto")
  protected String git;
}
