package dev.azbuild.ci.local;

import dev.azbuild.ci.CiTarget;

/** The CI whose workflow is run, and how it names things. */
public enum Vendor {
  GITHUB(CiTarget.GITHUB),
  CIRCLECI(CiTarget.CIRCLECI);

  private final CiTarget target;

  Vendor(CiTarget target) {
    this.target = target;
  }

  /** The workflow file below the repository root. */
  public String path() {
    return target.path();
  }

  public String id() {
    return target.id();
  }

  /**
   * Parses {@code github} or {@code circleci}.
   *
   * @throws WorkflowException naming the parameter and the known values
   */
  public static Vendor parse(String value, String parameter) throws WorkflowException {
    String v = value == null ? "" : value.strip().toLowerCase(java.util.Locale.ROOT);
    for (Vendor vendor : values()) {
      if (vendor.id().equals(v)) {
        return vendor;
      }
    }
    throw new WorkflowException(
        parameter
            + ": unknown target '"
            + (value == null ? "" : value.strip())
            + "'; use github or circleci (one per run)");
  }
}
