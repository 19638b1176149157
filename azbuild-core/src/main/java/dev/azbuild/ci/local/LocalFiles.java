package dev.azbuild.ci.local;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Copying and deleting trees for workspaces and artifacts. */
final class LocalFiles {

  private LocalFiles() {}

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /**
   * Copies a file or the contents of a directory to {@code to} (created), overwriting files; links
   * are copied as links.
   */
  static void copy(Path from, Path to) throws IOException {
    if (!Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) {
      Files.createDirectories(to.getParent());
      Files.copy(
          from,
          to,
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.COPY_ATTRIBUTES,
          LinkOption.NOFOLLOW_LINKS);
      return;
    }
    Files.walkFileTree(
        from,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            Files.createDirectories(to.resolve(from.relativize(dir).toString()));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.copy(
                file,
                to.resolve(from.relativize(file).toString()),
                StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.COPY_ATTRIBUTES,
                LinkOption.NOFOLLOW_LINKS);
            return FileVisitResult.CONTINUE;
          }
        });
  }

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
