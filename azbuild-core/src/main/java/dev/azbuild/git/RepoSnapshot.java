package dev.azbuild.git;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every file of the repository at one state, as (path, mode, git blob id), sorted by path: either a
 * commit's tree, or the working state (index, plus staged, unstaged and untracked changes).
 *
 * <p>Built in one pass, so that a thousand modules cost one walk, not a thousand. Blob ids come
 * from the index as {@code git ls-files -s} shows them; only files whose stat data differs from the
 * index, and untracked files, are read and hashed, so mtimes never change a result. The git command
 * does the reading where it is installed ({@link CliSnapshots}); JGit is the fallback and the
 * reference the tests compare it with.
 */
public final class RepoSnapshot {

  private final String[] paths;
  private final int[] modes;
  private final ObjectId[] ids;

  private static final Logger LOG = LoggerFactory.getLogger(RepoSnapshot.class);

  private RepoSnapshot(String[] paths, int[] modes, ObjectId[] ids, int n) {
    boolean sorted = true;
    for (int i = 1; i < n && sorted; i++) {
      sorted = paths[i - 1].compareTo(paths[i]) < 0;
    }
    if (sorted) { // git lists files in this order: nothing to sort, nothing to copy
      this.paths = n == paths.length ? paths : Arrays.copyOf(paths, n);
      this.modes = n == modes.length ? modes : Arrays.copyOf(modes, n);
      this.ids = n == ids.length ? ids : Arrays.copyOf(ids, n);
      return;
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> paths[a].compareTo(paths[b]));
    this.paths = new String[n];
    this.modes = new int[n];
    this.ids = new ObjectId[n];
    for (int i = 0; i < n; i++) {
      this.paths[i] = paths[order[i]];
      this.modes[i] = modes[order[i]];
      this.ids[i] = ids[order[i]];
    }
  }

  /**
   * Collects files in any order; a snapshot sorts them only when they did not come sorted by path.
   */
  static final class Builder {
    private String[] paths = new String[1024];
    private int[] modes = new int[1024];
    private ObjectId[] ids = new ObjectId[1024];
    private int size;

    Builder add(String path, int mode, ObjectId id) {
      if (size == paths.length) {
        paths = Arrays.copyOf(paths, size * 2);
        modes = Arrays.copyOf(modes, size * 2);
        ids = Arrays.copyOf(ids, size * 2);
      }
      paths[size] = path;
      modes[size] = mode;
      ids[size] = id;
      size++;
      return this;
    }

    int size() {
      return size;
    }

    String path(int i) {
      return paths[i];
    }

    int mode(int i) {
      return modes[i];
    }

    ObjectId id(int i) {
      return ids[i];
    }

    RepoSnapshot build() {
      return new RepoSnapshot(paths, modes, ids, size);
    }
  }

  static RepoSnapshot of(List<String> paths, List<Integer> modes, List<ObjectId> ids) {
    Builder builder = new Builder();
    for (int i = 0; i < paths.size(); i++) {
      builder.add(paths.get(i), modes.get(i), ids.get(i));
    }
    return builder.build();
  }

  /** The files of a commit. */
  public static RepoSnapshot ofCommit(GitRepo git, ObjectId commit) throws GitException {
    if (git.cli().isPresent()) {
      try {
        return CliSnapshots.commit(git.cli().get(), commit);
      } catch (GitException e) {
        LOG.warn("{}; reading the commit with JGit instead", e.getMessage());
      }
    }
    return ofCommitWithJGit(git, commit);
  }

  static RepoSnapshot ofCommitWithJGit(GitRepo git, ObjectId commit) throws GitException {
    Repository repo = git.repository();
    List<String> paths = new ArrayList<>();
    List<Integer> modes = new ArrayList<>();
    List<ObjectId> ids = new ArrayList<>();
    try (RevWalk rw = new RevWalk(repo);
        TreeWalk walk = new TreeWalk(repo)) {
      walk.addTree(rw.parseCommit(commit).getTree());
      walk.setRecursive(true);
      while (walk.next()) {
        paths.add(walk.getPathString());
        modes.add(walk.getRawMode(0));
        ids.add(walk.getObjectId(0));
      }
    } catch (IOException e) {
      throw new GitException(
          "cannot read the files of commit " + commit.name() + ": " + e.getMessage(), e);
    }
    return of(paths, modes, ids);
  }

  /**
   * The files as they are on disk now: tracked ones not deleted, plus untracked ones not ignored.
   * Read through the git command when there is one (it also sees same-size edits whose mtime was
   * restored, which JGit's mtime-and-size check misses), else with JGit.
   */
  public static RepoSnapshot ofWorkingTree(GitRepo git) throws GitException {
    if (git.cli().isPresent()) {
      try {
        var ahead = git.takeWorkTreeAhead();
        return ahead.isPresent()
            ? CliSnapshots.await(ahead.get())
            : CliSnapshots.workTree(git.cli().get());
      } catch (GitException e) {
        LOG.warn("{}; reading the work tree with JGit instead", e.getMessage());
      }
    }
    return ofWorkingTreeWithJGit(git);
  }

  static RepoSnapshot ofWorkingTreeWithJGit(GitRepo git) throws GitException {
    Repository repo = git.repository();
    List<String> paths = new ArrayList<>();
    List<Integer> modes = new ArrayList<>();
    List<ObjectId> ids = new ArrayList<>();
    try (ObjectReader reader = repo.newObjectReader();
        TreeWalk walk = new TreeWalk(repo, reader)) {
      int index = walk.addTree(new DirCacheIterator(repo.readDirCache()));
      int work = walk.addTree(new FileTreeIterator(repo));
      walk.setRecursive(true);
      walk.setFilter(new SkipIgnoredUntracked(index, work));
      while (walk.next()) {
        DirCacheIterator cached = walk.getTree(index, DirCacheIterator.class);
        WorkingTreeIterator file = walk.getTree(work, WorkingTreeIterator.class);
        if (file == null) {
          continue; // deleted in the work tree
        }
        ObjectId id;
        int mode;
        if (cached != null
            && (cached.getDirCacheEntry() == null
                || !file.isModified(cached.getDirCacheEntry(), true, reader))) {
          id = cached.getEntryObjectId();
          mode = cached.getEntryRawMode();
        } else {
          id = file.getEntryObjectId(); // hashes the content, with git's filters
          mode = file.getEntryRawMode();
        }
        paths.add(walk.getPathString());
        modes.add(mode);
        ids.add(id);
      }
    } catch (IOException e) {
      throw new GitException(
          "cannot read the work tree of " + git.workTree() + ": " + e.getMessage(), e);
    }
    return of(paths, modes, ids);
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

  public int size() {
    return paths.length;
  }

  public String path(int i) {
    return paths[i];
  }

  public int mode(int i) {
    return modes[i];
  }

  public ObjectId id(int i) {
    return ids[i];
  }

  /** Index of {@code path}, or -1. */
  public int indexOf(String path) {
    int i = Arrays.binarySearch(paths, path);
    return i >= 0 ? i : -1;
  }

  /** First index (inclusive) and last (exclusive) of the files under a directory ("" = all). */
  public int[] rangeUnder(String dir) {
    if (dir.isEmpty()) {
      return new int[] {0, paths.length};
    }
    return new int[] {lowerBound(dir + "/"), lowerBound(dir + "0")}; // '0' follows '/'
  }

  private int lowerBound(String key) {
    int i = Arrays.binarySearch(paths, key);
    return i >= 0 ? i : -i - 1;
  }

  /** Paths whose content or mode differ between two snapshots, or that exist in only one. */
  public static List<String> changedPaths(RepoSnapshot a, RepoSnapshot b) {
    List<String> changed = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < a.paths.length || j < b.paths.length) {
      int cmp =
          i == a.paths.length ? 1 : j == b.paths.length ? -1 : a.paths[i].compareTo(b.paths[j]);
      if (cmp < 0) {
        changed.add(a.paths[i++]);
      } else if (cmp > 0) {
        changed.add(b.paths[j++]);
      } else {
        if (a.modes[i] != b.modes[j] || !a.ids[i].equals(b.ids[j])) {
          changed.add(a.paths[i]);
        }
        i++;
        j++;
      }
    }
    return changed;
  }

  private static final String REGULAR = FileMode.REGULAR_FILE.toString();
  private static final String EXECUTABLE = FileMode.EXECUTABLE_FILE.toString();

  public static String modeString(int rawMode) {
    if (rawMode == FileMode.REGULAR_FILE.getBits()) { // nearly every file: no lookup
      return REGULAR;
    }
    return rawMode == FileMode.EXECUTABLE_FILE.getBits()
        ? EXECUTABLE
        : FileMode.fromBits(rawMode).toString();
  }
}
