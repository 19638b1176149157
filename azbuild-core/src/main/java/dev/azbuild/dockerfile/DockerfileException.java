package dev.azbuild.dockerfile;

import dev.azbuild.io.AzbuildException;
import java.nio.file.Path;

/**
 * A Dockerfile azbuild cannot read the way it needs to; the message is one line naming the file and
 * line.
 */
public class DockerfileException extends AzbuildException {

  private final Path file;

  public DockerfileException(String message, Path file) {
    super(message);
    this.file = file;
  }

  public Path file() {
    return file;
  }
}
