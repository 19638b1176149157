package dev.azbuild.hashing;

import dev.azbuild.io.AzbuildException;

/** A SNAPSHOT dependency whose file cannot be had, so its content cannot be hashed. */
public final class UnresolvedSnapshotException extends AzbuildException {

  private final String module;
  private final String coordinate;

  public UnresolvedSnapshotException(
      String module, String coordinate, String cause, Throwable error) {
    super(
        module
            + ": SNAPSHOT dependency "
            + coordinate
            + " cannot be resolved ("
            + cause
            + "); content mode"
            + " hashes its file: run mvn install in its project (or deploy it) so Maven can resolve it",
        error);
    this.module = module;
    this.coordinate = coordinate;
  }

  public String module() {
    return module;
  }

  public String coordinate() {
    return coordinate;
  }
}
