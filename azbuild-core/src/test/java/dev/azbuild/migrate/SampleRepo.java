package dev.azbuild.migrate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** The sample under examples/build-manifest, copied to a test directory, and small file helpers. */
final class SampleRepo {

  static final Path EXAMPLE = Path.of("../examples/build-manifest");

  static final ImportOptions OPTIONS =
      new ImportOptions(
          Optional.of("org.example"),
          Optional.empty(),
          ImportOptions.DEFAULT_VERSION,
          new ImportOptions.PluginCoordinates("dev.azbuild", "azbuild-maven-plugin", "9.9"),
          ImportOptions.DEFAULT_SHARED_DIR,
          ImportOptions.RelativeTo.AUTO);

  private SampleRepo() {}

  static Path copyExample(Path target) {
    try (Stream<Path> files = Files.walk(EXAMPLE)) {
      for (Path f : files.toList()) {
        Path dest = target.resolve(EXAMPLE.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(f, dest);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return target;
  }

  static void write(Path root, String path, String content) {
    try {
      Files.createDirectories(root.resolve(path).getParent());
      Files.writeString(root.resolve(path), content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String read(Path root, String path) {
    try {
      return Files.readString(root.resolve(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses and maps a manifest written at {@code root/build_manifest.json}. */
  static ImportPlan plan(Path root, String manifestJson) throws ManifestException {
    write(root, "build_manifest.json", manifestJson);
    return plan(root);
  }

  static ImportPlan plan(Path root) throws ManifestException {
    return ManifestImporter.plan(
        root,
        BuildManifest.read(root.resolve("build_manifest.json"), "build_manifest.json"),
        OPTIONS);
  }
}
