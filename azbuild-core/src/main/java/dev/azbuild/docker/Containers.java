package dev.azbuild.docker;

import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import dev.azbuild.io.Retries;
import dev.azbuild.registry.Credentials;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Containers on the local daemon: what a local deploy restarts. */
public final class Containers {

  private static final Logger LOG = LoggerFactory.getLogger(Containers.class);

  private final DockerDaemon daemon;
  private final ImageTransfer transfer;

  public Containers(DockerDaemon daemon) {
    this(daemon, ImageTransfer.DEFAULT_RETRIES);
  }

  /** Pulls images as {@code retries} says. */
  public Containers(DockerDaemon daemon, Retries retries) {
    this.daemon = daemon;
    this.transfer = new ImageTransfer(daemon, retries);
  }

  /**
   * Pulls {@code reference} ({@code repository:tag}) and replaces the container {@code name} with a
   * new one running it: the old one (if any) is removed by force, then the new one created and
   * started.
   *
   * @return the new container's id
   */
  public String recreate(String name, String reference, Optional<Credentials> auth)
      throws DockerOperationException {
    if (transfer.pull(reference, auth).isEmpty()) {
      throw new DockerOperationException(
          reference + " is not in the registry; it should have been copied there first");
    }
    try {
      remove(name);
      String id = daemon.client().createContainerCmd(reference).withName(name).exec().getId();
      daemon.client().startContainerCmd(id).exec();
      LOG.info("container {} recreated from {}", name, reference);
      return id;
    } catch (RuntimeException e) {
      if (DockerDaemon.isConnectionFailure(e)) {
        throw daemon.unreachable(e);
      }
      throw new DockerOperationException(
          "cannot recreate container "
              + name
              + " from "
              + reference
              + ": "
              + DockerDaemon.errorMessage(e),
          e);
    }
  }

  /** The image (as given at creation) of the container {@code name}, if it exists. */
  public Optional<String> image(String name) throws DockerOperationException {
    try {
      List<Container> found =
          daemon
              .client()
              .listContainersCmd()
              .withShowAll(true)
              .withNameFilter(List.of("^/" + name + "$"))
              .exec();
      return found.stream().findFirst().map(Container::getImage);
    } catch (RuntimeException e) {
      throw new DockerOperationException(
          "cannot list containers: " + DockerDaemon.errorMessage(e), e);
    }
  }

  /** Removes the container {@code name} by force; nothing happens when there is none. */
  public void remove(String name) throws DockerOperationException {
    try {
      daemon.client().removeContainerCmd(name).withForce(true).exec();
    } catch (NotFoundException e) {
      // nothing to remove
    } catch (RuntimeException e) {
      if (DockerDaemon.isConnectionFailure(e)) {
        throw daemon.unreachable(e);
      }
      throw new DockerOperationException(
          "cannot remove container " + name + ": " + DockerDaemon.errorMessage(e), e);
    }
  }
}
