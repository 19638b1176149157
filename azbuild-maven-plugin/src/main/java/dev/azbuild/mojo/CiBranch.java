package dev.azbuild.mojo;

/** The CI's branch, read through the env package's detection. */
final class CiBranch {
  private CiBranch() {}

  static String fromEnvironment() {
    return dev.azbuild.env.CiDetector.detect(System.getenv()).branch().orElse(null);
  }
}
