package dev.azbuild.migrate;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One project of a build manifest, with its values exactly as written (paths relative to the
 * repository root, not normalised), because the manifest's scripts use the raw strings, e.g. in the
 * default pattern {@code ^<projectDir>/}.
 *
 * @param name the project's key, also its image (ECR repository) name
 * @param buildDir the docker build context
 * @param projectDir where the project lives (terraform, pattern file); empty means {@code buildDir}
 * @param dockerfile the Dockerfile relative to the project (or build) directory; empty means {@code
 *     Dockerfile}
 * @param patterns its {@code rebuildPatterns}
 * @param dependencies names of the projects it depends on, as listed (empty names dropped)
 */
public record ManifestProject(
    String name,
    String buildDir,
    Optional<String> projectDir,
    Optional<String> dockerfile,
    Patterns patterns,
    List<String> dependencies) {

  public ManifestProject {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(buildDir, "buildDir");
    dependencies = List.copyOf(dependencies);
  }

  /** {@code projectDir}, else {@code buildDir}, as the manifest's scripts fall back. */
  public String effectiveProjectDir() {
    return projectDir.orElse(buildDir);
  }

  public String dockerfileOrDefault() {
    return dockerfile.orElse("Dockerfile");
  }

  /** How {@code rebuildPatterns} was given. */
  public enum PatternKind {
    /** an array of regular expressions */
    LIST,
    /** a string: the path of a pattern file */
    FILE,
    /** absent or null: the manifest's default {@code ^<projectDir>/} */
    DEFAULT
  }

  /**
   * @param listed the array's elements (LIST only)
   * @param file the pattern file's path as written (FILE only)
   */
  public record Patterns(PatternKind kind, List<String> listed, String file) {
    public Patterns {
      listed = List.copyOf(listed);
    }

    static Patterns list(List<String> patterns) {
      return new Patterns(PatternKind.LIST, patterns, null);
    }

    static Patterns file(String file) {
      return new Patterns(PatternKind.FILE, List.of(), file);
    }

    static Patterns defaults() {
      return new Patterns(PatternKind.DEFAULT, List.of(), null);
    }
  }
}
