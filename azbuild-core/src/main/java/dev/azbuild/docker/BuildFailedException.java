package dev.azbuild.docker;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A build did not produce an image: a step failed, or the Dockerfile or target is wrong. The
 * message is one line: the Dockerfile, the failing step, the exit code and the step's last output.
 */
public class BuildFailedException extends DockerOperationException {

  private final Path dockerfile;
  private final Optional<String> step;
  private final OptionalInt exitCode;

  public BuildFailedException(
      String message, Path dockerfile, Optional<String> step, OptionalInt exitCode) {
    super(message);
    this.dockerfile = dockerfile;
    this.step = step;
    this.exitCode = exitCode;
  }

  public Path dockerfile() {
    return dockerfile;
  }

  /** The failing step as printed ({@code Step 3/7 : RUN make}), if the build got that far. */
  public Optional<String> step() {
    return step;
  }

  /** The exit code of a failed {@code RUN}, if that is what failed. */
  public OptionalInt exitCode() {
    return exitCode;
  }
}
