package dev.azbuild.registry;

/** Outcome of {@link Registry#applyLifecyclePolicy}. */
public enum PolicyStatus {
  /** The policy was absent or differed (as JSON, not as text) and was written. */
  UPDATED,
  /** The policy in place means the same JSON: nothing written. */
  UNCHANGED,
  /** The registry has no lifecycle policies (plain OCI registries). */
  NOT_SUPPORTED
}
