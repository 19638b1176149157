package dev.azbuild.registry;

/** Outcome of {@link Registry#ensureRepository}. */
public enum RepoStatus {
  /** The repository did not exist and was created. */
  CREATED,
  /** The repository already existed. */
  EXISTS,
  /** The registry creates repositories on first push (any OCI registry): nothing to do. */
  IMPLICIT
}
