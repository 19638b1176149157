package dev.azbuild.migrate;

import java.util.Objects;
import java.util.Optional;

/**
 * Settings of an import.
 *
 * @param groupId of the root and every module; empty: the repository directory's name
 * @param rootArtifactId of the root aggregator; empty: the repository directory's name
 * @param version of the root and every module
 * @param plugin the azbuild plugin the root pom declares
 * @param sharedDir where modules go whose project directory is the repository root or is shared by
 *     several projects (a Maven module needs a directory of its own): {@code <sharedDir>/<project>}
 * @param relativeTo what a project's {@code dockerfile} and pattern file are relative to
 */
public record ImportOptions(
    Optional<String> groupId,
    Optional<String> rootArtifactId,
    String version,
    PluginCoordinates plugin,
    String sharedDir,
    RelativeTo relativeTo) {

  public static final String DEFAULT_VERSION = "1.0.0-SNAPSHOT";
  public static final String DEFAULT_SHARED_DIR = "azbuild-modules";

  public ImportOptions {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(plugin, "plugin");
    Objects.requireNonNull(sharedDir, "sharedDir");
    Objects.requireNonNull(relativeTo, "relativeTo");
  }

  /** The plugin declared in the root pom. */
  public record PluginCoordinates(String groupId, String artifactId, String version) {}

  /**
   * Aztec's scripts first resolved {@code dockerfile} and a pattern file against {@code buildDir}
   * (build_manifest.json until September 2023, e.g. aztec-connect), later against {@code
   * projectDir}. {@link #AUTO} takes the one that exists, {@code projectDir} when both do.
   */
  public enum RelativeTo {
    AUTO,
    PROJECT_DIR,
    BUILD_DIR;

    /** {@code auto}, {@code projectDir} or {@code buildDir}. */
    public static RelativeTo parse(String value) {
      return switch (value == null ? "auto" : value.trim()) {
        case "", "auto" -> AUTO;
        case "projectDir" -> PROJECT_DIR;
        case "buildDir" -> BUILD_DIR;
        default ->
            throw new IllegalArgumentException(
                "azbuild.import.relativeTo=" + value + " is not one of auto, projectDir, buildDir");
      };
    }
  }
}
