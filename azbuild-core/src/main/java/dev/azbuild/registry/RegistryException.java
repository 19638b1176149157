package dev.azbuild.registry;

import dev.azbuild.io.AzbuildException;

/**
 * A registry operation failed. The message is one line: which registry, which repository or tag,
 * what went wrong (HTTP status where there is one) and what to do. It never holds a password, token
 * or Authorization header.
 */
public class RegistryException extends AzbuildException {

  private final int status;

  public RegistryException(String message) {
    this(message, 0, null);
  }

  public RegistryException(String message, Throwable cause) {
    this(message, 0, cause);
  }

  public RegistryException(String message, int status, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  /** The HTTP status that caused the failure, or 0 when there was none (network, config). */
  public int status() {
    return status;
  }
}
