package dev.azbuild.migrate;

import dev.azbuild.io.AtomicFiles;
import dev.azbuild.migrate.ImportPlan.GeneratedFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes an {@link ImportPlan}: checks every target first (an existing file with other content is a
 * conflict unless {@code force}), then replaces each file atomically. When a write fails, the files
 * already written get their previous content back, so the tree is never left half imported.
 */
public final class ImportWriter {

  /** What happened to one file. */
  public enum Action {
    WROTE,
    OVERWROTE,
    UNCHANGED
  }

  public record Written(String path, Action action) {}

  private ImportWriter() {}

  public static List<Written> write(Path root, ImportPlan plan, boolean force)
      throws ManifestException {
    Map<GeneratedFile, Optional<byte[]>> previous = new LinkedHashMap<>();
    List<String> conflicts = new ArrayList<>();
    for (GeneratedFile file : plan.files()) {
      Path target = root.resolve(file.path());
      Optional<byte[]> old = read(target, file.path());
      previous.put(file, old);
      for (Path dir = target.getParent(); dir != null && !dir.equals(root); dir = dir.getParent()) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
          throw new ManifestException(
              root.relativize(dir)
                  + " is a file, but "
                  + file.path()
                  + " must go inside it; move it away and rerun");
        }
      }
      if (old.isPresent() && !Arrays.equals(old.get(), bytes(file)) && !force) {
        conflicts.add(file.path());
      }
    }
    if (!conflicts.isEmpty()) {
      throw new ManifestException(
          conflicts.size()
              + " file"
              + (conflicts.size() == 1 ? "" : "s")
              + " would be overwritten ("
              + String.join(", ", conflicts.subList(0, Math.min(5, conflicts.size())))
              + (conflicts.size() > 5 ? ", ..." : "")
              + "); nothing was written: rerun with -Dazbuild.force to overwrite");
    }
    List<Written> written = new ArrayList<>();
    List<GeneratedFile> done = new ArrayList<>();
    for (Map.Entry<GeneratedFile, Optional<byte[]>> e : previous.entrySet()) {
      GeneratedFile file = e.getKey();
      if (e.getValue().isPresent() && Arrays.equals(e.getValue().get(), bytes(file))) {
        written.add(new Written(file.path(), Action.UNCHANGED));
        continue;
      }
      try {
        AtomicFiles.write(root.resolve(file.path()), bytes(file));
      } catch (IOException ex) {
        rollBack(root, done, previous);
        throw new ManifestException(
            "cannot write "
                + file.path()
                + " ("
                + ex.getMessage()
                + "); the files written"
                + " before it were restored: check that the directory is writable",
            ex);
      }
      done.add(file);
      written.add(
          new Written(file.path(), e.getValue().isPresent() ? Action.OVERWROTE : Action.WROTE));
    }
    return written;
  }

  private static void rollBack(
      Path root, List<GeneratedFile> done, Map<GeneratedFile, Optional<byte[]>> previous) {
    for (GeneratedFile file : done) {
      Path target = root.resolve(file.path());
      try {
        Optional<byte[]> old = previous.get(file);
        if (old.isPresent()) {
          AtomicFiles.write(target, old.get());
        } else {
          Files.deleteIfExists(target);
        }
      } catch (IOException ignored) {
        // best effort: the error names the file that failed; the user reruns after fixing it
      }
    }
  }

  private static Optional<byte[]> read(Path target, String path) throws ManifestException {
    if (Files.isDirectory(target)) {
      throw new ManifestException(path + " is a directory; move it away and rerun");
    }
    if (!Files.exists(target)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readAllBytes(target));
    } catch (IOException e) {
      throw new ManifestException(
          "cannot read " + path + " (" + e.getMessage() + "); check its permissions", e);
    }
  }

  private static byte[] bytes(GeneratedFile file) {
    return file.content().getBytes(StandardCharsets.UTF_8);
  }
}
