package dev.azbuild.env;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * One file to write variables to, and its format.
 *
 * @param file where to write
 * @param format how to write
 */
public record EnvTarget(Path file, EnvFormat format) {

  public EnvTarget {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(format, "format");
  }

  /**
   * Writes {@code vars} to {@link #file()} in {@link #format()} via {@link EnvFiles}.
   *
   * @throws IllegalArgumentException if a name or value is invalid (nothing is written)
   */
  public void write(Map<String, String> vars) throws IOException {
    // A switch expression, so a new EnvFormat without a writer fails to compile.
    Writer writer =
        switch (format) {
          case SHELL -> EnvFiles::writeShell;
          case PROPERTIES -> EnvFiles::writeProperties;
          case BASH_ENV -> EnvFiles::appendBashEnv;
          case GITHUB_ENV -> EnvFiles::appendGithubEnv;
        };
    writer.write(file, vars);
  }

  @FunctionalInterface
  private interface Writer {
    void write(Path file, Map<String, String> vars) throws IOException;
  }

  /** E.g. {@code "shell file /repo/target/azbuild/env.sh"}, for log messages. */
  public String describe() {
    return format.displayName() + " file " + file;
  }
}
