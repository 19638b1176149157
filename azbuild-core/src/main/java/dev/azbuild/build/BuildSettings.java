package dev.azbuild.build;

import dev.azbuild.docker.ImageTransfer;
import dev.azbuild.io.Retries;
import dev.azbuild.terraform.TerraformRunner;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * What every module's build shares.
 *
 * @param commit the commit being built (the commit tag)
 * @param branchTag the branch, sanitized to a tag
 * @param masterTag the default branch's tag
 * @param source the repository URL for the OCI source label (may be blank)
 * @param created the build time for the OCI created label; empty for reproducible builds
 * @param skipPush build locally only: no push, no registry re-tag
 * @param terraform validates the modules' {@code terraform/} directories; empty to skip validation
 * @param repositoryRoot the git work tree (paths in the graph are relative to it)
 * @param reactorRoot the reactor's top directory (its {@code lifecycle-policy.json} applies to
 *     every module)
 * @param pull when outside base images are pulled
 * @param retries how pushes and pulls through the daemon are retried ({@code azbuild.retries},
 *     {@code azbuild.retryTimeout})
 * @param fileTime the modification time every file of a build context is sent with (reproducible
 *     builds: {@code SOURCE_DATE_EPOCH}, else 1970-01-01); empty sends the times on disk
 */
public record BuildSettings(
    String commit,
    String branchTag,
    String masterTag,
    String source,
    Optional<Instant> created,
    boolean skipPush,
    Optional<TerraformRunner> terraform,
    Path repositoryRoot,
    Path reactorRoot,
    PullPolicy pull,
    Retries retries,
    Optional<Instant> fileTime) {

  /**
   * With {@link PullPolicy#ALWAYS} (today's default), the daemon transfers' default retries and the
   * times on disk.
   */
  public BuildSettings(
      String commit,
      String branchTag,
      String masterTag,
      String source,
      Optional<Instant> created,
      boolean skipPush,
      Optional<TerraformRunner> terraform,
      Path repositoryRoot,
      Path reactorRoot) {
    this(
        commit,
        branchTag,
        masterTag,
        source,
        created,
        skipPush,
        terraform,
        repositoryRoot,
        reactorRoot,
        PullPolicy.ALWAYS,
        ImageTransfer.DEFAULT_RETRIES,
        Optional.empty());
  }

  /** The same settings with another pull policy. */
  public BuildSettings withPull(PullPolicy policy) {
    return new BuildSettings(
        commit,
        branchTag,
        masterTag,
        source,
        created,
        skipPush,
        terraform,
        repositoryRoot,
        reactorRoot,
        policy,
        retries,
        fileTime);
  }

  /** The same settings with other retries for pushes and pulls. */
  public BuildSettings withRetries(Retries other) {
    return new BuildSettings(
        commit,
        branchTag,
        masterTag,
        source,
        created,
        skipPush,
        terraform,
        repositoryRoot,
        reactorRoot,
        pull,
        other,
        fileTime);
  }

  /** The same settings with another time for the files of build contexts. */
  public BuildSettings withFileTime(Optional<Instant> time) {
    return new BuildSettings(
        commit,
        branchTag,
        masterTag,
        source,
        created,
        skipPush,
        terraform,
        repositoryRoot,
        reactorRoot,
        pull,
        retries,
        time);
  }
}
