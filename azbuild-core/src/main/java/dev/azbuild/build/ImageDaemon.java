package dev.azbuild.build;

import dev.azbuild.docker.BuildRequest;
import dev.azbuild.docker.BuildResult;
import dev.azbuild.docker.DockerDaemon;
import dev.azbuild.docker.DockerOperationException;
import dev.azbuild.docker.ImageBuilder;
import dev.azbuild.docker.ImageTags;
import dev.azbuild.docker.ImageTransfer;
import dev.azbuild.docker.TransferResult;
import dev.azbuild.io.Retries;
import dev.azbuild.registry.Credentials;
import java.util.List;
import java.util.Optional;

/**
 * What building one module asks of the Docker daemon, and nothing more: the seam between {@link
 * ModuleBuild} (with {@link ParentImages}) and the daemon. {@link #of} is the real daemon through
 * the docker package; the unit tests give a fake that records the calls.
 */
interface ImageDaemon {

  /** Fails with one line when the daemon does not answer. */
  void ping() throws DockerOperationException;

  /** Builds an image (or a stage of it) and tags it locally as the request says. */
  BuildResult build(BuildRequest request) throws DockerOperationException;

  /** Pushes {@code registry/repository:tag}. */
  TransferResult push(String reference, Optional<Credentials> auth) throws DockerOperationException;

  /** Pulls a tag or digest; empty when the registry does not have it. */
  Optional<TransferResult> pull(String reference, Optional<Credentials> auth)
      throws DockerOperationException;

  /** Whether the daemon has the reference locally. */
  boolean exists(String reference) throws DockerOperationException;

  /** The local image id of a reference, if the daemon has it. */
  Optional<String> imageId(String reference) throws DockerOperationException;

  /** The layers (diff ids, bottom first) of a local image. */
  List<String> layers(String reference) throws DockerOperationException;

  /** The real daemon; pushes and pulls retried as {@code retries} says. */
  static ImageDaemon of(DockerDaemon daemon, Retries retries) {
    ImageBuilder builder = new ImageBuilder(daemon);
    ImageTransfer transfer = new ImageTransfer(daemon, retries);
    ImageTags tags = new ImageTags(daemon);
    return new ImageDaemon() {
      @Override
      public void ping() throws DockerOperationException {
        daemon.ping();
      }

      @Override
      public BuildResult build(BuildRequest request) throws DockerOperationException {
        return builder.build(request);
      }

      @Override
      public TransferResult push(String reference, Optional<Credentials> auth)
          throws DockerOperationException {
        return transfer.push(reference, auth);
      }

      @Override
      public Optional<TransferResult> pull(String reference, Optional<Credentials> auth)
          throws DockerOperationException {
        return transfer.pull(reference, auth);
      }

      @Override
      public boolean exists(String reference) throws DockerOperationException {
        return tags.exists(reference);
      }

      @Override
      public Optional<String> imageId(String reference) throws DockerOperationException {
        return tags.imageId(reference);
      }

      @Override
      public List<String> layers(String reference) throws DockerOperationException {
        return tags.layers(reference);
      }
    };
  }
}
