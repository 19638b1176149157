package dev.azbuild.ci.local;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Finding the files of workspaces and artifacts (io.FileTrees copies and deletes them). */
final class LocalFiles {

  private LocalFiles() {}

  /**
   * The files a path or glob below {@code base} names: the file, every file of a directory, or
   * every file whose path relative to {@code base} matches the glob.
   */
  static List<Path> match(Path base, String pattern) throws IOException {
    List<Path> files = new ArrayList<>();
    if (!pattern.contains("*") && !pattern.contains("?") && !pattern.contains("[")) {
      Path p = base.resolve(pattern).normalize();
      if (Files.isDirectory(p)) {
        try (Stream<Path> walk = Files.walk(p)) {
          walk.filter(Files::isRegularFile).sorted().forEach(files::add);
        }
      } else if (Files.isRegularFile(p)) {
        files.add(p);
      }
      return files;
    }
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
    if (!Files.isDirectory(base)) {
      return files;
    }
    try (Stream<Path> walk = Files.walk(base)) {
      walk.filter(Files::isRegularFile)
          .filter(f -> matcher.matches(base.relativize(f)))
          .sorted()
          .forEach(files::add);
    }
    return files;
  }

  /** The deepest directory holding all of {@code files}. */
  static Path commonDirectory(List<Path> files) {
    Path common = files.get(0).getParent();
    for (Path f : files) {
      while (!f.startsWith(common)) {
        common = common.getParent();
      }
    }
    return common;
  }
}
