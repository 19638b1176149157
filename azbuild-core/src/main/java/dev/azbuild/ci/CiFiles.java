package dev.azbuild.ci;

import dev.azbuild.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Writes the generated files below the reactor root, or compares them with the committed ones. */
public final class CiFiles {

  private CiFiles() {}

  /** Renders the file of each target. */
  public static Map<CiTarget, String> render(
      CiGraph graph, CiOptions options, Iterable<CiTarget> targets) {
    return render(CiLayout.of(graph, options.groupAbove()), options, targets);
  }

  /** Renders the file of each target from a layout. */
  public static Map<CiTarget, String> render(
      CiLayout layout, CiOptions options, Iterable<CiTarget> targets) {
    Map<CiTarget, String> files = new java.util.EnumMap<>(CiTarget.class);
    for (CiTarget t : targets) {
      files.put(
          t,
          switch (t) {
            case CIRCLECI -> CircleCiConfig.render(layout, options);
            case GITHUB -> GithubWorkflow.render(layout, options);
          });
    }
    return files;
  }

  /**
   * One line per file the vendor would refuse for its size (GitHub: the file; CircleCI: the
   * compiled config, with every command expanded into its jobs); empty when all fit.
   *
   * @param fix what to do about it, appended to each line
   */
  public static List<String> oversized(Map<CiTarget, String> files, String fix) {
    List<String> problems = new ArrayList<>();
    files.forEach(
        (target, text) -> {
          long size = target.measuredSize(text);
          if (size > target.maxBytes()) {
            problems.add(
                target.path()
                    + " would be "
                    + String.format("%,d", size)
                    + " bytes"
                    + target.measuredWhat()
                    + ", over "
                    + target.limitText()
                    + "; "
                    + fix);
          }
        });
    return problems;
  }

  /**
   * Writes each file (atomically); returns the paths written.
   *
   * @throws CiConfigException naming the file that cannot be written
   */
  public static List<Path> write(Path root, Map<CiTarget, String> files) throws CiConfigException {
    List<Path> written = new ArrayList<>();
    for (Map.Entry<CiTarget, String> e : files.entrySet()) {
      Path file = root.resolve(e.getKey().path());
      try {
        AtomicFiles.writeString(file, e.getValue());
      } catch (IOException | RuntimeException ex) {
        throw new CiConfigException(
            "cannot write "
                + file
                + " ("
                + describe(ex)
                + "); check that "
                + file.getParent()
                + " is a writable directory",
            ex);
      }
      written.add(file);
    }
    return written;
  }

  /**
   * What is wrong with the committed files: one line per missing or differing file, each naming the
   * file, the first differing line and the command that regenerates it; empty when all match.
   */
  public static List<String> check(Path root, Map<CiTarget, String> files, String regenerate)
      throws CiConfigException {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<CiTarget, String> e : files.entrySet()) {
      String path = e.getKey().path();
      Path file = root.resolve(path);
      if (!Files.isRegularFile(file)) {
        problems.add(path + " is missing; generate it with `" + regenerate + "` and commit it");
        continue;
      }
      String committed;
      try {
        committed = Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
      } catch (IOException ex) {
        throw new CiConfigException("cannot read " + file + " (" + describe(ex) + ")", ex);
      }
      firstDifference(e.getValue(), committed)
          .ifPresent(
              diff ->
                  problems.add(
                      path
                          + " is out of date ("
                          + diff
                          + "); regenerate it with `"
                          + regenerate
                          + "` and commit it"));
    }
    return problems;
  }

  /** "line N: expected `...`, found `...`" for the first line that differs, if any. */
  static Optional<String> firstDifference(String expected, String actual) {
    if (expected.equals(actual)) {
      return Optional.empty();
    }
    List<String> want = expected.lines().toList();
    List<String> have = actual.lines().toList();
    int n = 0;
    while (n < want.size() && n < have.size() && want.get(n).equals(have.get(n))) {
      n++;
    }
    String wanted = n < want.size() ? "`" + clip(want.get(n)) + "`" : "end of file";
    String found = n < have.size() ? "`" + clip(have.get(n)) + "`" : "end of file";
    if (n == want.size() && n == have.size()) {
      return Optional.of("line endings or the final newline differ");
    }
    return Optional.of("line " + (n + 1) + ": expected " + wanted + ", found " + found);
  }

  private static String clip(String line) {
    String s = line.strip();
    return s.length() > 80 ? s.substring(0, 80) + "..." : s;
  }

  private static String describe(Exception e) {
    String type = e.getClass().getSimpleName();
    return e.getMessage() == null ? type : type + ": " + e.getMessage();
  }
}
