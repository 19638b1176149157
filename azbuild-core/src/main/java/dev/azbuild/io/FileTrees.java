package dev.azbuild.io;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Deleting and copying whole trees; links are never followed, only removed or copied as links. */
public final class FileTrees {

  private FileTrees() {}

  /** Deletes a file or a directory with everything below it; nothing when it does not exist. */
  public static void delete(Path path) throws IOException {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    List<Path> all;
    try (Stream<Path> walk = Files.walk(path)) {
      all = walk.sorted(Comparator.reverseOrder()).toList(); // children before their directory
    }
    for (Path p : all) {
      Files.deleteIfExists(p);
    }
  }

  /**
   * {@link #delete} for clean-up that must not fail the work it follows (a temporary file or
   * directory); returns false when something could not be deleted.
   */
  public static boolean deleteQuietly(Path path) {
    try {
      delete(path);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Copies a file, or the contents of a directory, to {@code to} (created), overwriting files and
   * keeping their attributes.
   */
  public static void copy(Path from, Path to) throws IOException {
    if (!Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) {
      Files.createDirectories(to.toAbsolutePath().getParent());
      copyFile(from, to);
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
            copyFile(file, to.resolve(from.relativize(file).toString()));
            return FileVisitResult.CONTINUE;
          }
        });
  }

  private static void copyFile(Path from, Path to) throws IOException {
    Files.copy(
        from,
        to,
        StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.COPY_ATTRIBUTES,
        LinkOption.NOFOLLOW_LINKS);
  }
}
