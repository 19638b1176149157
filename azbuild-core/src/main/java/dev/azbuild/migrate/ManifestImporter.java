package dev.azbuild.migrate;

import dev.azbuild.dockerfile.Dockerfile;
import dev.azbuild.image.ImageReference;
import dev.azbuild.migrate.ImportOptions.RelativeTo;
import dev.azbuild.migrate.ImportPlan.GeneratedFile;
import dev.azbuild.migrate.ImportPlan.ImportedModule;
import dev.azbuild.patterns.InvalidRebuildPatternException;
import dev.azbuild.patterns.RebuildPatterns;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Maps the projects of a {@link BuildManifest} to an azbuild reactor, reproducing the manifest's
 * rebuild semantics:
 *
 * <ul>
 *   <li>module directory = {@code projectDir} (default {@code buildDir}), where the bash scripts
 *       also look for {@code terraform/}; a project whose directory is the repository root or is
 *       shared with another project gets {@code <sharedDir>/<project>}, since a Maven module needs
 *       its own directory. {@code azbuild.context} points at {@code buildDir} and {@code
 *       azbuild.dockerfile} at the Dockerfile wherever they are;
 *   <li>image = project name (the artifactId, or {@code azbuild.image} when the name is no valid
 *       artifactId);
 *   <li>{@code dependencies} become {@code <dependency><type>pom</type>} between the modules;
 *   <li>{@code .rebuild_patterns} holds the project's own patterns read the way the scripts read
 *       them (split into shell words; the default {@code ^<projectDir>/} when none are given). The
 *       scripts add the patterns of every transitive dependency; azbuild gets the same decisions by
 *       rebuilding a module whenever an upstream module rebuilds.
 * </ul>
 */
public final class ManifestImporter {

  private static final Pattern ARTIFACT_ID = Pattern.compile("[A-Za-z0-9_.-]+");

  /** The characters bash splits an unquoted expansion on (default IFS). */
  private static final Pattern WORDS = Pattern.compile("[ \t\n]+");

  private final Path root;
  private final BuildManifest manifest;
  private final ImportOptions options;
  private final String m;
  private final List<String> notices = new ArrayList<>();

  private ManifestImporter(Path root, BuildManifest manifest, ImportOptions options) {
    this.root = root;
    this.manifest = manifest;
    this.options = options;
    this.m = manifest.name();
  }

  /**
   * Computes every file of the import; writes nothing.
   *
   * @param root the repository root: the manifest's paths are relative to it
   */
  public static ImportPlan plan(Path root, BuildManifest manifest, ImportOptions options)
      throws ManifestException {
    return new ManifestImporter(root.toAbsolutePath().normalize(), manifest, options).run();
  }

  private ImportPlan run() throws ManifestException {
    notices.addAll(manifest.notices());
    Map<String, ManifestProject> projects = new LinkedHashMap<>();
    manifest.projects().forEach(p -> projects.put(p.name(), p));
    Map<String, List<String>> dependencies = checkDependencies(projects);
    checkCycles(dependencies);
    gitRootNotice();

    Map<String, String> moduleDirs = moduleDirs(projects);
    Map<String, String> artifactIds = artifactIds(projects);
    String groupId =
        options
            .groupId()
            .orElse(sanitize(root.getFileName() == null ? "" : root.getFileName().toString()));
    checkCoordinate("azbuild.import.groupId", groupId);
    String rootArtifactId = rootArtifactId(artifactIds);

    List<GeneratedFile> files = new ArrayList<>();
    List<String> kept = new ArrayList<>();
    List<ImportedModule> modules = new ArrayList<>();
    for (ManifestProject p : projects.values()) {
      String dir = moduleDirs.get(p.name());
      String buildDir = normalizeDir(p, "buildDir", p.buildDir());
      String projectDir = normalizeDir(p, "projectDir", p.effectiveProjectDir());
      String dockerfile =
          resolve(p, "dockerfile", p.dockerfileOrDefault(), projectDir, buildDir, "Dockerfile");
      PatternLines patterns = patterns(p, projectDir, buildDir);
      if (!dir.equals(projectDir)
          && Files.isDirectory(root.resolve(projectDir).resolve("terraform"))) {
        notices.add(
            m
                + ": project '"
                + p.name()
                + "': "
                + projectDir
                + "/terraform is not used: azbuild deploys the"
                + " terraform in "
                + dir
                + "/terraform; move it there");
      }
      checkFromLines(p, dockerfile, projects.keySet(), dependencies);
      ImportedModule module =
          new ImportedModule(
              p.name(),
              artifactIds.get(p.name()),
              dir,
              dockerfile,
              buildDir,
              patterns.lines(),
              dependencies.get(p.name()));
      modules.add(module);
      files.add(
          new GeneratedFile(
              dir + "/pom.xml",
              PomTemplates.module(
                  module,
                  groupId,
                  rootArtifactId,
                  options.version(),
                  relative(dir, "pom.xml"),
                  p.name().equals(module.artifactId()) ? Optional.empty() : Optional.of(p.name()),
                  relative(dir, dockerfile),
                  relative(dir, buildDir),
                  dependencies.get(p.name()).stream().map(artifactIds::get).toList(),
                  m)));
      String patternsPath = dir + "/" + RebuildPatterns.FILE_NAME;
      if (patterns.keep(patternsPath, root)) {
        kept.add(patternsPath);
      } else {
        files.add(
            new GeneratedFile(
                patternsPath,
                PomTemplates.patterns(p.name(), m, patterns.origin(), patterns.lines())));
      }
    }
    files.add(
        0,
        new GeneratedFile(
            "pom.xml",
            PomTemplates.root(
                groupId,
                rootArtifactId,
                options.version(),
                modules.stream().map(ImportedModule::dir).sorted().toList(),
                options.plugin(),
                m)));
    return new ImportPlan(files, kept, modules, notices);
  }

  // ---- dependencies ----

  private Map<String, List<String>> checkDependencies(Map<String, ManifestProject> projects)
      throws ManifestException {
    Map<String, List<String>> result = new LinkedHashMap<>();
    for (ManifestProject p : projects.values()) {
      if (!ImageReference.isRepository(p.name())) {
        throw new ManifestException(
            m
                + ": project '"
                + p.name()
                + "': not a valid image name (lowercase letters,"
                + " digits, '.', '_', '-' and '/' between components); rename the project");
      }
      Set<String> deps = new LinkedHashSet<>();
      for (String dep : p.dependencies()) {
        if (dep.equals(p.name())) {
          notices.add(
              m
                  + ": project '"
                  + p.name()
                  + "': dependency on itself ignored, as the manifest's scripts"
                  + " ignore it");
        } else if (!projects.containsKey(dep)) {
          throw new ManifestException(
              m
                  + ": project '"
                  + p.name()
                  + "' depends on unknown project '"
                  + dep
                  + "'; add '"
                  + dep
                  + "' to the manifest or remove the dependency");
        } else {
          deps.add(dep);
        }
      }
      result.put(p.name(), List.copyOf(deps));
    }
    return result;
  }

  private void checkCycles(Map<String, List<String>> dependencies) throws ManifestException {
    Map<String, Boolean> done = new HashMap<>();
    for (String name : dependencies.keySet()) {
      visit(name, dependencies, done, new ArrayList<>());
    }
  }

  /**
   * Depth-first; {@code done} maps a project to false while it is on the path, true when finished.
   */
  private void visit(
      String name, Map<String, List<String>> deps, Map<String, Boolean> done, List<String> path)
      throws ManifestException {
    Boolean state = done.get(name);
    if (Boolean.TRUE.equals(state)) {
      return;
    }
    if (Boolean.FALSE.equals(state)) {
      List<String> cycle = new ArrayList<>(path.subList(path.indexOf(name), path.size()));
      cycle.add(name);
      throw new ManifestException(
          m
              + ": project '"
              + name
              + "' is in a dependency cycle "
              + String.join(" -> ", cycle)
              + "; Maven needs an acyclic graph: remove one of these dependencies");
    }
    done.put(name, false);
    path.add(name);
    for (String dep : deps.get(name)) {
      visit(dep, deps, done, path);
    }
    path.remove(path.size() - 1);
    done.put(name, true);
  }

  /**
   * azbuild names an in-repo parent image by its plain name ({@code FROM proto}) and needs a
   * dependency on its module; Aztec's Dockerfiles often named it through the deploy registry. Both
   * would make the plan fail or the build pull the wrong image, so the import says so up front.
   */
  private void checkFromLines(
      ManifestProject p,
      String dockerfile,
      Set<String> names,
      Map<String, List<String>> dependencies)
      throws ManifestException {
    Dockerfile parsed;
    try {
      parsed = Dockerfile.read(root.resolve(dockerfile), Map.of());
    } catch (IOException e) {
      throw new ManifestException(
          m
              + ": project '"
              + p.name()
              + "': cannot read "
              + dockerfile
              + " ("
              + e.getMessage()
              + ")",
          e);
    }
    for (Dockerfile.ImageUse use : parsed.externalImages()) {
      Optional<ImageReference> reference = ImageReference.tryParse(use.image());
      if (reference.isEmpty()) {
        continue; // not an image docker could pull either: the build says so
      }
      String path = reference.get().repository();
      String last = path.substring(path.lastIndexOf('/') + 1);
      String at = dockerfile + ":" + use.line() + ": FROM " + use.image();
      if (names.contains(path) && !reference.get().hasRegistry()) {
        if (!path.equals(p.name()) && !reachable(p.name(), path, dependencies)) {
          notices.add(
              at
                  + " is project '"
                  + path
                  + "', but project '"
                  + p.name()
                  + "' does not depend on it: add it to"
                  + " its dependencies, or azbuild:plan will stop at this line");
        }
      } else if (names.contains(last) && !last.equals(p.name())) {
        notices.add(
            at
                + " names project '"
                + last
                + "' through a registry: azbuild builds it in this reactor and"
                + " names it by its plain name; write FROM "
                + last
                + " to use this build's image");
      }
    }
  }

  private static boolean reachable(String from, String to, Map<String, List<String>> dependencies) {
    Set<String> seen = new LinkedHashSet<>();
    List<String> todo = new ArrayList<>(dependencies.get(from));
    while (!todo.isEmpty()) {
      String next = todo.remove(todo.size() - 1);
      if (next.equals(to)) {
        return true;
      }
      if (seen.add(next)) {
        todo.addAll(dependencies.get(next));
      }
    }
    return false;
  }

  // ---- directories and names ----

  private Map<String, String> moduleDirs(Map<String, ManifestProject> projects)
      throws ManifestException {
    Map<String, List<String>> byDir = new LinkedHashMap<>();
    for (ManifestProject p : projects.values()) {
      byDir
          .computeIfAbsent(
              normalizeDir(p, "projectDir", p.effectiveProjectDir()), d -> new ArrayList<>())
          .add(p.name());
    }
    String shared =
        normalize(options.sharedDir())
            .filter(s -> !s.isEmpty())
            .orElseThrow(
                () ->
                    new ManifestException(
                        "azbuild.import.sharedDir="
                            + options.sharedDir()
                            + " is not a directory inside the repository; give a relative path such as "
                            + ImportOptions.DEFAULT_SHARED_DIR));
    Map<String, String> result = new LinkedHashMap<>();
    Map<String, String> owners = new HashMap<>();
    for (ManifestProject p : projects.values()) {
      String projectDir = normalizeDir(p, "projectDir", p.effectiveProjectDir());
      List<String> sharing = byDir.get(projectDir);
      String dir = projectDir;
      if (projectDir.isEmpty() || sharing.size() > 1) {
        dir = shared + "/" + p.name();
        notices.add(
            m
                + ": project '"
                + p.name()
                + "': its directory '"
                + (projectDir.isEmpty() ? "." : projectDir)
                + (projectDir.isEmpty()
                    ? "' is the repository root"
                    : "' is shared with "
                        + String.join(
                            ", ",
                            sharing.stream()
                                .filter(n -> !n.equals(p.name()))
                                .map(n -> "'" + n + "'")
                                .toList()))
                + "; its module is "
                + dir);
      }
      String other = owners.putIfAbsent(dir, p.name());
      if (other != null) {
        throw new ManifestException(
            m
                + ": projects '"
                + other
                + "' and '"
                + p.name()
                + "' would both be the module in "
                + dir
                + "; give one a different projectDir or set -Dazbuild.import.sharedDir");
      }
      result.put(p.name(), dir);
    }
    return result;
  }

  private Map<String, String> artifactIds(Map<String, ManifestProject> projects)
      throws ManifestException {
    Map<String, String> result = new LinkedHashMap<>();
    Map<String, String> owners = new HashMap<>();
    for (ManifestProject p : projects.values()) {
      String artifactId = ARTIFACT_ID.matcher(p.name()).matches() ? p.name() : sanitize(p.name());
      String other = owners.putIfAbsent(artifactId, p.name());
      if (other != null) {
        throw new ManifestException(
            m
                + ": projects '"
                + other
                + "' and '"
                + p.name()
                + "' would both be artifactId '"
                + artifactId
                + "'; rename one");
      }
      result.put(p.name(), artifactId);
    }
    return result;
  }

  private String rootArtifactId(Map<String, String> artifactIds) throws ManifestException {
    if (options.rootArtifactId().isPresent()) {
      String given = options.rootArtifactId().get();
      checkCoordinate("azbuild.import.artifactId", given);
      if (artifactIds.containsValue(given)) {
        throw new ManifestException(
            "azbuild.import.artifactId="
                + given
                + " is also the artifactId of a project's"
                + " module; choose another");
      }
      return given;
    }
    String name = sanitize(root.getFileName() == null ? "" : root.getFileName().toString());
    return artifactIds.containsValue(name) ? name + "-root" : name;
  }

  private static void checkCoordinate(String property, String value) throws ManifestException {
    if (!ARTIFACT_ID.matcher(value).matches()) {
      throw new ManifestException(
          property + "=" + value + " may hold only letters, digits, '.', '_' and '-'");
    }
  }

  /** A Maven id made of a name: other characters become '-'. */
  private static String sanitize(String name) {
    String id = name.replaceAll("[^A-Za-z0-9_.-]+", "-").replaceAll("^-+|-+$", "");
    return id.isEmpty() ? "monorepo" : id;
  }

  private void gitRootNotice() {
    for (Path dir = root; dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve(".git"))) {
        if (!dir.equals(root)) {
          notices.add(
              m
                  + ": the git repository's root is "
                  + dir
                  + ", not "
                  + root
                  + ": azbuild matches rebuild"
                  + " patterns against paths from the git root, so patterns such as ^"
                  + root.getFileName()
                  + "/... are needed; keep the manifest at the git root");
        }
        return;
      }
    }
    notices.add(
        root
            + " is not in a git repository: azbuild plans from git history; run git init and commit");
  }

  // ---- paths ----

  /** A manifest directory relative to the root, normalised ("" for the root itself). */
  private String normalizeDir(ManifestProject p, String field, String raw)
      throws ManifestException {
    checkRelative(p, field, raw);
    return normalize(raw).orElseThrow(() -> outside(p, field, raw));
  }

  private void checkRelative(ManifestProject p, String field, String raw) throws ManifestException {
    if (raw.startsWith("/") || raw.startsWith("\\") || raw.matches("^[A-Za-z]:[\\\\/].*")) {
      throw new ManifestException(
          m
              + ": project '"
              + p.name()
              + "': "
              + field
              + " '"
              + raw
              + "' is an absolute path;"
              + " give it relative to the repository root");
    }
  }

  private ManifestException outside(ManifestProject p, String field, String raw) {
    return new ManifestException(
        m
            + ": project '"
            + p.name()
            + "': "
            + field
            + " '"
            + raw
            + "' is outside the"
            + " repository ("
            + root
            + "); give a path inside it");
  }

  /** Resolves '.' and '..'; empty when the path leaves the root. */
  static Optional<String> normalize(String path) {
    List<String> parts = new ArrayList<>();
    for (String part : path.split("/+")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (parts.isEmpty()) {
          return Optional.empty();
        }
        parts.remove(parts.size() - 1);
      } else {
        parts.add(part);
      }
    }
    return Optional.of(String.join("/", parts));
  }

  private static String join(String dir, String path) {
    return dir.isEmpty() ? path : dir + "/" + path;
  }

  /** {@code to} relative to the directory {@code fromDir}; both relative to the root. */
  static String relative(String fromDir, String to) {
    String rel = Path.of(fromDir).relativize(Path.of(to)).toString().replace('\\', '/');
    return rel.isEmpty() ? "." : rel;
  }

  /**
   * Resolves a file the manifest names relative to the project (or build) directory, by {@link
   * ImportOptions#relativeTo()}; the result is relative to the root.
   */
  private String resolve(
      ManifestProject p, String field, String raw, String projectDir, String buildDir, String what)
      throws ManifestException {
    checkRelative(p, field, raw);
    Optional<String> inProject = normalize(join(projectDir, raw));
    Optional<String> inBuild = normalize(join(buildDir, raw));
    List<Optional<String>> candidates =
        switch (options.relativeTo()) {
          case PROJECT_DIR -> List.of(inProject);
          case BUILD_DIR -> List.of(inBuild);
          case AUTO ->
              projectDir.equals(buildDir) ? List.of(inProject) : List.of(inProject, inBuild);
        };
    if (candidates.stream().allMatch(Optional::isEmpty)) {
      throw outside(p, field, raw);
    }
    for (int i = 0; i < candidates.size(); i++) {
      Optional<String> candidate = candidates.get(i);
      if (candidate.isPresent() && Files.isRegularFile(root.resolve(candidate.get()))) {
        if (i > 0) {
          notices.add(
              m
                  + ": project '"
                  + p.name()
                  + "': "
                  + field
                  + " '"
                  + raw
                  + "' read relative to buildDir ("
                  + candidate.get()
                  + "), as build_manifest.json did before projectDir took over;"
                  + " -Dazbuild.import.relativeTo=buildDir|projectDir decides");
        }
        return candidate.get();
      }
    }
    String tried =
        String.join(" or ", candidates.stream().flatMap(Optional::stream).distinct().toList());
    throw new ManifestException(
        m
            + ": project '"
            + p.name()
            + "': "
            + what
            + " "
            + tried
            + " does not exist; fix '"
            + field
            + "' (relative to "
            + (candidates.size() > 1
                ? "projectDir or buildDir"
                : options.relativeTo() == RelativeTo.BUILD_DIR ? "buildDir" : "projectDir")
            + ") or add the file");
  }

  // ---- patterns ----

  /**
   * A project's own patterns, one per line as azbuild reads them.
   *
   * @param origin a sentence for the generated file's header
   * @param file the manifest's pattern file relative to the root (FILE only)
   */
  private record PatternLines(List<String> lines, String origin, String file) {
    /**
     * True if the manifest's pattern file is the module's .rebuild_patterns and azbuild reads it
     * the same way.
     */
    boolean keep(String target, Path root) {
      if (!target.equals(file)) {
        return false;
      }
      try {
        List<String> asAzbuildReads = RebuildPatterns.read(root.resolve(file)).sources();
        return new LinkedHashSet<>(asAzbuildReads).equals(new LinkedHashSet<>(lines));
      } catch (IOException | InvalidRebuildPatternException e) {
        return false;
      }
    }
  }

  private PatternLines patterns(ManifestProject p, String projectDir, String buildDir)
      throws ManifestException {
    String where = m + ": project '" + p.name() + "'";
    Set<String> lines = new LinkedHashSet<>();
    switch (p.patterns().kind()) {
      case LIST -> {
        for (String entry : p.patterns().listed()) {
          List<String> words = words(entry);
          if (words.size() != 1) {
            notices.add(
                where
                    + ": rebuildPatterns entry '"
                    + entry
                    + "' read as "
                    + words.size()
                    + " patterns, as the manifest's scripts split it into shell words");
          }
          for (String word : words) {
            lines.add(
                checked(
                    escapeComment(word, where),
                    () -> where + ": rebuildPatterns entry '" + word + "' is invalid"));
          }
        }
        return new PatternLines(List.copyOf(lines), "its rebuildPatterns list", null);
      }
      case FILE -> {
        String file =
            resolve(
                p, "rebuildPatterns", p.patterns().file(), projectDir, buildDir, "pattern file");
        String content;
        try {
          content = Files.readString(root.resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
          throw new ManifestException(
              where + ": cannot read the pattern file " + file + " (" + e.getMessage() + ")", e);
        }
        String[] fileLines = content.replace("\uFEFF", "").split("\r?\n", -1);
        for (int i = 0; i < fileLines.length; i++) {
          int lineNo = i + 1;
          List<String> words = words(fileLines[i]);
          if (words.size() > 1) {
            notices.add(
                file
                    + ":"
                    + lineNo
                    + ": read as "
                    + words.size()
                    + " patterns, as the manifest's scripts"
                    + " split the file into shell words (project '"
                    + p.name()
                    + "')");
          }
          for (String word : words) {
            lines.add(
                checked(
                    escapeComment(word, file + ":" + lineNo),
                    () ->
                        file
                            + ":"
                            + lineNo
                            + ": pattern '"
                            + word
                            + "' (project '"
                            + p.name()
                            + "' of "
                            + m
                            + ") is invalid"));
          }
        }
        return new PatternLines(
            List.copyOf(lines), "the words of " + file + ", its rebuildPatterns file", file);
      }
      default -> {
        String pattern = "^" + p.effectiveProjectDir() + "/";
        for (String word : words(pattern)) {
          lines.add(
              checked(
                  escapeComment(word, where),
                  () ->
                      where
                          + ": the default rebuild pattern '"
                          + pattern
                          + "' is invalid; give rebuildPatterns"));
        }
        return new PatternLines(
            List.copyOf(lines),
            "no rebuildPatterns, so the manifest's default ^<projectDir>/",
            null);
      }
    }
  }

  /** The shell words of an unquoted expansion: the scripts expand the patterns unquoted. */
  private static List<String> words(String text) {
    return java.util.Arrays.stream(WORDS.split(text)).filter(w -> !w.isEmpty()).toList();
  }

  /** The scripts hand "#..." to grep as a pattern; azbuild would read the line as a comment. */
  private String escapeComment(String word, String where) {
    if (!word.startsWith("#")) {
      return word;
    }
    notices.add(
        where
            + ": '"
            + word
            + "' is a pattern for the manifest's scripts (they do not know comments);"
            + " written as '[#]"
            + word.substring(1)
            + "' to keep that meaning; delete it if it was meant as a comment");
    return "[#]" + word.substring(1);
  }

  private interface Message {
    String get();
  }

  /** The same ERE rules as every .rebuild_patterns file: RebuildPatterns decides. */
  private static String checked(String pattern, Message where) throws ManifestException {
    try {
      RebuildPatterns.parse("pattern", pattern);
      return pattern;
    } catch (InvalidRebuildPatternException e) {
      throw new ManifestException(where.get() + ": " + e.reason() + "; fix or remove it", e);
    }
  }
}
