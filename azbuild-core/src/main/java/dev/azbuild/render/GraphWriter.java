package dev.azbuild.render;

import dev.azbuild.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Renders the chosen formats into one directory, each file replaced atomically. */
public final class GraphWriter {

  private GraphWriter() {}

  /**
   * @param parameter the property naming the directory, for the error message
   * @return the files written, in format order
   * @throws GraphOutputException when the directory cannot be created or written
   */
  public static List<Path> write(
      GraphModel model, Set<GraphFormat> formats, Path dir, String parameter)
      throws GraphOutputException {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw notWritable(dir, parameter, e);
    }
    if (!Files.isWritable(dir)) {
      throw new GraphOutputException(
          parameter
              + ": output directory "
              + dir
              + " is not writable; make it writable or"
              + " choose another with -D"
              + parameter
              + "=DIR");
    }
    List<Path> written = new ArrayList<>();
    for (GraphFormat format : formats) {
      Path file = dir.resolve(format.fileName());
      try {
        AtomicFiles.writeString(file, format.renderer().render(model));
      } catch (IOException e) {
        throw notWritable(dir, parameter, e);
      }
      written.add(file);
    }
    return written;
  }

  private static GraphOutputException notWritable(Path dir, String parameter, IOException e) {
    return new GraphOutputException(
        parameter
            + ": output directory "
            + dir
            + " is not writable ("
            + why(dir, e)
            + "); make it writable or choose another with -D"
            + parameter
            + "=DIR",
        e);
  }

  /**
   * The usual cause said plainly: a file where a directory should be; else the exception's own
   * words.
   */
  private static String why(Path dir, IOException e) {
    for (Path p = dir.toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p)) {
        return p + " is a file";
      }
    }
    String type = e.getClass().getSimpleName().replace("Exception", "");
    return e.getMessage() == null
        ? type
        : type + ": " + e.getMessage().lines().findFirst().orElse("");
  }
}
