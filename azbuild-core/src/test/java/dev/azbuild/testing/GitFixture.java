package dev.azbuild.testing;

import dev.azbuild.git.GitException;
import dev.azbuild.git.GitRepo;
import dev.azbuild.io.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A real git repository in a temporary directory, driven through the {@code git} CLI, so tests
 * compare azbuild (JGit) against what git itself says. Commits are deterministic: fixed author,
 * committer, and a clock that advances one minute per commit; no user or system git config is read.
 */
public final class GitFixture {

  private static final long EPOCH = 1_700_000_000L;

  /** Settings every git command runs with, whatever the machine's config says. */
  private static final List<String> CONFIG =
      List.of(
          "-c", "init.defaultBranch=main",
          "-c", "commit.gpgsign=false",
          "-c", "tag.gpgsign=false",
          "-c", "core.quotepath=false",
          "-c", "core.autocrlf=false",
          "-c", "advice.detachedHead=false",
          "-c", "protocol.file.allow=always",
          "-c", "merge.ff=false");

  private final Path dir;
  private int clock;

  private GitFixture(Path dir) {
    this.dir = dir;
  }

  /** {@code git init} of a new work tree on branch {@code main}. */
  public static GitFixture init(Path dir) {
    mkdirs(dir);
    exec(dir, "init", "-q");
    return new GitFixture(dir);
  }

  /** {@code git init --bare}, to serve as {@code origin}. */
  public static GitFixture initBare(Path dir) {
    mkdirs(dir);
    exec(dir, "init", "-q", "--bare");
    return new GitFixture(dir);
  }

  /**
   * {@code git clone [options] url dir}; give a {@code file://} URL with {@code --depth} for a
   * truly shallow clone (git ignores the depth for plain local paths).
   */
  public static GitFixture clone(String url, Path dir, String... options) {
    mkdirs(dir.getParent());
    // gc.auto=0: no background gc (JGit runs one after fetching) racing the temp dir's deletion
    List<String> args = new ArrayList<>(List.of("clone", "-q", "-c", "gc.auto=0"));
    args.addAll(Arrays.asList(options));
    args.add(url);
    args.add(dir.toString());
    exec(dir.getParent(), args.toArray(String[]::new));
    return new GitFixture(dir);
  }

  /**
   * A copy of this repository, work tree and {@code .git} alike, made without running git: cheaper
   * than building the same history again in every test. The copy's index has other stat data, which
   * git and JGit must cope with anyway.
   */
  public GitFixture copyTo(Path target) {
    try {
      FileTrees.copy(dir, target);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    GitFixture copy = new GitFixture(target);
    copy.clock = clock;
    return copy;
  }

  public Path dir() {
    return dir;
  }

  public Path path(String relative) {
    return dir.resolve(relative);
  }

  /** A {@code file://} URL of this repository, for clones that honour {@code --depth}. */
  public String url() {
    return dir.toAbsolutePath().toUri().toString();
  }

  /** Opens the repository with azbuild's JGit wrapper; the caller closes it. */
  public GitRepo open() throws GitException {
    return GitRepo.open(dir);
  }

  /**
   * Opens the repository reading the work tree the given way ({@code JGIT}: without the git
   * command).
   */
  public GitRepo open(GitRepo.Backend backend) throws GitException {
    return GitRepo.open(dir, backend);
  }

  // ---- files ----

  public GitFixture write(String relative, String content) {
    return write(relative, content.getBytes(StandardCharsets.UTF_8));
  }

  public GitFixture write(String relative, byte[] content) {
    Path file = dir.resolve(relative);
    mkdirs(file.getParent());
    try {
      Files.write(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  public String read(String relative) {
    try {
      return Files.readString(dir.resolve(relative), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public boolean exists(String relative) {
    return Files.exists(dir.resolve(relative));
  }

  /** Deletes a file or directory from disk only (an unstaged deletion). */
  public GitFixture delete(String relative) {
    deleteRecursively(dir.resolve(relative));
    return this;
  }

  /** {@code git rm -r}: a staged deletion. */
  public GitFixture rm(String relative) {
    git("rm", "-q", "-r", "--", relative);
    return this;
  }

  /** {@code git mv}: a staged rename. */
  public GitFixture mv(String from, String to) {
    mkdirs(dir.resolve(to).getParent());
    git("mv", "--", from, to);
    return this;
  }

  /** {@code chmod +x}. */
  public GitFixture chmodExecutable(String relative) {
    try {
      Path file = dir.resolve(relative);
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      perms.add(PosixFilePermission.OWNER_EXECUTE);
      perms.add(PosixFilePermission.GROUP_EXECUTE);
      perms.add(PosixFilePermission.OTHERS_EXECUTE);
      Files.setPosixFilePermissions(file, perms);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  // ---- index and commits ----

  /** {@code git add -- paths}. */
  public GitFixture stage(String... paths) {
    List<String> args = new ArrayList<>(List.of("add", "--"));
    args.addAll(Arrays.asList(paths));
    git(args.toArray(String[]::new));
    return this;
  }

  /** {@code git add -A}. */
  public GitFixture stageAll() {
    git("add", "-A");
    return this;
  }

  /** Stages everything ({@code git add -A}) and commits; returns the new HEAD. */
  public String commit(String message) {
    stageAll();
    return commitStaged(message);
  }

  /** Commits what is staged; returns the new HEAD. */
  public String commitStaged(String message) {
    clock++;
    git("commit", "-q", "--allow-empty", "-m", message);
    return head();
  }

  /** HEAD's commit, read from the ref files (no process: tests make many commits). */
  public String head() {
    try {
      Path gitDir = Files.isDirectory(dir.resolve(".git")) ? dir.resolve(".git") : dir;
      String head = Files.readString(gitDir.resolve("HEAD"), StandardCharsets.UTF_8).strip();
      if (!head.startsWith("ref: ")) {
        return head;
      }
      String ref = head.substring("ref: ".length());
      Path loose = gitDir.resolve(ref);
      if (Files.isRegularFile(loose)) {
        return Files.readString(loose, StandardCharsets.UTF_8).strip();
      }
      Path packed = gitDir.resolve("packed-refs");
      if (Files.isRegularFile(packed)) {
        for (String line : Files.readAllLines(packed, StandardCharsets.UTF_8)) {
          if (line.endsWith(" " + ref)) {
            return line.substring(0, line.indexOf(' '));
          }
        }
      }
      return revParse("HEAD");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String revParse(String revision) {
    return git("rev-parse", "--verify", "-q", revision + "^{commit}").strip();
  }

  /** {@code git branch name [start]}. */
  public GitFixture branch(String name, String... start) {
    List<String> args = new ArrayList<>(List.of("branch", name));
    args.addAll(Arrays.asList(start));
    git(args.toArray(String[]::new));
    return this;
  }

  public GitFixture checkout(String revision) {
    git("checkout", "-q", revision);
    return this;
  }

  /** {@code git checkout -b name}. */
  public GitFixture checkoutNew(String name) {
    git("checkout", "-q", "-b", name);
    return this;
  }

  /** {@code git checkout --detach}. */
  public GitFixture detach() {
    git("checkout", "-q", "--detach");
    return this;
  }

  /** {@code git merge --no-ff}; returns the merge commit. Fails on conflicts. */
  public String merge(String revision) {
    clock++;
    git("merge", "-q", "--no-ff", "--no-edit", "-m", "merge " + revision, revision);
    return head();
  }

  /**
   * Appends {@code count} commits to {@code branch} in one {@code git fast-import} process, each
   * rewriting {@code file}; the work tree and index are not touched, so do not use it on the
   * checked-out branch. Returns the new tip.
   */
  public String appendCommits(String branch, int count, String file) {
    String parent = revParse("refs/heads/" + branch);
    StringBuilder stream = new StringBuilder();
    for (int i = 1; i <= count; i++) {
      clock++;
      String message = branch + " bulk " + i;
      String content = message + "\n";
      stream
          .append("commit refs/heads/")
          .append(branch)
          .append('\n')
          .append("committer Azbuild Test <test@azbuild.dev> ")
          .append(EPOCH + 60L * clock)
          .append(" +0000\n")
          .append("data ")
          .append(message.length())
          .append('\n')
          .append(message)
          .append('\n');
      if (i == 1) {
        stream.append("from ").append(parent).append('\n');
      }
      stream
          .append("M 100644 inline ")
          .append(file)
          .append('\n')
          .append("data ")
          .append(content.length())
          .append('\n')
          .append(content)
          .append('\n');
    }
    Result r =
        run(
            dir,
            commitEnv(),
            gitCommand("fast-import", "--quiet"),
            stream.toString().getBytes(StandardCharsets.UTF_8));
    if (r.exitCode() != 0) {
      throw new IllegalStateException("git fast-import failed: " + r.stderr());
    }
    return revParse("refs/heads/" + branch);
  }

  public String mergeBase(String a, String b) {
    return git("merge-base", a, b).strip();
  }

  public GitFixture push(String... args) {
    List<String> all = new ArrayList<>(List.of("push", "-q"));
    all.addAll(Arrays.asList(args));
    git(all.toArray(String[]::new));
    return this;
  }

  public boolean isShallow() {
    return git("rev-parse", "--is-shallow-repository").strip().equals("true");
  }

  // ---- what git says ----

  /** {@code git diff --name-only --no-renames a b}, read NUL-separated so no path is quoted. */
  public Set<String> diffNames(String a, String b) {
    return nulSeparated(git("diff", "--name-only", "--no-renames", "-z", a, b));
  }

  /**
   * What git counts as changed since {@code base} in the work tree: {@code git diff --name-only
   * --no-renames base} (committed, staged and unstaged changes of tracked files) plus the
   * untracked, not ignored files ({@code git ls-files --others --exclude-standard}).
   */
  public Set<String> workTreeChangesSince(String base) {
    Set<String> result =
        new LinkedHashSet<>(nulSeparated(git("diff", "--name-only", "--no-renames", "-z", base)));
    result.addAll(untracked());
    return result;
  }

  /** {@code git ls-files --others --exclude-standard}. */
  public Set<String> untracked() {
    return nulSeparated(git("ls-files", "-z", "--others", "--exclude-standard"));
  }

  /** {@code git ls-files}: the tracked files. */
  public Set<String> tracked() {
    return nulSeparated(git("ls-files", "-z"));
  }

  private static Set<String> nulSeparated(String output) {
    Set<String> result = new LinkedHashSet<>();
    for (String name : output.split("\0")) {
      if (!name.isEmpty()) {
        result.add(name);
      }
    }
    return result;
  }

  // ---- processes ----

  /**
   * Runs {@code git args} in this repository; returns stdout, fails with stderr on a non-zero exit.
   */
  public String git(String... args) {
    return exec(dir, commitEnv(), args);
  }

  /** Runs {@code git args}; returns the exit code instead of failing. */
  public Result tryGit(String... args) {
    return run(dir, commitEnv(), gitCommand(args));
  }

  /** Runs {@code bash -c script} in this repository, with the fixture's git environment. */
  public Result bash(String script) {
    return run(dir, commitEnv(), List.of("bash", "-c", script));
  }

  /**
   * Runs {@code bash -c script} in {@code dir} with the fixture's git environment (fixed identity
   * and dates, no user or system config); {@code git} there is plain git, without the fixture's
   * {@code -c} settings.
   */
  public static Result bash(Path dir, String script) {
    return run(dir, Map.of(), List.of("bash", "-c", script));
  }

  private Map<String, String> commitEnv() {
    String date = "@" + (EPOCH + 60L * clock) + " +0000";
    return Map.of("GIT_AUTHOR_DATE", date, "GIT_COMMITTER_DATE", date);
  }

  private static String exec(Path cwd, String... args) {
    return exec(cwd, Map.of(), args);
  }

  private static String exec(Path cwd, Map<String, String> extraEnv, String... args) {
    Result r = run(cwd, extraEnv, gitCommand(args));
    if (r.exitCode() != 0) {
      throw new IllegalStateException(
          "git "
              + String.join(" ", args)
              + " failed in "
              + cwd
              + " (exit "
              + r.exitCode()
              + "): "
              + r.stderr()
              + r.stdout());
    }
    return r.stdout();
  }

  private static List<String> gitCommand(String... args) {
    List<String> command = new ArrayList<>();
    command.add("git");
    command.addAll(CONFIG);
    command.addAll(Arrays.asList(args));
    return command;
  }

  /** Output of a finished process. */
  public record Result(int exitCode, String stdout, String stderr) {}

  private static Result run(Path cwd, Map<String, String> extraEnv, List<String> command) {
    return run(cwd, extraEnv, command, new byte[0]);
  }

  private static Result run(
      Path cwd, Map<String, String> extraEnv, List<String> command, byte[] stdin) {
    ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile());
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("GIT_"));
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    env.put("GIT_CONFIG_GLOBAL", "/dev/null");
    env.put("GIT_TERMINAL_PROMPT", "0");
    env.put("GIT_AUTHOR_NAME", "Azbuild Test");
    env.put("GIT_AUTHOR_EMAIL", "test@azbuild.dev");
    env.put("GIT_COMMITTER_NAME", "Azbuild Test");
    env.put("GIT_COMMITTER_EMAIL", "test@azbuild.dev");
    String date = "@" + EPOCH + " +0000";
    env.put("GIT_AUTHOR_DATE", date);
    env.put("GIT_COMMITTER_DATE", date);
    env.put("LC_ALL", "C");
    env.putAll(extraEnv);
    try {
      Process p = pb.start();
      CompletableFuture<byte[]> err =
          CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
      try (var in = p.getOutputStream()) {
        in.write(stdin);
      }
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(command + " timed out in " + cwd);
      }
      return new Result(
          p.exitValue(),
          new String(out, StandardCharsets.UTF_8),
          new String(err.join(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static byte[] readAll(java.io.InputStream in) {
    try {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- helpers ----

  private static void mkdirs(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes a file or a directory tree, if it exists. */
  public static void deleteRecursively(Path path) {
    if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      Files.walkFileTree(
          path,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
              Files.delete(d);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
