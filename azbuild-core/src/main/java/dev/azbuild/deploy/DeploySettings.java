package dev.azbuild.deploy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How one deploy runs.
 *
 * @param commit the commit being deployed (its images are tagged with it in the cache registry)
 * @param masterTag the tag the commit image is promoted to, in both registries
 * @param imageVar the terraform variable that receives {@code <deploy image>@<digest>}
 * @param stateRoot per-module terraform work dirs go to {@code stateRoot/<image>}
 * @param dryRun print what would happen, change nothing
 * @param runId names this run in the lock
 * @param host names this machine in the lock
 * @param lockSettle wait between writing the lock and reading it back
 * @param lockStaleAfter how long a held lock may go without a heartbeat before any host may take it
 * @param breakLock take the lock whoever holds it
 * @param allowTerraformRemoval deploy a module whose last deploy applied terraform but that has no
 *     {@code terraform/} any more (its resources are left as they are)
 * @param registryConcurrency registry requests in flight at most (the gate's lookups)
 */
public record DeploySettings(
    String commit,
    String masterTag,
    String imageVar,
    Path stateRoot,
    boolean dryRun,
    String runId,
    String host,
    Duration lockSettle,
    Duration lockStaleAfter,
    boolean breakLock,
    boolean allowTerraformRemoval,
    int registryConcurrency) {

  public DeploySettings {
    Objects.requireNonNull(commit, "commit");
    Objects.requireNonNull(masterTag, "masterTag");
    Objects.requireNonNull(imageVar, "imageVar");
    Objects.requireNonNull(stateRoot, "stateRoot");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(lockSettle, "lockSettle");
    Objects.requireNonNull(lockStaleAfter, "lockStaleAfter");
    if (lockStaleAfter.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("lockStaleAfter under 1 s: " + lockStaleAfter);
    }
    if (registryConcurrency < 1) {
      throw new IllegalArgumentException("registryConcurrency under 1: " + registryConcurrency);
    }
  }
}
