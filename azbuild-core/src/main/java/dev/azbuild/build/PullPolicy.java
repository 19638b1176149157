package dev.azbuild.build;

import java.util.Locale;

/**
 * When a build pulls an outside base image (one no module of the reactor builds), like {@code
 * docker build --pull} or the fabric8 docker-maven-plugin's {@code autoPull}. In-repo parents are
 * not concerned: they are always taken by digest from the cache registry.
 */
public enum PullPolicy {
  /** Pull every outside base image before the build, so a moved tag is seen (the default). */
  ALWAYS,
  /** Use the daemon's copy when it has the reference, else pull it. */
  MISSING,
  /** Never pull: the image must be on the daemon (pre-loaded, or an air-gapped runner). */
  NEVER;

  /** The value of {@code azbuild.pull}, any case. */
  public static PullPolicy parse(String value) {
    String v = value == null ? "" : value.strip();
    for (PullPolicy policy : values()) {
      if (policy.id().equalsIgnoreCase(v)) {
        return policy;
      }
    }
    throw new IllegalArgumentException(
        "azbuild.pull="
            + value
            + " is not known; use always (the default), missing"
            + " (pull only what the Docker daemon lacks) or never");
  }

  /** How the parameter spells it. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
