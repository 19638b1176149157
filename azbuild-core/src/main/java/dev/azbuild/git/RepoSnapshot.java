package dev.azbuild.git;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
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

  /** The files of a commit, read as {@link GitRepo#reader()} says, else with JGit. */
  public static RepoSnapshot ofCommit(GitRepo git, ObjectId commit) throws GitException {
    if (git.cli().isPresent()) {
      try {
        return git.reader().commit(commit);
      } catch (GitException e) {
        LOG.warn("{}; reading the commit with JGit instead", e.getMessage());
      }
    }
    return git.jgitReader().commit(commit);
  }

  /**
   * The files as they are on disk now: tracked ones not deleted, plus untracked ones not ignored
   * ({@link SnapshotReader#workTree}). Through the git command where there is one (taking the read
   * {@link GitRepo#readWorkTreeAhead} started), else with JGit; the same answer either way.
   */
  public static RepoSnapshot ofWorkingTree(GitRepo git) throws GitException {
    if (git.cli().isPresent()) {
      try {
        var ahead = git.takeWorkTreeAhead();
        return ahead.isPresent() ? CliSnapshots.await(ahead.get()) : git.reader().workTree();
      } catch (GitException e) {
        LOG.warn("{}; reading the work tree with JGit instead", e.getMessage());
      }
    }
    return git.jgitReader().workTree();
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
