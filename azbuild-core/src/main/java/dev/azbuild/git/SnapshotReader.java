package dev.azbuild.git;

import java.util.List;
import org.eclipse.jgit.lib.ObjectId;

/**
 * How a repository's states are read: through the git command ({@link CliSnapshots}, the fast path
 * where git is installed) or with JGit ({@link JGitSnapshots}, where it is not, or with {@code
 * -Dazbuild.git=jgit}). Both give the same answers; {@code RepoSnapshotTest} and {@code
 * ChangedFilesTest} run every case against both and against git's own output.
 */
interface SnapshotReader {

  /** The files of a commit. */
  RepoSnapshot commit(ObjectId commit) throws GitException;

  /**
   * The files as they are on disk now: tracked ones not deleted, plus untracked ones not ignored; a
   * submodule as its checked-out commit, an uninitialized one as the index has it.
   */
  RepoSnapshot workTree() throws GitException;

  /** Paths whose work-tree state differs from HEAD: staged, unstaged and untracked changes. */
  List<String> uncommitted() throws GitException;
}
