package dev.azbuild.patterns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code grep -E -f} in {@code C.UTF-8}: the reference the translation must agree
 * with.
 */
final class GnuGrep {

  /**
   * Exit code 0 (some line matched), 1 (none did) or 2 (error); the lines grep printed; its stderr.
   */
  record Result(int exitCode, List<String> matched, String stderr) {}

  /**
   * The exit code reported when grep runs too long: glibc's matcher loops forever on a few
   * patterns, e.g. {@code (\'|\<)+*$} on "ab".
   */
  static final int TIMED_OUT = -1;

  private static final long TIMEOUT_SECONDS = 10;

  private static Boolean available;

  private GnuGrep() {}

  /** True if {@code grep} on the PATH is GNU grep. */
  static synchronized boolean available() {
    if (available == null) {
      try {
        Process process = new ProcessBuilder("grep", "--version").redirectErrorStream(true).start();
        String version =
            new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        available = process.waitFor() == 0 && version.contains("GNU grep");
      } catch (IOException e) {
        available = false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        available = false;
      }
    }
    return available;
  }

  /** {@code grep -E -e ere} on one line of input. */
  static Result run(String ere, String line) {
    return run(List.of(ere), List.of(line));
  }

  /** {@code grep -E -f <patterns>}, fed {@code lines} on stdin, one per line. */
  static Result run(List<String> patterns, List<String> lines) {
    try {
      Path in = Files.createTempFile("grep", ".in");
      try {
        return run(patterns, Files.writeString(in, lines(lines)));
      } finally {
        Files.delete(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code grep -E -f <patterns>}, fed the file {@code in} on stdin. */
  static Result run(List<String> patterns, Path in) {
    try {
      Path dir = Files.createTempDirectory("grep");
      try {
        Path patternFile = Files.writeString(dir.resolve("patterns"), lines(patterns));
        Path out = dir.resolve("out");
        Path err = dir.resolve("err");
        ProcessBuilder builder =
            new ProcessBuilder("grep", "-E", "-f", patternFile.toString())
                .redirectInput(in.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().put("LC_ALL", "C.UTF-8");
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor();
          return new Result(
              TIMED_OUT, List.of(), "grep did not finish in " + TIMEOUT_SECONDS + " s");
        }
        int exitCode = process.exitValue();
        List<String> matched = exitCode == 0 ? readLines(out) : List.of();
        return new Result(exitCode, matched, Files.readString(err).strip());
      } finally {
        try (var files = Files.list(dir)) {
          for (Path file : files.toList()) {
            Files.delete(file);
          }
        }
        Files.delete(dir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The text of a file with these lines. */
  static String lines(List<String> lines) {
    return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
  }

  private static List<String> readLines(Path file) throws IOException {
    String text = Files.readString(file);
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    lines.remove(lines.size() - 1); // after the last newline
    return lines;
  }
}
