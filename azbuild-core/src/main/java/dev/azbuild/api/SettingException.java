package dev.azbuild.api;

import dev.azbuild.io.AzbuildException;

/** A setting whose value azbuild cannot use; the message names the property and a valid value. */
public final class SettingException extends AzbuildException {

  public SettingException(String message) {
    super(message);
  }
}
