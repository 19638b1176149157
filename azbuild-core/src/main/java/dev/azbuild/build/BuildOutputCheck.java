package dev.azbuild.build;

import dev.azbuild.dockerfile.ContextCopies;
import dev.azbuild.graph.ImageModule;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * Before an image is built: every file its Dockerfile copies from the module's Maven build output
 * ({@code target/}, e.g. {@code COPY target/*.jar}) must be there. Without this, a build before
 * {@code mvn package} fails deep in docker with "no source files were specified"; this says what to
 * run instead, before anything is built or pushed.
 */
public final class BuildOutputCheck {

  /** Maven's default build directory, relative to the module. */
  static final String BUILD_DIRECTORY = "target";

  private BuildOutputCheck() {}

  /**
   * @param workTree the git work tree the module's paths are relative to
   * @throws BuildFailure naming the first source under {@code target/} that matches no file
   */
  public static void check(ImageModule module, Path workTree) throws BuildFailure {
    Path dockerfile = workTree.resolve(module.dockerfile());
    Path context = workTree.resolve(module.contextDir()).normalize();
    Path output = module.basedir().resolve(BUILD_DIRECTORY).toAbsolutePath().normalize();
    List<ContextCopies.Source> sources;
    try {
      sources = ContextCopies.read(dockerfile, module.buildArgs());
    } catch (IOException e) {
      return; // the build itself says what is wrong with the Dockerfile
    }
    for (ContextCopies.Source source : sources) {
      Path resolved = context.toAbsolutePath().resolve(strip(source.path())).normalize();
      if (!resolved.startsWith(output) || matchesAny(context.toAbsolutePath(), source.path())) {
        continue;
      }
      throw new BuildFailure(
          module.label()
              + ": "
              + module.dockerfile()
              + ":"
              + source.line()
              + ": "
              + source.instruction()
              + " "
              + source.path()
              + " matches no file in "
              + relative(workTree, output)
              + " (the module's Maven build output); run `mvn package` before azbuild:build"
              + " (`mvn package azbuild:build`), or bind the build goal in the pom so it runs at"
              + " package, after the jar",
          null);
    }
  }

  /** Whether a COPY source (a path or a glob, relative to the context) matches a file or dir. */
  static boolean matchesAny(Path context, String source) {
    List<Path> current = List.of(context);
    for (String segment : strip(source).split("/")) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      List<Path> next = new ArrayList<>();
      for (Path dir : current) {
        if (segment.equals("..")) {
          next.add(dir.getParent() == null ? dir : dir.getParent());
        } else if (!isGlob(segment)) {
          Path child = dir.resolve(segment);
          if (Files.exists(child)) {
            next.add(child);
          }
        } else if (Files.isDirectory(dir)) {
          PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + segment);
          try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
            for (Path child : children) {
              if (matcher.matches(child.getFileName())) {
                next.add(child);
              }
            }
          } catch (IOException e) {
            return true; // unreadable: leave it to docker
          }
        }
      }
      if (next.isEmpty()) {
        return false;
      }
      current = next;
    }
    return current.stream().anyMatch(Files::exists);
  }

  private static boolean isGlob(String segment) {
    return segment.indexOf('*') >= 0 || segment.indexOf('?') >= 0 || segment.indexOf('[') >= 0;
  }

  private static String strip(String source) {
    String s = source;
    while (s.startsWith("/")) {
      s = s.substring(1); // docker reads a leading / as the context's root
    }
    return s.isEmpty() ? "." : s;
  }

  private static String relative(Path workTree, Path path) {
    Path root = workTree.toAbsolutePath().normalize();
    return path.startsWith(root) ? root.relativize(path).toString() : path.toString();
  }
}
