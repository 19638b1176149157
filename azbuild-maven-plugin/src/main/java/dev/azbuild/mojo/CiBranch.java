package dev.azbuild.mojo;

/** The CI's branch and pull request target, read through the env package's detection. */
final class CiBranch {
  private CiBranch() {}

  static String fromEnvironment() {
    return dev.azbuild.env.CiDetector.detect(System.getenv()).branch().orElse(null);
  }

  /** The branch the CI's pull/merge request targets, if this build is one. */
  static String pullRequestTarget() {
    return dev.azbuild.env.CiDetector.detect(System.getenv()).pullRequestTarget().orElse(null);
  }
}
