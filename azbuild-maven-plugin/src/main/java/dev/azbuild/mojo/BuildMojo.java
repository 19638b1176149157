package dev.azbuild.mojo;

import dev.azbuild.io.AzbuildException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Builds this module's image if the plan says so, else re-tags the existing one in the cache
 * registry; pushes the commit and branch tags; writes {@code target/azbuild/build.json} at the
 * reactor root. Run at the root ({@code mvn azbuild:build}) it handles every image module in
 * reactor order; {@code -T} builds independent modules in parallel. The unchanged modules of the
 * session are re-tagged all at once, in parallel, by the first execution; each module's execution
 * then logs its decision line and fails when its re-tag failed. Bound by default to {@code
 * package}, it runs after the packaging's own {@code jar:jar} (Maven runs a phase's lifecycle
 * bindings first) and after the executions of that phase declared before it, such as {@code
 * copy-dependencies}: once the files its Dockerfile copies exist.
 */
@Mojo(name = BuildMojo.GOAL, defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class BuildMojo extends AbstractPlanMojo {

  static final String GOAL = "build";

  /** Build locally only: no push and no registry re-tag (for a laptop). */
  @Parameter(property = "azbuild.skipPush", defaultValue = "false")
  private boolean skipPush;

  /**
   * Leave out the {@code org.opencontainers.image.created} label and send every file of a build
   * context with the time {@code azbuild.sourceDateEpoch}, so equal inputs give equal images where
   * the classic builder allows it (see the Registries guide).
   */
  @Parameter(property = "azbuild.reproducible", defaultValue = "false")
  private boolean reproducible;

  /**
   * With {@code azbuild.reproducible}: the modification time, in seconds since 1970-01-01 UTC, of
   * every file, directory and link of a build context; {@code $SOURCE_DATE_EPOCH} when not set.
   */
  @Parameter(property = "azbuild.sourceDateEpoch", defaultValue = "0")
  private long sourceDateEpoch;

  /** The terraform version used to validate modules' {@code terraform/} dirs. */
  @Parameter(property = "azbuild.terraform.version", defaultValue = Defaults.TERRAFORM_VERSION)
  private String terraformVersion;

  /** Where terraform releases are downloaded from when the pinned version is not installed. */
  @Parameter(property = "azbuild.terraform.mirror", defaultValue = Defaults.TERRAFORM_MIRROR)
  private String terraformMirror;

  /** Skip {@code terraform validate}. */
  @Parameter(property = "azbuild.terraform.skip", defaultValue = "false")
  private boolean skipTerraform;

  /**
   * When outside base images (those no module builds) are pulled: {@code always} (before every
   * build, so a moved tag is seen), {@code missing} (use the Docker daemon's copy when it has the
   * reference, else pull) or {@code never} (the image must be on the daemon). In-repo parents are
   * always taken by digest from the cache registry.
   */
  @Parameter(property = "azbuild.pull", defaultValue = "always")
  private String pull;

  @Override
  protected void doExecute() throws AzbuildException {
    azbuild().build(moduleId());
  }
}
