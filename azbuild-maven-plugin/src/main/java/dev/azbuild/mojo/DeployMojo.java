package dev.azbuild.mojo;

import dev.azbuild.io.AzbuildException;
import java.io.File;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Deploys every image module of the reactor, once, at the root: gate (every module has its commit
 * image in the cache registry), then under the deploy lock, per module in graph order copy to the
 * deploy registry, {@code terraform apply}, restart, and only then the tags that say "deployed"
 * ({@code deployed}, {@code master} in the cache registry) and the marker; skips modules whose
 * digest and terraform are already deployed. Writes {@code target/azbuild/deploy.json} at the
 * reactor root.
 */
@Mojo(name = DeployMojo.GOAL, aggregator = true, threadSafe = true)
public class DeployMojo extends AbstractPlanMojo {

  static final String GOAL = "deploy";

  /** Deploy from a branch other than the default branch. */
  @Parameter(property = "azbuild.deploy.allowBranch", defaultValue = "false")
  private boolean allowBranch;

  /** Print what would be promoted, copied, applied and restarted; change nothing. */
  @Parameter(property = "azbuild.dryRun", defaultValue = "false")
  private boolean dryRun;

  /** The terraform variable that receives {@code <deploy registry image>@<digest>}. */
  @Parameter(property = "azbuild.deploy.imageVar", defaultValue = "image")
  private String imageVar;

  /**
   * Root of the per-module terraform work dirs (local state); default
   * ~/.azbuild/terraform-state/&lt;namespace&gt;/&lt;hash of reactor root and deploy registry&gt;
   * (a directory an earlier version made, ~/.azbuild/terraform-state/&lt;hash&gt;, is used as long
   * as it exists).
   */
  @Parameter(property = "azbuild.deploy.stateDir")
  private File stateDir;

  /**
   * How to restart a deployed service: {@code none}, {@code docker} (local container
   * &lt;namespace&gt;-&lt;image&gt;) or {@code ecs}.
   */
  @Parameter(property = "azbuild.deploy.restart", defaultValue = "none")
  private String restart;

  /** The ECS cluster for {@code restart=ecs}; the service is named like the image. */
  @Parameter(property = "azbuild.deploy.ecs.cluster")
  private String ecsCluster;

  /** Seconds to wait for an ECS service to become stable. */
  @Parameter(property = "azbuild.deploy.ecs.timeout", defaultValue = "600")
  private int ecsTimeout;

  /**
   * Deploy only these image modules (comma-separated module dirs relative to the reactor root, as
   * for {@code -pl}, or {@code [groupId]:artifactId}); the gate still checks every module. Used by
   * the per-module deploy jobs that {@code ci-config} generates. Default: every module.
   */
  @Parameter(property = "azbuild.deploy.modules")
  private String modulesToDeploy;

  /** Names this run in the deploy lock; default host:pid:time. */
  @Parameter(property = "azbuild.deploy.runId")
  private String runId;

  /**
   * Names this machine in the deploy lock; default its host name. A lock whose process is gone is
   * taken over at once only on the host that took it; set this where host names repeat or change
   * (and in tests, to act as another host).
   */
  @Parameter(property = "azbuild.deploy.host")
  private String host;

  /**
   * Seconds a held deploy lock may go without a heartbeat (a live deploy renews it every 15 s at
   * most) before any host may take it over; the holder's own value counts when it is larger.
   */
  @Parameter(property = "azbuild.deploy.lockStaleAfter", defaultValue = "120")
  private int lockStaleAfter;

  /**
   * Take the deploy lock whoever holds it (logged with the holder's details): for a lock left by a
   * run that is known to be gone. Never while that run may still be deploying.
   */
  @Parameter(property = "azbuild.deploy.breakLock", defaultValue = "false")
  private boolean breakLock;

  /**
   * Deploy a module whose last deploy applied terraform although its {@code terraform/} is gone
   * (the resources it made and their state are left as they are). Without it such a module is
   * refused before anything changes.
   */
  @Parameter(property = "azbuild.deploy.allowTerraformRemoval", defaultValue = "false")
  private boolean allowTerraformRemoval;

  /** The terraform version used for {@code terraform apply}. */
  @Parameter(property = "azbuild.terraform.version", defaultValue = Defaults.TERRAFORM_VERSION)
  private String terraformVersion;

  /** Where terraform releases are downloaded from when the pinned version is not installed. */
  @Parameter(property = "azbuild.terraform.mirror", defaultValue = Defaults.TERRAFORM_MIRROR)
  private String terraformMirror;

  @Override
  protected void doExecute() throws AzbuildException {
    azbuild().deploy();
  }
}
