package dev.azbuild.docker;

/**
 * The Docker daemon did not answer: not running, wrong socket, or {@code DOCKER_HOST} points
 * elsewhere.
 */
public class DaemonUnreachableException extends DockerOperationException {

  private final String host;

  public DaemonUnreachableException(String host, String cause, Throwable throwable) {
    super(
        "Docker daemon not reachable at "
            + host
            + ": "
            + cause
            + "; start it (scripts/services start, or systemctl start docker) or set DOCKER_HOST",
        throwable);
    this.host = host;
  }

  /** The daemon address that was tried, e.g. {@code unix:///var/run/docker.sock}. */
  public String host() {
    return host;
  }
}
