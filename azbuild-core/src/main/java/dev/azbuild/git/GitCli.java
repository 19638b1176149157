package dev.azbuild.git;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The {@code git} command on one repository. Reading the work tree through it is the fast path: C
 * git uses the index's stat cache (comparing ctime, inode and size as well as mtime), the untracked
 * cache and fsmonitor where configured, and applies the repository's filters exactly as git does.
 * Runs with {@code --no-optional-locks}, so it never takes the index lock a concurrent {@code git
 * commit} of the user needs.
 */
final class GitCli {

  private static final Optional<Path> ON_PATH = findOnPath(System.getenv("PATH"));

  private final Path executable;
  private final Path gitDir;
  private final Path workTree;

  private GitCli(Path executable, Path gitDir, Path workTree) {
    this.executable = executable;
    this.gitDir = gitDir;
    this.workTree = workTree;
  }

  /** The git command for a repository, or empty when none is on the PATH or JGit is asked for. */
  static Optional<GitCli> forRepository(Path gitDir, Path workTree, GitRepo.Backend backend) {
    if (backend == GitRepo.Backend.JGIT) {
      return Optional.empty();
    }
    return ON_PATH.map(git -> new GitCli(git, gitDir, workTree));
  }

  /**
   * The git command run in {@code dir}, finding the repository itself; fails with a {@link
   * GitException} when none is on the PATH.
   */
  static GitCli at(Path dir) throws GitException {
    Path git = ON_PATH.orElseThrow(() -> new GitException("no git command on the PATH"));
    return new GitCli(git, null, dir);
  }

  /** The same git command bound to a repository's git directory and work tree. */
  GitCli forRepository(Path gitDir, Path workTree) {
    return new GitCli(executable, gitDir, workTree);
  }

  /** Whether a git command is on the PATH. */
  static boolean installed() {
    return ON_PATH.isPresent();
  }

  /**
   * The same git command in another repository's work tree (a submodule or nested clone), found by
   * git itself.
   */
  GitCli nested(Path dir) {
    return new GitCli(executable, null, dir);
  }

  /**
   * An executable {@code git} in one of the PATH's directories, found without starting a process.
   */
  static Optional<Path> findOnPath(String path) {
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, "git");
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  Path workTree() {
    return workTree;
  }

  /** Runs {@code git ARGS} at the work tree's root and returns its standard output. */
  byte[] run(String... args) throws GitException {
    return run(List.of(args));
  }

  byte[] run(List<String> args) throws GitException {
    List<String> command = new ArrayList<>(List.of(executable.toString(), "--no-optional-locks"));
    if (gitDir != null) {
      command.add("--git-dir=" + gitDir);
      command.add("--work-tree=" + workTree);
    }
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).directory(workTree.toFile());
    builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    try {
      Process process = builder.start();
      CompletableFuture<byte[]> stderr =
          CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
      byte[] stdout = process.getInputStream().readAllBytes();
      int exit = process.waitFor();
      if (exit != 0) {
        String message = new String(stderr.join(), StandardCharsets.UTF_8).strip();
        throw new GitException(
            "git "
                + String.join(" ", args.subList(0, Math.min(2, args.size())))
                + " failed in "
                + workTree
                + " (exit "
                + exit
                + "): "
                + firstLine(message));
      }
      return stdout;
    } catch (IOException e) {
      throw new GitException(
          "cannot run " + executable + " in " + workTree + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GitException("interrupted while running git in " + workTree, e);
    }
  }

  /** Splits {@code -z} output into its NUL-terminated records. */
  static List<String> records(byte[] output) {
    List<String> result = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < output.length; i++) {
      if (output[i] == 0) {
        result.add(new String(output, start, i - start, StandardCharsets.UTF_8));
        start = i + 1;
      }
    }
    if (start < output.length) {
      result.add(
          new String(Arrays.copyOfRange(output, start, output.length), StandardCharsets.UTF_8));
    }
    return result;
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  private static byte[] readAll(InputStream in) {
    try (in) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
