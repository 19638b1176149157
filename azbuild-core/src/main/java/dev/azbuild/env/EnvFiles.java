package dev.azbuild.env;

import dev.azbuild.io.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Writes environment variables in the formats later CI steps read.
 *
 * <p>Every method validates all names and values before touching the file, so invalid input never
 * leaves a half-written file. Names must match {@code [A-Z_][A-Z0-9_]*}; values must not contain
 * NUL (no environment can hold it) or unpaired UTF-16 surrogates (not encodable as UTF-8). Error
 * messages name the variable but never echo its value, which may be a secret. Variables are written
 * in the map's iteration order; pass a {@link java.util.LinkedHashMap} for a deterministic file.
 */
public final class EnvFiles {

  private static final Pattern NAME = Pattern.compile("[A-Z_][A-Z0-9_]*");

  private EnvFiles() {}

  /**
   * Replaces {@code file} with {@code export NAME='value'} lines, for {@code source} in sh/bash.
   * Parent directories are created; the file is written to a temporary sibling and moved into
   * place, so readers never see a partial file.
   */
  public static void writeShell(Path file, Map<String, String> vars) throws IOException {
    validate(vars);
    AtomicFiles.write(file, shellExports(vars).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Replaces {@code file} with a {@link java.util.Properties} file: keys in the map's order, no
   * timestamp comment, non-ASCII written as {@code \\uXXXX} so both {@code Properties.load}
   * overloads (ISO-8859-1 stream or any reader) give back the same values. Written atomically like
   * {@link #writeShell}.
   */
  public static void writeProperties(Path file, Map<String, String> vars) throws IOException {
    validate(vars);
    AtomicFiles.write(file, PropertiesFormat.format(vars).getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * Appends {@code export NAME='value'} lines to CircleCI's {@code $BASH_ENV}, which every later
   * step of the job sources. Creates the file (and parents) if missing.
   */
  public static void appendBashEnv(Path bashEnv, Map<String, String> vars) throws IOException {
    validate(vars);
    append(bashEnv, shellExports(vars));
  }

  /**
   * Appends to GitHub Actions' {@code $GITHUB_ENV}: {@code NAME=value} lines, or for values with a
   * line break the heredoc form {@code NAME<<DELIM\nvalue\nDELIM} with a random delimiter that does
   * not occur in the value. Creates the file (and parents) if missing.
   */
  public static void appendGithubEnv(Path githubEnv, Map<String, String> vars) throws IOException {
    appendGithubEnv(githubEnv, vars, () -> "ghadelimiter_" + UUID.randomUUID());
  }

  /** As {@link #appendGithubEnv(Path, Map)} with a delimiter source, so tests can force clashes. */
  static void appendGithubEnv(Path githubEnv, Map<String, String> vars, Supplier<String> delims)
      throws IOException {
    validate(vars);
    StringBuilder out = new StringBuilder();
    vars.forEach(
        (name, value) -> {
          // The runner splits on \n (and \r\n on Windows); heredoc keeps either intact.
          if (value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            out.append(name).append('=').append(value).append('\n');
          } else {
            String delim = delims.get();
            while (delim.isEmpty() || value.contains(delim)) {
              delim = delims.get();
            }
            out.append(name).append("<<").append(delim).append('\n');
            out.append(value).append('\n').append(delim).append('\n');
          }
        });
    append(githubEnv, out.toString());
  }

  /**
   * Checks every name and value.
   *
   * @throws IllegalArgumentException naming the first offending variable
   */
  static void validate(Map<String, String> vars) {
    Objects.requireNonNull(vars, "vars");
    vars.forEach(
        (name, value) -> {
          if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                "Invalid environment variable name '" + name + "': must match [A-Z_][A-Z0-9_]*");
          }
          if (value == null) {
            throw new IllegalArgumentException("Value of " + name + " is null");
          }
          if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(
                "Value of " + name + " contains a NUL character, which no environment can hold");
          }
          if (hasUnpairedSurrogate(value)) {
            throw new IllegalArgumentException(
                "Value of " + name + " contains an unpaired UTF-16 surrogate (not valid Unicode)");
          }
        });
  }

  private static boolean hasUnpairedSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++; // a valid pair
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  private static String shellExports(Map<String, String> vars) {
    StringBuilder out = new StringBuilder();
    // Inside single quotes the shell interprets nothing ($, `, \, newlines are literal); the
    // only character to handle is ' itself: close the quote, emit \', reopen.
    vars.forEach(
        (name, value) ->
            out.append("export ")
                .append(name)
                .append("='")
                .append(value.replace("'", "'\\''"))
                .append("'\n"));
    return out.toString();
  }

  private static void append(Path file, String text) throws IOException {
    Path target = file.toAbsolutePath();
    Files.createDirectories(target.getParent());
    // Someone else may have left the file without a final newline; our first line must not
    // be glued onto theirs.
    String prefix = endsWithoutNewline(target) ? "\n" : "";
    byte[] bytes = (prefix + text).getBytes(StandardCharsets.UTF_8);
    // One write call: keeps our lines together if another process appends concurrently.
    Files.write(target, bytes, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  private static boolean endsWithoutNewline(Path file) throws IOException {
    if (!Files.isRegularFile(file) || Files.size(file) == 0) {
      return false;
    }
    try (SeekableByteChannel ch = Files.newByteChannel(file)) {
      ch.position(ch.size() - 1);
      ByteBuffer last = ByteBuffer.allocate(1);
      ch.read(last);
      return last.get(0) != '\n';
    }
  }
}
