package dev.azbuild.tools;

import dev.azbuild.io.AzbuildException;

/**
 * Terraform could not be found or installed; the message is one line saying what, where and why.
 */
public class TerraformInstallException extends AzbuildException {

  public TerraformInstallException(String message) {
    super(message);
  }

  public TerraformInstallException(String message, Throwable cause) {
    super(message, cause);
  }
}
