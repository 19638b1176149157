package dev.azbuild.mojo;

import dev.azbuild.api.BuildSession;
import dev.azbuild.io.AzbuildException;
import java.io.File;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Deploys every image module of the reactor, once per build: gate (every module has its commit
 * image in the cache registry), then under the deploy lock, per module in graph order copy to the
 * deploy registry, {@code terraform apply}, restart, and only then the tags that say "deployed"
 * ({@code deployed}, {@code master} in the cache registry) and the marker; skips modules whose
 * digest and terraform are already deployed. Writes {@code target/azbuild/deploy.json} at the
 * reactor root.
 *
 * <p>It deploys once per build, as maven-deploy-plugin's {@code deployAtEnd}: every project's
 * execution notes that it got there, and the one that completes the set (the last, also under
 * {@code -T}) deploys; the others log that they deferred. Named on the command line, the set is
 * every project of the build, so {@code mvn azbuild:build azbuild:deploy} deploys after the last
 * module's build; bound in the lifecycle (default phase {@code deploy}), it is the projects that
 * bind it. A module that failed never gets there, so nothing is deployed. Not an aggregator: under
 * {@code -T} an aggregator waits for every other thread's running goal.
 */
@Mojo(name = DeployMojo.GOAL, defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public class DeployMojo extends AbstractPlanMojo {

  static final String GOAL = "deploy";

  private static final String SELF = "dev.azbuild:azbuild-maven-plugin";

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
    if (lastToArrive()) {
      azbuild().deploy();
    }
  }

  /**
   * A module that skips azbuild still counts as arrived; when it is the last, the reactor's deploy
   * runs unless azbuild is skipped for the whole build ({@code -Dazbuild.skip}).
   */
  @Override
  protected void skipped() throws AzbuildException {
    boolean skippedForAll =
        Boolean.parseBoolean(session.getUserProperties().getProperty("azbuild.skip", "false"));
    if (lastToArrive() && !skippedForAll) {
      azbuild().deploy();
    }
  }

  /**
   * Notes this module's arrival; true for the one execution that completes the set: every project
   * of the build when the goal is named on the command line ({@code mvn azbuild:build
   * azbuild:deploy} deploys after every module's build), the projects that bind it at this phase
   * when it runs in the lifecycle.
   */
  private boolean lastToArrive() {
    boolean commandLine = mojoExecution().getSource() == MojoExecution.Source.CLI;
    String phase = commandLine ? "the goal" : mojoExecution().getLifecyclePhase();
    Set<String> expected = new LinkedHashSet<>();
    for (MavenProject p : session.getProjects()) {
      if (commandLine || bindsDeploy(p, phase)) {
        expected.add(MavenReactor.id(p));
      }
    }
    expected.add(moduleId()); // bound through a way this scan does not see: count it anyway
    BuildSession.Arrival arrival =
        MavenBuildSessions.of(session).arrive("deploy@" + phase, moduleId(), expected);
    String reached =
        (commandLine ? " modules reached azbuild:deploy" : " modules reached " + phase);
    if (arrival.last()) {
      getLog()
          .info(
              "azbuild deploy: "
                  + arrival.expected()
                  + " of "
                  + arrival.expected()
                  + reached
                  + "; deploying the reactor once");
      return true;
    }
    getLog()
        .info(
            moduleId()
                + ": deploy deferred to the end of the reactor ("
                + arrival.arrived()
                + " of "
                + arrival.expected()
                + reached
                + ")");
    return false;
  }

  /** Whether the project's build has an execution of this goal at the phase. */
  private static boolean bindsDeploy(MavenProject p, String phase) {
    for (Plugin plugin : p.getBuildPlugins()) {
      if (!SELF.equals(plugin.getKey())) {
        continue;
      }
      for (PluginExecution execution : plugin.getExecutions()) {
        String at = execution.getPhase() != null ? execution.getPhase() : "deploy";
        if (execution.getGoals().contains(GOAL) && at.equals(phase)) {
          return true;
        }
      }
    }
    return false;
  }
}
