package dev.azbuild.deploy;

import dev.azbuild.docker.Containers;
import dev.azbuild.docker.DockerDaemon;
import dev.azbuild.docker.DockerOperationException;
import dev.azbuild.docker.ImageTransfer;
import dev.azbuild.env.Namespace;
import dev.azbuild.image.ImageReference;
import dev.azbuild.io.Retries;
import dev.azbuild.registry.Credentials;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recreates the local container {@code <namespace>-<image>} on the deployed image (the demo's
 * restart). The namespace keeps the containers of two projects on one daemon apart; a container of
 * the old, daemon-wide name {@code azbuild-<image>} is removed when it runs this deploy's image
 * repository (it is this project's), and left alone otherwise.
 */
public final class DockerRestarter implements ServiceRestarter {

  private static final Logger LOG = LoggerFactory.getLogger(DockerRestarter.class);

  private final DockerDaemon daemon;
  private final Optional<Credentials> auth;
  private final Namespace namespace;
  private final Retries retries;

  /**
   * @param auth credentials for the deploy registry; empty for the docker config's
   */
  public DockerRestarter(DockerDaemon daemon, Optional<Credentials> auth, Namespace namespace) {
    this(daemon, auth, namespace, ImageTransfer.DEFAULT_RETRIES);
  }

  /**
   * @param retries how the pull of the deployed image is retried
   */
  public DockerRestarter(
      DockerDaemon daemon, Optional<Credentials> auth, Namespace namespace, Retries retries) {
    this.daemon = daemon;
    this.auth = auth;
    this.namespace = namespace;
    this.retries = retries;
  }

  /** {@code <namespace>-<image>}, {@code /} in the image name becoming {@code -}. */
  public String containerName(String image) {
    return namespace.prefixed(image);
  }

  /** The name azbuild gave a module's container before names were scoped by a namespace. */
  static String legacyContainerName(String image) {
    return "azbuild-" + image.replace('/', '-');
  }

  @Override
  public boolean restart(String image, String taggedReference, String digestReference)
      throws DeployException {
    String name = containerName(image);
    try {
      Containers containers = new Containers(daemon, retries);
      containers.recreate(name, taggedReference, auth);
      removeLegacy(containers, image, taggedReference);
      return true;
    } catch (DockerOperationException e) {
      throw new DeployException(
          image + ": restart of container " + name + " failed: " + e.getMessage(), e);
    }
  }

  /** Removes {@code azbuild-<image>} when it runs an image of this deploy's repository. */
  private void removeLegacy(Containers containers, String image, String taggedReference)
      throws DockerOperationException {
    String legacy = legacyContainerName(image);
    if (legacy.equals(containerName(image))) {
      return;
    }
    Optional<String> running = containers.image(legacy);
    Optional<String> repository = nameOf(taggedReference);
    if (running.isPresent() && repository.isPresent() && nameOf(running.get()).equals(repository)) {
      containers.remove(legacy);
      LOG.info(
          "{}: removed the container {} of an earlier azbuild version (it ran {}); {} replaces it",
          image,
          legacy,
          running.get(),
          containerName(image));
    }
  }

  /** {@code [registry/]repository} of a reference; empty for an image id or a bad reference. */
  private static Optional<String> nameOf(String reference) {
    return ImageReference.tryParse(reference).map(ImageReference::name);
  }

  @Override
  public String describe(String image) {
    return "local container " + containerName(image);
  }

  @Override
  public void close() {
    daemon.close();
  }
}
