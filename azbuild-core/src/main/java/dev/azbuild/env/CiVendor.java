package dev.azbuild.env;

/**
 * CI systems azbuild recognises. Declaration order is the detection precedence used by {@link
 * CiDetector} when several vendors' markers are present.
 */
public enum CiVendor {
  CIRCLECI("CircleCI"),
  GITHUB_ACTIONS("GitHub Actions"),
  GITLAB_CI("GitLab CI"),
  JENKINS("Jenkins"),
  BUILDKITE("Buildkite"),
  /** No CI detected: a developer machine. */
  LOCAL("local");

  private final String displayName;

  CiVendor(String displayName) {
    this.displayName = displayName;
  }

  /** Human-readable name for log messages, e.g. {@code "GitHub Actions"}. */
  public String displayName() {
    return displayName;
  }
}
