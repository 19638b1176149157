package dev.azbuild.git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.dircache.DirCacheIterator;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.WorkingTreeIterator;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Repository states read with JGit: a commit's tree, and the work tree as a walk of the index
 * beside the files on disk. Only files whose stat data differs from the index, and untracked files,
 * are hashed, as with git; two rules make the walk see what git sees where JGit's own check would
 * not:
 *
 * <ul>
 *   <li>JGit compares a file's mtime and size with the index entry; git also compares its ctime,
 *       which an edit always moves (a tool that restores the mtime cannot restore it). JGit's index
 *       entry has no ctime to compare, so a file whose ctime is not older than the index file
 *       itself (it changed, or its metadata did, since the index was written) is hashed.
 *   <li>A submodule is its checked-out commit (what an image would be built from), not the index's;
 *       an uninitialized one (a directory without a repository, as a checkout without {@code
 *       --recursive} leaves it) is as the index has it, not deleted.
 * </ul>
 */
final class JGitSnapshots implements SnapshotReader {

  private final GitRepo git;

  JGitSnapshots(GitRepo git) {
    this.git = git;
  }

  @Override
  public RepoSnapshot commit(ObjectId commit) throws GitException {
    Repository repo = git.repository();
    RepoSnapshot.Builder files = new RepoSnapshot.Builder();
    try (RevWalk rw = new RevWalk(repo);
        TreeWalk walk = new TreeWalk(repo)) {
      walk.addTree(rw.parseCommit(commit).getTree());
      walk.setRecursive(true);
      while (walk.next()) {
        files.add(walk.getPathString(), walk.getRawMode(0), walk.getObjectId(0));
      }
    } catch (IOException e) {
      throw new GitException(
          "cannot read the files of commit " + commit.name() + ": " + e.getMessage(), e);
    }
    return files.build();
  }

  @Override
  public RepoSnapshot workTree() throws GitException {
    Repository repo = git.repository();
    Path root = git.workTree();
    RepoSnapshot.Builder files = new RepoSnapshot.Builder();
    try (ObjectReader reader = repo.newObjectReader();
        TreeWalk walk = new TreeWalk(repo, reader)) {
      Optional<FileTime> indexWritten = lastModified(repo.getIndexFile().toPath());
      int index = walk.addTree(new DirCacheIterator(repo.readDirCache()));
      int work = walk.addTree(new FileTreeIterator(repo));
      walk.setRecursive(true);
      walk.setFilter(new SkipIgnoredUntracked(index, work));
      while (walk.next()) {
        DirCacheIterator cached = walk.getTree(index, DirCacheIterator.class);
        WorkingTreeIterator file = walk.getTree(work, WorkingTreeIterator.class);
        String path = walk.getPathString();
        boolean gitlink =
            (cached != null && cached.getEntryRawMode() == FileMode.TYPE_GITLINK)
                || (file != null && file.getEntryRawMode() == FileMode.TYPE_GITLINK);
        if (file == null) {
          if (gitlink && Files.isDirectory(root.resolve(path), LinkOption.NOFOLLOW_LINKS)) {
            // an uninitialized submodule: git status keeps the index's commit, so do we
            files.add(path, cached.getEntryRawMode(), cached.getEntryObjectId());
          }
          continue; // deleted in the work tree
        }
        if (!gitlink
            && cached != null
            && unchanged(
                cached.getDirCacheEntry(), file, reader, root.resolve(path), indexWritten)) {
          files.add(path, cached.getEntryRawMode(), cached.getEntryObjectId());
        } else {
          // hashes the content with git's filters; a submodule's or nested clone's HEAD commit
          files.add(path, file.getEntryRawMode(), file.getEntryObjectId());
        }
      }
    } catch (IOException e) {
      throw new GitException(
          "cannot read the work tree of " + git.workTree() + ": " + e.getMessage(), e);
    }
    return files.build();
  }

  @Override
  public List<String> uncommitted() throws GitException {
    return new ArrayList<>(RepoSnapshot.changedPaths(commit(git.head()), workTree()));
  }

  /**
   * Whether the index's blob id still holds for the file: JGit's check (mtime, size, mode, and the
   * content of racily clean entries), and the file's ctime older than the index.
   */
  private static boolean unchanged(
      DirCacheEntry entry,
      WorkingTreeIterator file,
      ObjectReader reader,
      Path path,
      Optional<FileTime> indexWritten)
      throws IOException {
    if (entry == null) {
      return true;
    }
    if (file.isModified(entry, true, reader)) {
      return false;
    }
    Optional<FileTime> changed = changeTime(path);
    return indexWritten.isEmpty()
        || changed.isEmpty()
        || changed.get().compareTo(indexWritten.get()) < 0;
  }

  /** The inode change time (ctime); empty where the file system has none. */
  private static Optional<FileTime> changeTime(Path path) {
    try {
      return Optional.of(
          (FileTime) Files.getAttribute(path, "unix:ctime", LinkOption.NOFOLLOW_LINKS));
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static Optional<FileTime> lastModified(Path file) {
    try {
      return Optional.of(Files.getLastModifiedTime(file));
    } catch (IOException e) {
      return Optional.empty(); // no index yet: every file is untracked and hashed anyway
    }
  }

  /**
   * Prunes untracked ignored files and folders (e.g. {@code target/}) without descending into them.
   */
  private static final class SkipIgnoredUntracked extends TreeFilter {
    private final int index;
    private final int work;

    SkipIgnoredUntracked(int index, int work) {
      this.index = index;
      this.work = work;
    }

    @Override
    public boolean include(TreeWalk walk) throws IOException {
      if (walk.getTree(index, DirCacheIterator.class) != null) {
        return true;
      }
      WorkingTreeIterator file = walk.getTree(work, WorkingTreeIterator.class);
      return file != null && !file.isEntryIgnored();
    }

    @Override
    public boolean shouldBeRecursive() {
      return true;
    }

    @Override
    public TreeFilter clone() {
      return this;
    }
  }
}
