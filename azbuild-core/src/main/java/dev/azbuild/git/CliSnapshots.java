package dev.azbuild.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;

/**
 * Repository states read through the git command: a commit's files ({@code git ls-tree -r}), the
 * working state ({@code git ls-files -s} for the index's blob ids, {@code git status} for what
 * differs from it) and the uncommitted changes. Only the files git reports as changed or untracked
 * are hashed ({@code git hash-object}, with the repository's filters), so a clean checkout of
 * 20,000 files costs two process runs.
 */
final class CliSnapshots implements SnapshotReader {

  /** How many paths one {@code git hash-object} call gets, to stay far below the argument limit. */
  private static final int HASH_BATCH = 500;

  private final GitCli cli;

  CliSnapshots(GitCli cli) {
    this.cli = cli;
  }

  @Override
  public RepoSnapshot commit(ObjectId commit) throws GitException {
    return commit(cli, commit);
  }

  @Override
  public RepoSnapshot workTree() throws GitException {
    return workTree(cli);
  }

  @Override
  public List<String> uncommitted() throws GitException {
    return uncommitted(cli);
  }

  /** A file's state: git mode bits and object id. */
  record Blob(int mode, ObjectId id) {}

  /** The files of a commit. */
  static RepoSnapshot commit(GitCli cli, ObjectId commit) throws GitException {
    byte[] out = cli.run("ls-tree", "-r", "-z", "--full-tree", commit.name());
    RepoSnapshot.Builder files = new RepoSnapshot.Builder();
    for (int start = 0, end; start < out.length; start = end + 1) {
      end = recordEnd(out, start);
      // <mode> SP <type> SP <id> TAB <path>
      int tab = indexOf(out, (byte) '\t', start, end);
      files.add(
          path(out, tab + 1, end),
          octal(out, start),
          id(out, tab - Constants.OBJECT_ID_STRING_LENGTH));
    }
    return files.build();
  }

  /**
   * The files as they are on disk now: tracked ones not deleted, plus untracked ones not ignored.
   */
  static RepoSnapshot workTree(GitCli cli) throws GitException {
    // git status walks the work tree while ls-files prints the index: both at once
    FutureTask<Map<String, Status>> pendingStatus =
        inBackground("azbuild git status", () -> status(cli));
    byte[] out = cli.run("ls-files", "-s", "-z");
    RepoSnapshot.Builder index = new RepoSnapshot.Builder();
    for (int start = 0, end; start < out.length; start = end + 1) {
      end = recordEnd(out, start);
      // <mode> SP <id> SP <stage> TAB <path>; unmerged paths (stage > 0) come from the status below
      int tab = indexOf(out, (byte) '\t', start, end);
      if (out[tab - 1] == '0') {
        index.add(
            path(out, tab + 1, end),
            octal(out, start),
            id(out, tab - 2 - Constants.OBJECT_ID_STRING_LENGTH));
      }
    }
    Map<String, Status> status = await(pendingStatus);
    if (status.isEmpty()) {
      return index.build(); // a clean work tree holds what the index does
    }
    Map<String, Blob> files = new HashMap<>();
    for (int i = 0; i < index.size(); i++) {
      files.put(index.path(i), new Blob(index.mode(i), index.id(i)));
    }
    Map<String, Blob> current = workTreeStates(cli, status);
    for (String path : status.keySet()) {
      Blob now = current.get(path);
      if (now == null) {
        files.remove(path);
      } else {
        files.put(path, now);
      }
    }
    RepoSnapshot.Builder result = new RepoSnapshot.Builder();
    files.forEach((path, blob) -> result.add(path, blob.mode(), blob.id()));
    return result.build();
  }

  /**
   * The result of a git call run on another thread, with its {@link GitException} as thrown there.
   */
  /**
   * Runs git work on a daemon thread (it never keeps Maven's JVM alive); {@link #await} takes its
   * result.
   */
  static <T> FutureTask<T> inBackground(String threadName, Callable<T> work) {
    FutureTask<T> task = new FutureTask<>(work);
    Thread thread = new Thread(task, threadName);
    thread.setDaemon(true);
    thread.start();
    return task;
  }

  static <T> T await(FutureTask<T> task) throws GitException {
    try {
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GitException("interrupted while running git", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof GitException git) {
        throw git;
      }
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * Where the {@code -z} record starting at {@code start} ends (its NUL, or the end of the output).
   */
  private static int recordEnd(byte[] out, int start) {
    int end = start;
    while (end < out.length && out[end] != 0) {
      end++;
    }
    return end;
  }

  private static int indexOf(byte[] out, byte b, int from, int to) throws GitException {
    for (int i = from; i < to; i++) {
      if (out[i] == b) {
        return i;
      }
    }
    throw new GitException(
        "git printed a record without a tab: '"
            + new String(out, from, to - from, StandardCharsets.UTF_8)
            + "'");
  }

  /** The octal number at {@code start}, up to the first space: a file's mode. */
  private static int octal(byte[] out, int start) {
    int value = 0;
    for (int i = start; out[i] != ' '; i++) {
      value = value * 8 + (out[i] - '0');
    }
    return value;
  }

  private static ObjectId id(byte[] out, int start) {
    return ObjectId.fromString(out, start);
  }

  private static String path(byte[] out, int from, int to) {
    return new String(out, from, to - from, StandardCharsets.UTF_8);
  }

  /**
   * Paths whose work-tree state differs from HEAD: staged, unstaged and untracked (not ignored)
   * changes.
   */
  static List<String> uncommitted(GitCli cli) throws GitException {
    Map<String, Status> status = status(cli);
    Map<String, Blob> current = workTreeStates(cli, status);
    TreeSet<String> changed = new TreeSet<>();
    status.forEach(
        (path, s) -> {
          if (s.unmerged || !Objects.equals(s.head, current.get(path))) {
            changed.add(path);
          }
        });
    return new ArrayList<>(changed);
  }

  /**
   * One path of {@code git status}: its HEAD and index states (null when absent), and whether the
   * work tree differs from the index, is unmerged, or holds it untracked.
   */
  private static final class Status {
    Blob head;
    Blob index;
    int worktreeMode;
    boolean worktreeChanged;
    boolean worktreeDeleted;
    boolean unmerged;
    boolean untracked;
  }

  /**
   * {@code git status --porcelain=v2 -z}: renames off (both sides count, as in the bash scripts'
   * diff), untracked files listed one by one, submodules compared by their checked-out commit only.
   */
  private static Map<String, Status> status(GitCli cli) throws GitException {
    List<String> records =
        GitCli.records(
            cli.run(
                "status",
                "--porcelain=v2",
                "-z",
                "--untracked-files=all",
                "--no-renames",
                "--ignore-submodules=dirty"));
    Map<String, Status> result = new LinkedHashMap<>();
    for (int r = 0; r < records.size(); r++) {
      String record = records.get(r);
      if (record.isEmpty() || record.charAt(0) == '#' || record.charAt(0) == '!') {
        continue;
      }
      char kind = record.charAt(0);
      if (kind == '?') {
        String path = record.substring(2);
        // a nested clone is listed as its directory, "dir/"
        path = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        result.computeIfAbsent(path, p -> new Status()).untracked = true;
        continue;
      }
      // 1 XY sub mH mI mW hH hI path | 2 XY sub mH mI mW hH hI Xscore path NUL origPath
      // u XY sub m1 m2 m3 mW h1 h2 h3 path
      int fields = kind == '1' ? 8 : kind == '2' ? 9 : kind == 'u' ? 10 : -1;
      if (fields < 0) {
        throw new GitException(
            "git status printed an unknown record '" + record + "' in " + cli.workTree());
      }
      String[] f = record.split(" ", fields + 1);
      Status s = result.computeIfAbsent(f[fields], p -> new Status());
      char y = f[1].charAt(1);
      if (kind == 'u') {
        s.unmerged = true;
      } else {
        s.head = blob(f[3], f[6]);
        s.index = blob(f[4], f[7]);
        s.worktreeMode = Integer.parseInt(f[5], 8);
        s.worktreeDeleted = y == 'D';
        s.worktreeChanged = y != '.' && y != 'D';
      }
      if (kind == '2') {
        r++; // the rename's source path follows in its own record
      }
    }
    return result;
  }

  private static Blob blob(String mode, String id) {
    int bits = Integer.parseInt(mode, 8);
    return bits == 0 ? null : new Blob(bits, ObjectId.fromString(id));
  }

  /** The work tree's state of every path in the status (absent ones are missing from the map). */
  private static Map<String, Blob> workTreeStates(GitCli cli, Map<String, Status> status)
      throws GitException {
    Map<String, Blob> result = new HashMap<>();
    List<String> toHash = new ArrayList<>();
    List<Integer> toHashModes = new ArrayList<>();
    ObjectInserter.Formatter formatter =
        null; // created for a changed symlink only: it reads JGit's config
    try {
      for (Map.Entry<String, Status> e : status.entrySet()) {
        String path = e.getKey();
        Status s = e.getValue();
        if (!s.unmerged && !s.untracked && !s.worktreeChanged) {
          if (!s.worktreeDeleted && s.index != null) {
            result.put(path, s.index); // only staged: the work tree holds what the index does
          }
          continue;
        }
        Path file = cli.workTree().resolve(path);
        BasicFileAttributes attrs;
        try {
          attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException notThere) {
          continue;
        }
        if (attrs.isSymbolicLink()) {
          byte[] target = Files.readSymbolicLink(file).toString().getBytes(StandardCharsets.UTF_8);
          formatter = formatter != null ? formatter : new ObjectInserter.Formatter();
          result.put(
              path, new Blob(FileMode.TYPE_SYMLINK, formatter.idFor(Constants.OBJ_BLOB, target)));
        } else if (attrs.isDirectory()) {
          if (Files.exists(file.resolve(Constants.DOT_GIT), LinkOption.NOFOLLOW_LINKS)) {
            result.put(path, new Blob(FileMode.TYPE_GITLINK, checkedOutCommit(cli, file)));
          }
        } else if (attrs.isRegularFile()) {
          toHash.add(path);
          // git's view of a tracked file's mode (core.fileMode), else the executable bit as JGit
          // reads it
          boolean regularMode =
              s.worktreeMode == FileMode.REGULAR_FILE.getBits()
                  || s.worktreeMode == FileMode.EXECUTABLE_FILE.getBits();
          toHashModes.add(
              regularMode
                  ? s.worktreeMode
                  : Files.isExecutable(file)
                      ? FileMode.EXECUTABLE_FILE.getBits()
                      : FileMode.REGULAR_FILE.getBits());
        }
      }
    } catch (IOException e) {
      throw new GitException(
          "cannot read the work tree of " + cli.workTree() + ": " + e.getMessage(), e);
    } finally {
      if (formatter != null) {
        formatter.close();
      }
    }
    for (int from = 0; from < toHash.size(); from += HASH_BATCH) {
      List<String> batch = toHash.subList(from, Math.min(toHash.size(), from + HASH_BATCH));
      List<String> args = new ArrayList<>(List.of("hash-object", "--"));
      args.addAll(batch);
      String[] ids = new String(cli.run(args), StandardCharsets.UTF_8).split("\n");
      if (ids.length != batch.size()) {
        throw new GitException(
            "git hash-object printed "
                + ids.length
                + " ids for "
                + batch.size()
                + " files in "
                + cli.workTree());
      }
      for (int i = 0; i < batch.size(); i++) {
        result.put(batch.get(i), new Blob(toHashModes.get(from + i), ObjectId.fromString(ids[i])));
      }
    }
    return result;
  }

  /**
   * A submodule's or nested clone's HEAD, as JGit records a gitlink in the work tree (zero when it
   * has none).
   */
  private static ObjectId checkedOutCommit(GitCli cli, Path dir) {
    try {
      String head =
          new String(
                  cli.nested(dir).run("rev-parse", "--verify", "-q", "HEAD"),
                  StandardCharsets.UTF_8)
              .strip();
      return ObjectId.fromString(head);
    } catch (GitException | IllegalArgumentException e) {
      return ObjectId.zeroId();
    }
  }
}
