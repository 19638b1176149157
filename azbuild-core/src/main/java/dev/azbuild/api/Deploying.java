package dev.azbuild.api;

import dev.azbuild.deploy.BranchGuard;
import dev.azbuild.deploy.DeployReport;
import dev.azbuild.deploy.DeploySettings;
import dev.azbuild.deploy.Deployer;
import dev.azbuild.deploy.DockerRestarter;
import dev.azbuild.deploy.EcsRestarter;
import dev.azbuild.deploy.ModuleSelection;
import dev.azbuild.deploy.ServiceRestarter;
import dev.azbuild.docker.DockerDaemon;
import dev.azbuild.docker.ImageTransfer;
import dev.azbuild.env.Namespace;
import dev.azbuild.git.BaseCommitResolver;
import dev.azbuild.git.GitRepo;
import dev.azbuild.graph.ImageModule;
import dev.azbuild.io.AzbuildException;
import dev.azbuild.registry.EcrRegistry;
import dev.azbuild.registry.Registry;
import dev.azbuild.registry.SourcedCredentials;
import dev.azbuild.terraform.TerraformRunner;
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
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code azbuild:deploy}: every image module of the reactor, once, from the default branch. */
final class Deploying {

  private static final Logger LOG = LoggerFactory.getLogger(Deploying.class);

  private final Settings settings;
  private final BuildHost host;
  private final RegistryAccess registries;
  private final Planning planning;
  private final Map<String, String> environment;

  Deploying(
      Settings settings,
      BuildHost host,
      RegistryAccess registries,
      Planning planning,
      Map<String, String> environment) {
    this.settings = settings;
    this.host = host;
    this.registries = registries;
    this.planning = planning;
    this.environment = environment;
  }

  void deploy() throws AzbuildException {
    Namespace names = registries.namespace(); // a bad value fails before any work
    Planned planned = planning.planned();
    List<ImageModule> modules = planned.graph().modules();
    if (modules.isEmpty()) {
      LOG.info("azbuild: no image modules, nothing to deploy");
      return;
    }
    List<ImageModule> selected =
        ModuleSelection.select(
            modules, host.reactorRoot(), settings.optional(Setting.DEPLOY_MODULES).orElse(null));
    checkBranch();
    String deployUrl =
        registries
            .deployRegistryUrl()
            .orElseThrow(
                () ->
                    new SettingException(
                        "no deploy registry configured; set -Dazbuild.deployRegistry=HOST[:PORT][/PREFIX] (or AZBUILD_DEPLOY_REGISTRY)"));
    int staleAfter = staleAfterSeconds();
    boolean dryRun = settings.bool(Setting.DRY_RUN);
    String commit = planned.plan().head();
    String hostName = settings.optional(Setting.DEPLOY_HOST).orElseGet(Deploying::hostName);
    DeploySettings deploySettings =
        new DeploySettings(
            commit,
            settings.string(Setting.MASTER_TAG),
            settings.string(Setting.DEPLOY_IMAGE_VAR),
            settings
                .optional(Setting.DEPLOY_STATE_DIR)
                .map(Path::of)
                .orElseGet(() -> defaultStateRoot(names, deployUrl)),
            dryRun,
            settings
                .optional(Setting.DEPLOY_RUN_ID)
                .orElse(
                    hostName
                        + ":"
                        + ProcessHandle.current().pid()
                        + ":"
                        + System.currentTimeMillis()),
            hostName,
            Duration.ofMillis(500),
            Duration.ofSeconds(staleAfter),
            settings.bool(Setting.DEPLOY_BREAK_LOCK),
            settings.bool(Setting.DEPLOY_ALLOW_TERRAFORM_REMOVAL),
            registries.concurrency());
    DeployReport report = new DeployReport(host.reportDir().resolve("deploy.json"), commit, dryRun);
    try (Registry cache = registries.openCache();
        Registry deploy = registries.open(Setting.DEPLOY_REGISTRY, deployUrl);
        ServiceRestarter restarter = restarter(deploy, names)) {
      Optional<TerraformRunner> terraform =
          !dryRun && Deployer.needsTerraform(selected)
              ? Optional.of(TerraformTool.runner(settings, Duration.ofMinutes(30)))
              : Optional.empty();
      new Deployer(cache, deploy, terraform, restarter, deploySettings, report)
          .deploy(modules, selected);
    }
  }

  private int staleAfterSeconds() throws SettingException {
    String value = settings.string(Setting.DEPLOY_LOCK_STALE_AFTER);
    try {
      return settings.integer(Setting.DEPLOY_LOCK_STALE_AFTER, 1);
    } catch (SettingException e) {
      throw new SettingException(
          "azbuild.deploy.lockStaleAfter="
              + value
              + " is not a number of seconds of at least 1; use e.g. -Dazbuild.deploy.lockStaleAfter=120");
    }
  }

  private void checkBranch() throws AzbuildException {
    try (GitRepo git = GitRepo.open(host.executionRoot(), planning.gitBackend())) {
      String current =
          planning
              .branch()
              .or(git::currentBranch)
              .orElseThrow(
                  () ->
                      new SettingException(
                          "HEAD is detached and no branch is known; set -Dazbuild.branch=NAME or the CI's branch variable"));
      String defaultName =
          planning
              .defaultBranch()
              .orElseGet(() -> new BaseCommitResolver(git).detectDefaultBranch());
      BranchGuard.check(current, defaultName, settings.bool(Setting.DEPLOY_ALLOW_BRANCH));
    }
  }

  private ServiceRestarter restarter(Registry deploy, Namespace names) throws AzbuildException {
    String restart = settings.string(Setting.DEPLOY_RESTART).toLowerCase(Locale.ROOT);
    switch (restart) {
      case "none":
        return ServiceRestarter.NONE;
      case "docker":
        {
          return new DockerRestarter(
              DockerDaemon.fromEnvironment(environment),
              deploy.credentials().map(SourcedCredentials::credentials),
              names,
              RetrySettings.of(settings)
                  .withDelays(
                      ImageTransfer.DEFAULT_RETRIES.firstDelay(),
                      ImageTransfer.DEFAULT_RETRIES.maxDelay()));
        }
      case "ecs":
        {
          String cluster =
              settings
                  .optional(Setting.DEPLOY_ECS_CLUSTER)
                  .orElseThrow(
                      () ->
                          new SettingException(
                              "azbuild.deploy.restart=ecs needs the cluster; set -Dazbuild.deploy.ecs.cluster=NAME"));
          // the deploy registry's region when it is ECR (the bash scripts deploy in one region),
          // else the usual variables
          String region =
              settings
                  .optional(Setting.AWS_REGION)
                  .or(
                      () ->
                          deploy instanceof EcrRegistry ecr
                              ? Optional.of(ecr.region())
                              : Optional.empty())
                  .or(
                      () ->
                          Optional.ofNullable(environment.get("AWS_REGION"))
                              .filter(s -> !s.isBlank()))
                  .or(
                      () ->
                          Optional.ofNullable(environment.get("AWS_DEFAULT_REGION"))
                              .filter(s -> !s.isBlank()))
                  .orElseThrow(
                      () ->
                          new SettingException(
                              "azbuild.deploy.restart=ecs needs a region; set -Dazbuild.aws.region=REGION (or AWS_REGION)"));
          return new EcsRestarter(
              EcsRestarter.client(region, settings.optional(Setting.AWS_ENDPOINT)),
              cluster,
              Duration.ofSeconds(settings.integer(Setting.DEPLOY_ECS_TIMEOUT, 1)),
              Duration.ofSeconds(2));
        }
      default:
        throw new SettingException(
            "azbuild.deploy.restart=" + restart + " is not known; use none, docker or ecs");
    }
  }

  /**
   * {@code ~/.azbuild/terraform-state/<namespace>/<hash of reactor root and deploy registry>}; the
   * directory of an earlier version, {@code ~/.azbuild/terraform-state/<hash>}, while it exists: it
   * may hold local terraform state, which must not be lost.
   */
  private Path defaultStateRoot(Namespace names, String deployUrl) {
    String hash;
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(
                  (host.reactorRoot().toAbsolutePath() + "|" + deployUrl)
                      .getBytes(StandardCharsets.UTF_8));
      hash = HexFormat.of().formatHex(digest).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    Path states = Path.of(System.getProperty("user.home"), ".azbuild", "terraform-state");
    Path legacy = states.resolve(hash);
    if (Files.isDirectory(legacy)) {
      LOG.info(
          "azbuild: terraform state in {} (made by an earlier version; move it to {} to use the namespaced default)",
          legacy,
          states.resolve(names.value()).resolve(hash));
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
