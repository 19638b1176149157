package dev.azbuild.ci;

import dev.azbuild.io.AzbuildException;

/** Bad CI config input or an unwritable output; one line with what, where and how to fix it. */
public class CiConfigException extends AzbuildException {
  public CiConfigException(String message) {
    super(message);
  }

  public CiConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
