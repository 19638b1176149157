package dev.azbuild.migrate;

import dev.azbuild.io.AzbuildException;

/**
 * A build manifest that cannot be imported, or an import that would overwrite files. The message is
 * one line naming the manifest file and the project, and what to do.
 */
public final class ManifestException extends AzbuildException {

  private static final long serialVersionUID = 1L;

  public ManifestException(String message) {
    super(message);
  }

  public ManifestException(String message, Throwable cause) {
    super(message, cause);
  }
}
