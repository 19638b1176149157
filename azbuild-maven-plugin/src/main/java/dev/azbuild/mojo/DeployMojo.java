package dev.azbuild.mojo;

import dev.azbuild.git.BaseCommitResolver;
import dev.azbuild.git.GitException;
import dev.azbuild.git.GitRepo;
import dev.azbuild.deploy.BranchGuard;
import dev.azbuild.terraform.CliTerraform;
import dev.azbuild.deploy.DeployException;
import dev.azbuild.deploy.DeployReport;
import dev.azbuild.deploy.DeploySettings;
import dev.azbuild.deploy.Deployer;
import dev.azbuild.deploy.DockerRestarter;
import dev.azbuild.deploy.EcsRestarter;
import dev.azbuild.deploy.ModuleSelection;
import dev.azbuild.deploy.ServiceRestarter;
import dev.azbuild.terraform.TerraformRunner;
import dev.azbuild.docker.DockerDaemon;
import dev.azbuild.docker.RegistryAuth;
import dev.azbuild.env.Namespace;
import dev.azbuild.graph.ImageModule;
import dev.azbuild.registry.EcrRegistry;
import dev.azbuild.registry.Registry;
import dev.azbuild.registry.RegistryException;
import java.io.File;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Deploys every image module of the reactor, once, at the root: gate (every module has its commit
 * image in the cache registry), then under the deploy lock, per module in graph order copy to the
 * deploy registry, {@code terraform apply}, restart, and only then the tags that say "deployed"
 * ({@code deployed}, {@code master} in the cache registry) and the marker; skips modules whose digest
 * and terraform are already deployed. Writes {@code target/azbuild/deploy.json} at the reactor root.
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
   * ~/.azbuild/terraform-state/&lt;namespace&gt;/&lt;hash of reactor root and deploy registry&gt; (a
   * directory an earlier version made, ~/.azbuild/terraform-state/&lt;hash&gt;, is used as long as it exists).
   */
  @Parameter(property = "azbuild.deploy.stateDir")
  private File stateDir;

  /**
   * Prefix of what azbuild names on a Docker daemon or host other projects may share: local
   * containers ({@code <namespace>-<image>}) and the default state directory. Lower-case letters
   * and digits separated by {@code . _ -}. Default: the reactor root's artifactId, a dash and 8 hex
   * digits of the SHA-256 of the cache registry URL.
   */
  @Parameter(property = "azbuild.namespace")
  private String namespace;

  /** How to restart a deployed service: {@code none}, {@code docker} (local container &lt;namespace&gt;-&lt;image&gt;) or {@code ecs}. */
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
  @Parameter(property = "azbuild.terraform.version", defaultValue = MavenTerraform.DEFAULT_VERSION)
  private String terraformVersion;

  /** Where terraform releases are downloaded from when the pinned version is not installed. */
  @Parameter(property = "azbuild.terraform.mirror", defaultValue = MavenTerraform.DEFAULT_MIRROR)
  private String terraformMirror;

  @Override
  protected void doExecute() throws MojoExecutionException, MojoFailureException {
    Namespace names = namespace(namespace); // a bad value fails before any work
    Planned planned = planned();
    List<ImageModule> modules = planned.graph().modules();
    if (modules.isEmpty()) {
      getLog().info("azbuild: no image modules, nothing to deploy");
      return;
    }
    List<ImageModule> selected;
    try {
      selected = ModuleSelection.select(modules, reactorRoot(), modulesToDeploy);
    } catch (DeployException e) {
      throw new MojoFailureException(e.getMessage(), e);
    }
    checkBranch();
    String deployUrl = deployRegistryUrl().orElseThrow(() -> new MojoFailureException(
        "no deploy registry configured; set -Dazbuild.deployRegistry=HOST[:PORT][/PREFIX] (or AZBUILD_DEPLOY_REGISTRY)"));
    if (lockStaleAfter < 1) {
      throw new MojoFailureException("azbuild.deploy.lockStaleAfter=" + lockStaleAfter
          + " is not a number of seconds of at least 1; use e.g. -Dazbuild.deploy.lockStaleAfter=120");
    }
    String commit = planned.plan().head();
    String hostName = firstNonBlank(host).orElseGet(DeployMojo::hostName);
    DeploySettings settings = new DeploySettings(commit, masterTag, imageVar,
        stateDir != null ? stateDir.toPath() : defaultStateRoot(names, deployUrl), dryRun,
        firstNonBlank(runId).orElse(hostName + ":" + ProcessHandle.current().pid() + ":" + System.currentTimeMillis()),
        hostName, Duration.ofMillis(500), Duration.ofSeconds(lockStaleAfter), breakLock, allowTerraformRemoval);
    DeployReport report = new DeployReport(reportDir().resolve("deploy.json"), commit, dryRun);
    try (Registry cache = openCacheRegistry(); Registry deploy = openRegistry(deployUrl);
        ServiceRestarter restarter = restarter(deploy, names)) {
      Optional<TerraformRunner> terraform = !dryRun && Deployer.needsTerraform(selected) ? Optional.of(terraform())
          : Optional.empty();
      new Deployer(cache, deploy, terraform, restarter, settings, report).deploy(modules, selected);
    } catch (DeployException e) {
      throw new MojoFailureException(e.getMessage(), e);
    } catch (RegistryException e) {
      throw new MojoExecutionException(e.getMessage(), e);
    }
  }

  private void checkBranch() throws MojoFailureException {
    try (GitRepo git = GitRepo.open(executionRoot())) {
      String current = settings().branch().or(git::currentBranch).orElseThrow(() -> new MojoFailureException(
          "HEAD is detached and no branch is known; set -Dazbuild.branch=NAME or the CI's branch variable"));
      String defaultName = settings().defaultBranch().orElseGet(() -> new BaseCommitResolver(git).detectDefaultBranch());
      BranchGuard.check(current, defaultName, allowBranch);
    } catch (GitException | DeployException e) {
      throw new MojoFailureException(e.getMessage(), e);
    }
  }

  private ServiceRestarter restarter(Registry deploy, Namespace names) throws MojoFailureException, RegistryException {
    switch (restart == null ? "none" : restart.strip().toLowerCase(Locale.ROOT)) {
      case "none":
        return ServiceRestarter.NONE;
      case "docker": {
        String name = deploy.imageName("x");
        String registryHost = name.substring(0, name.indexOf('/'));
        Optional<RegistryAuth> auth = deploy.credentials().map(c -> new RegistryAuth(c.credentials().username(),
            c.credentials().secret(), registryHost));
        return new DockerRestarter(DockerDaemon.fromEnvironment(System.getenv()), auth, names);
      }
      case "ecs": {
        String cluster = firstNonBlank(ecsCluster).orElseThrow(() -> new MojoFailureException(
            "azbuild.deploy.restart=ecs needs the cluster; set -Dazbuild.deploy.ecs.cluster=NAME"));
        // the deploy registry's region when it is ECR (the seed deploys in one region), else the usual variables
        String region = firstNonBlank(awsRegion, deploy instanceof EcrRegistry ecr ? ecr.region() : null,
            System.getenv("AWS_REGION"), System.getenv("AWS_DEFAULT_REGION")).orElseThrow(() -> new MojoFailureException(
                "azbuild.deploy.restart=ecs needs a region; set -Dazbuild.aws.region=REGION (or AWS_REGION)"));
        return new EcsRestarter(EcsRestarter.client(region,
            firstNonBlank(awsEndpoint, System.getenv("AZBUILD_AWS_ENDPOINT"))), cluster,
            Duration.ofSeconds(ecsTimeout), Duration.ofSeconds(2));
      }
      default:
        throw new MojoFailureException("azbuild.deploy.restart=" + restart + " is not known; use none, docker or ecs");
    }
  }

  private TerraformRunner terraform() throws MojoExecutionException, MojoFailureException {
    Path binary = MavenTerraform.ensure(terraformVersion, terraformMirror, null);
    return new CliTerraform(binary, CliTerraform.defaultPluginCacheDir(), Duration.ofMinutes(30));
  }

  /**
   * {@code ~/.azbuild/terraform-state/<namespace>/<hash of reactor root and deploy registry>}; the
   * directory of an earlier version, {@code ~/.azbuild/terraform-state/<hash>}, while it exists: it
   * may hold local terraform state, which must not be lost.
   */
  private Path defaultStateRoot(Namespace names, String deployUrl) {
    String hash;
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(
          (reactorRoot().toAbsolutePath() + "|" + deployUrl).getBytes(StandardCharsets.UTF_8));
      hash = HexFormat.of().formatHex(digest).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    Path states = Path.of(System.getProperty("user.home"), ".azbuild", "terraform-state");
    Path legacy = states.resolve(hash);
    if (Files.isDirectory(legacy)) {
      getLog().info("azbuild: terraform state in " + legacy + " (made by an earlier version; move it to "
          + states.resolve(names.value()).resolve(hash) + " to use the namespaced default)");
      return legacy;
    }
    return states.resolve(names.value()).resolve(hash);
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown-host";
    }
  }
}
