package dev.azbuild.build;

import dev.azbuild.io.AzbuildException;

/** A module's build failed in a way the user can fix; the message is one line naming the module. */
public class BuildFailure extends AzbuildException {
  public BuildFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
