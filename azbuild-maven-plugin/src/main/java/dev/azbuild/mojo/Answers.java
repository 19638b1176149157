package dev.azbuild.mojo;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.logging.Log;

/** The seed's true/false answers: printed, and written to {@code azbuild.output} when given. */
final class Answers {

  private Answers() {}

  static void report(boolean answer, File output, Log log) throws MojoExecutionException {
    String text = Boolean.toString(answer);
    log.info(text);
    if (output == null) {
      return;
    }
    try {
      if (output.getParentFile() != null) {
        Files.createDirectories(output.getParentFile().toPath());
      }
      Files.writeString(output.toPath(), text + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new MojoExecutionException("cannot write azbuild.output=" + output + ": " + e.getMessage()
          + "; check the directory is writable", e);
    }
  }
}
