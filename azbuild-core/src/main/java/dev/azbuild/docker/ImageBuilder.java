package dev.azbuild.docker;

import com.github.dockerjava.api.command.BuildImageCmd;
import dev.azbuild.dockerfile.Dockerfile;
import dev.azbuild.dockerfile.DockerfileCheck;
import dev.azbuild.dockerfile.DockerfileException;
import dev.azbuild.dockerfile.PinnedDockerfile;
import dev.azbuild.image.ImageReference;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds images with the daemon's classic builder ({@code docker build} without BuildKit). The
 * build context is packed here, honouring {@code .dockerignore} as the docker CLI does (see {@link
 * ContextTar}). Progress goes to SLF4J: one info line per Dockerfile step, the rest at debug.
 * Thread-safe: builds of different modules may run in parallel on one daemon.
 */
public final class ImageBuilder {

  private static final Logger LOG = LoggerFactory.getLogger(ImageBuilder.class);

  /** Longest failure-output excerpt in an error message. */
  static final int MAX_TAIL_CHARS = 400;

  private final DockerDaemon daemon;

  public ImageBuilder(DockerDaemon daemon) {
    this.daemon = daemon;
  }

  /**
   * Builds one image and tags it with {@link BuildRequest#tags()}.
   *
   * @return the image id and the steps run (with their cache use)
   * @throws BuildFailedException when the Dockerfile is missing or unreadable, the target stage
   *     does not exist, or a step fails (the message carries the step, exit code and last output)
   * @throws DaemonUnreachableException when the daemon does not answer
   * @throws DockerOperationException for any other failure, e.g. the context cannot be read
   */
  public BuildResult build(BuildRequest request) throws DockerOperationException {
    Path dockerfilePath = request.dockerfile();
    Dockerfile dockerfile = readDockerfile(request);
    checkTarget(request, dockerfile);
    String name = logName(request);
    ContextTar context;
    Optional<String> labelLine;
    try {
      String original = Files.readString(dockerfilePath);
      String pinned =
          PinnedDockerfile.rewrite(
              dockerfilePath, original, request.buildArgs(), request.parents());
      // with a target stage the labels belong to that stage, not the last: leave them to the daemon
      labelLine =
          request.target().isPresent()
              ? Optional.empty()
              : LabelInstruction.appendix(pinned, request.labels());
      Optional<String> generated =
          labelLine.isEmpty() && pinned.equals(original)
              ? Optional.empty()
              : Optional.of(pinned + labelLine.orElse(""));
      context =
          ContextTar.write(request.contextDir(), dockerfilePath, generated, request.fileTime());
    } catch (DockerfileException e) {
      throw new BuildFailedException(
          e.getMessage(), dockerfilePath, Optional.empty(), OptionalInt.empty());
    } catch (IOException e) {
      throw new DockerOperationException(
          request.contextDir() + ": cannot pack the build context: " + DockerDaemon.rootMessage(e),
          e);
    }
    try (context;
        InputStream tar = Files.newInputStream(context.file())) {
      LOG.debug(
          "{}: building {} (context {}, {} bytes)",
          name,
          dockerfilePath,
          request.contextDir(),
          Files.size(context.file()));
      BuildImageCmd cmd =
          daemon
              .client()
              .buildImageCmd()
              .withTarInputStream(tar)
              .withDockerfilePath(context.dockerfileName())
              .withTags(request.tags())
              .withLabels(labelLine.isPresent() ? Map.of() : request.labels())
              .withCacheFrom(request.cacheFrom())
              .withPull(request.pull())
              .withRemove(true)
              .withForcerm(true); // also drop the container of a failed step
      request.target().ifPresent(cmd::withTarget);
      request.buildArgs().forEach(cmd::withBuildArg);
      BuildOutput output = cmd.exec(new BuildOutput(name));
      output.awaitCompletion();
      output.finish();
      return result(request, output);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DockerOperationException(dockerfilePath + ": build interrupted", e);
    } catch (IOException e) {
      throw new DockerOperationException(
          request.contextDir() + ": cannot send the build context: " + DockerDaemon.rootMessage(e),
          e);
    } catch (RuntimeException e) {
      throw translate(e, dockerfilePath);
    }
  }

  /**
   * Checks, without building anything, that the build of {@code request} would not fail on its
   * Dockerfile: the context directory and the Dockerfile exist, {@link DockerfileCheck} finds
   * nothing, the in-repo images it names can be pinned ({@link PinnedDockerfile}), and the daemon's
   * own parser reads the text it would be sent. The classic builder parses the whole file before it
   * runs a step, and stops right after when asked for a stage the file does not have: that answer
   * means the file parsed, any other is the parse error.
   *
   * @throws BuildFailedException naming the Dockerfile and what is wrong with it
   * @throws DaemonUnreachableException when the daemon does not answer
   */
  public void check(BuildRequest request) throws DockerOperationException {
    Path dockerfilePath = request.dockerfile();
    Dockerfile dockerfile = readDockerfile(request);
    checkTarget(request, dockerfile);
    String text;
    try {
      String original = Files.readString(dockerfilePath);
      DockerfileCheck.check(dockerfilePath, original, request.buildArgs());
      String pinned =
          PinnedDockerfile.rewrite(
              dockerfilePath, original, request.buildArgs(), request.parents());
      text = pinned + LabelInstruction.appendix(pinned, request.labels()).orElse("");
    } catch (DockerfileException e) {
      throw new BuildFailedException(
          e.getMessage(), dockerfilePath, Optional.empty(), OptionalInt.empty());
    } catch (IOException e) {
      throw new BuildFailedException(
          dockerfilePath + ": cannot read the Dockerfile: " + DockerDaemon.rootMessage(e),
          dockerfilePath,
          Optional.empty(),
          OptionalInt.empty());
    }
    String absent = absentStage(dockerfile);
    Path empty = null;
    try {
      empty = Files.createTempDirectory("azbuild-parse-");
      try (ContextTar context = ContextTar.write(empty, dockerfilePath, Optional.of(text));
          InputStream tar = Files.newInputStream(context.file())) {
        BuildImageCmd cmd =
            daemon
                .client()
                .buildImageCmd()
                .withTarInputStream(tar)
                .withDockerfilePath(context.dockerfileName())
                .withTarget(absent)
                .withPull(false);
        request.buildArgs().forEach(cmd::withBuildArg);
        BuildOutput output = cmd.exec(new BuildOutput(logName(request) + " (parse check)"));
        output.awaitCompletion();
        Optional<String> said = output.failure().map(DockerDaemon::errorMessage).or(output::error);
        if (output.failure().filter(DockerDaemon::isConnectionFailure).isPresent()) {
          throw daemon.unreachable(output.failure().get());
        }
        if (said.isPresent() && said.get().contains("failed to reach build target " + absent)) {
          LOG.debug("{}: the daemon parses it", dockerfilePath);
          return;
        }
        throw new BuildFailedException(
            dockerfilePath
                + ": the Docker daemon cannot parse it: "
                + DockerDaemon.oneLine(
                    said.orElse("it started a build of a stage that is not there"))
                + "; fix the Dockerfile",
            dockerfilePath,
            Optional.empty(),
            OptionalInt.empty());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DockerOperationException(dockerfilePath + ": parse check interrupted", e);
    } catch (IOException e) {
      throw new DockerOperationException(
          dockerfilePath
              + ": cannot send the Dockerfile to the daemon: "
              + DockerDaemon.rootMessage(e),
          e);
    } catch (RuntimeException e) {
      if (DockerDaemon.isConnectionFailure(e)) {
        throw daemon.unreachable(e);
      }
      String said = DockerDaemon.errorMessage(e);
      if (said.contains("failed to reach build target " + absent)) {
        return;
      }
      throw new BuildFailedException(
          dockerfilePath
              + ": the Docker daemon cannot parse it: "
              + DockerDaemon.oneLine(said)
              + "; fix the Dockerfile",
          dockerfilePath,
          Optional.empty(),
          OptionalInt.empty());
    } finally {
      if (empty != null) {
        try {
          Files.deleteIfExists(empty);
        } catch (IOException e) {
          LOG.debug("cannot delete {}: {}", empty, e.toString());
        }
      }
    }
  }

  /** A stage name the Dockerfile does not have. */
  private static String absentStage(Dockerfile dockerfile) {
    String name = "azbuild-parse-check";
    for (int i = 0; dockerfile.stageNames().contains(name); i++) {
      name = "azbuild-parse-check-" + i;
    }
    return name;
  }

  private BuildResult result(BuildRequest request, BuildOutput output)
      throws DockerOperationException {
    Path dockerfile = request.dockerfile();
    if (output.failure().isPresent()) {
      throw translate(output.failure().get(), dockerfile);
    }
    if (output.error().isPresent()) {
      throw failure(dockerfile, output);
    }
    String reported =
        output
            .imageId()
            .orElseThrow(
                () ->
                    new DockerOperationException(
                        dockerfile
                            + ": the daemon reported no image id for the build; run with -X to see its output"));
    // The classic builder may print only a short id ("Successfully built 4724c271abe7").
    String imageId = daemon.client().inspectImageCmd(reported).exec().getId();
    List<BuildResult.Step> steps = output.steps();
    LOG.info(
        "{}: built {} ({} steps, {} cached){}",
        logName(request),
        shortId(imageId),
        steps.size(),
        steps.stream().filter(BuildResult.Step::cached).count(),
        request.tags().isEmpty() ? "" : " as " + String.join(", ", request.tags()));
    return new BuildResult(imageId, steps);
  }

  /** The one-line report of a failed step: what failed, its exit code, the end of its output. */
  static BuildFailedException failure(Path dockerfile, BuildOutput output) {
    String error = DockerDaemon.oneLine(output.error().orElse("unknown error"));
    Optional<String> step = output.failedStep();
    OptionalInt exit = output.exitCode();
    StringBuilder message = new StringBuilder().append(dockerfile).append(": ");
    if (step.isEmpty()) {
      message.append("build failed: ").append(error);
    } else {
      message.append(BuildOutput.abbreviate(step.get(), 120));
      if (exit.isPresent()) {
        message.append(" failed with exit code ").append(exit.getAsInt());
      } else {
        message.append(" failed: ").append(error);
      }
      List<String> tail = output.tail();
      if (!tail.isEmpty()) {
        message.append("; output: ").append(lastChars(String.join(" | ", tail), MAX_TAIL_CHARS));
      }
    }
    return new BuildFailedException(message.toString(), dockerfile, step, exit);
  }

  private DockerOperationException translate(Throwable failure, Path dockerfile) {
    if (DockerDaemon.isConnectionFailure(failure)) {
      return daemon.unreachable(failure);
    }
    return new DockerOperationException(
        dockerfile + ": build failed: " + DockerDaemon.rootMessage(failure), failure);
  }

  private static Dockerfile readDockerfile(BuildRequest request) throws DockerOperationException {
    Path path = request.dockerfile();
    if (!Files.isDirectory(request.contextDir())) {
      throw new BuildFailedException(
          request.contextDir() + ": build context directory does not exist",
          path,
          Optional.empty(),
          OptionalInt.empty());
    }
    if (!Files.isRegularFile(path)) {
      throw new BuildFailedException(
          path + ": Dockerfile not found; create it or configure the module's Dockerfile path",
          path,
          Optional.empty(),
          OptionalInt.empty());
    }
    try {
      return Dockerfile.read(path, request.buildArgs());
    } catch (IOException e) {
      throw new BuildFailedException(
          path + ": cannot read the Dockerfile: " + DockerDaemon.rootMessage(e),
          path,
          Optional.empty(),
          OptionalInt.empty());
    }
  }

  /** The classic builder's own message for a bad target does not say which stages exist. */
  private static void checkTarget(BuildRequest request, Dockerfile dockerfile)
      throws BuildFailedException {
    if (request.target().isEmpty()) {
      return;
    }
    String target = request.target().get();
    Set<String> stages = dockerfile.stageNames();
    if (!stages.contains(target.toLowerCase(Locale.ROOT))) {
      String known =
          stages.isEmpty()
              ? "it names no stages (FROM ... AS name)"
              : "stages: " + stages.stream().collect(Collectors.joining(", "));
      throw new BuildFailedException(
          request.dockerfile() + ": no stage named '" + target + "' to build (--target); " + known,
          request.dockerfile(),
          Optional.empty(),
          OptionalInt.empty());
    }
  }

  private static String logName(BuildRequest request) {
    return request.tags().stream()
            .findFirst()
            .flatMap(tag -> ImageReference.tryParse(tag).map(ImageReference::repository))
            .orElseGet(
                () ->
                    String.valueOf(request.contextDir().toAbsolutePath().normalize().getFileName()))
        + request.target().map(t -> " [" + t + "]").orElse("");
  }

  private static String shortId(String imageId) {
    String hex = imageId.startsWith("sha256:") ? imageId.substring(7) : imageId;
    return hex.length() > 12 ? hex.substring(0, 12) : hex;
  }

  private static String lastChars(String text, int max) {
    return text.length() <= max ? text : "..." + text.substring(text.length() - (max - 3));
  }
}
