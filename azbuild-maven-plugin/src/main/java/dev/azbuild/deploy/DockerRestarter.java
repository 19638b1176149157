package dev.azbuild.deploy;

import dev.azbuild.docker.Containers;
import dev.azbuild.docker.DockerDaemon;
import dev.azbuild.docker.DockerOperationException;
import dev.azbuild.docker.RegistryAuth;
import java.util.Optional;

/** Recreates the local container {@code azbuild-<image>} on the deployed image (the demo's restart). */
public final class DockerRestarter implements ServiceRestarter {

  private final DockerDaemon daemon;
  private final Optional<RegistryAuth> auth;

  /** @param auth credentials for the deploy registry; empty for the docker config's */
  public DockerRestarter(DockerDaemon daemon, Optional<RegistryAuth> auth) {
    this.daemon = daemon;
    this.auth = auth;
  }

  public static String containerName(String image) {
    return "azbuild-" + image.replace('/', '-');
  }

  @Override
  public boolean restart(String image, String taggedReference, String digestReference) throws DeployException {
    try {
      new Containers(daemon).recreate(containerName(image), taggedReference, auth);
      return true;
    } catch (DockerOperationException e) {
      throw new DeployException(image + ": restart of container " + containerName(image) + " failed: " + e.getMessage(), e);
    }
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
