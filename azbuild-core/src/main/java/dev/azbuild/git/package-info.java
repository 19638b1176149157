/**
 * Git: the repository's commits, refs and work tree, and the only package that uses JGit.
 *
 * <p>{@link dev.azbuild.git.GitRepo} opens a repository and answers history questions (resolve,
 * merge-base, first parent, shallow deepening); {@link dev.azbuild.git.RepoSnapshot} is every file
 * a commit or the work tree holds, as sorted paths with git blob ids, read by a {@link
 * dev.azbuild.git.SnapshotReader}: the {@code git} command where it is on the PATH (fast: git's
 * stat cache, fsmonitor), else JGit, with the same answers (one test suite holds both to git's
 * output); {@link dev.azbuild.git.ChangedFiles} lists the paths changed since a base commit; {@link
 * dev.azbuild.git.BaseCommitResolver} finds that base (merge-base, last deployed commit, shallow
 * clones). Commits leave this package as JGit's {@code ObjectId} values and nothing else of JGit.
 */
package dev.azbuild.git;
