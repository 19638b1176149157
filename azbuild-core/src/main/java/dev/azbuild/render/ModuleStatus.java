package dev.azbuild.render;

/**
 * What a module's colour says: the plan's decision, or that its last build for this commit failed.
 */
public enum ModuleStatus {
  REBUILD("rebuild"),
  UNCHANGED("unchanged"),
  FAILED("failed");

  private final String id;

  ModuleStatus(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }
}
