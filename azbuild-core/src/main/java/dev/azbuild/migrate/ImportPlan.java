package dev.azbuild.migrate;

import java.util.List;

/**
 * What an import will write, computed completely before anything is written.
 *
 * @param files every file to write, root pom first
 * @param kept pattern files the manifest references that already sit where azbuild reads them, in a
 *     form azbuild reads the same way; left as they are
 * @param modules one per project, in manifest order
 * @param notices things the user should know: ignored fields, pattern files read word by word, ...
 */
public record ImportPlan(
    List<GeneratedFile> files,
    List<String> kept,
    List<ImportedModule> modules,
    List<String> notices) {

  public ImportPlan {
    files = List.copyOf(files);
    kept = List.copyOf(kept);
    modules = List.copyOf(modules);
    notices = List.copyOf(notices);
  }

  /** A file to write, its path relative to the repository root ({@code /}-separated). */
  public record GeneratedFile(String path, String content) {}

  /**
   * A project as a module.
   *
   * @param dir the module directory relative to the repository root
   * @param dockerfile the Dockerfile relative to the repository root
   * @param context the build context relative to the repository root
   * @param patterns the module's own rebuild patterns, as written to its {@code .rebuild_patterns}
   * @param dependencies project names
   */
  public record ImportedModule(
      String project,
      String artifactId,
      String dir,
      String dockerfile,
      String context,
      List<String> patterns,
      List<String> dependencies) {
    public ImportedModule {
      patterns = List.copyOf(patterns);
      dependencies = List.copyOf(dependencies);
    }
  }
}
