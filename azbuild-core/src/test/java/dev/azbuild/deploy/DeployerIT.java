package dev.azbuild.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azbuild.graph.ImageModule;
import dev.azbuild.io.Json;
import dev.azbuild.io.RequestPool;
import dev.azbuild.registry.CredentialChain;
import dev.azbuild.registry.Credentials;
import dev.azbuild.registry.Registries;
import dev.azbuild.registry.Registry;
import dev.azbuild.registry.RegistryOptions;
import dev.azbuild.registry.StaticCredentials;
import dev.azbuild.terraform.CliTerraform;
import dev.azbuild.terraform.TerraformException;
import dev.azbuild.terraform.TerraformRunner;
import dev.azbuild.terraform.TerraformValidation;
import dev.azbuild.terraform.TerraformWorkspace;
import dev.azbuild.testing.LocalServices;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deploy core against the real local registries (cache 5000, deploy 5001). "Images" are small
 * records pushed as OCI artifacts, so no docker daemon is needed; terraform and restarts are
 * recorded by fakes.
 */
class DeployerIT {

  private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
  private static final String COMMIT2 = "89abcdef0123456789abcdef0123456789abcdef";

  @TempDir Path dir;
  private String prefix;
  private Registry cache;
  private Registry deploy;
  private final List<String> applies = new ArrayList<>();
  private final List<String> restarts = new ArrayList<>();
  private String failApplyFor;
  private String failRestartFor;
  private boolean allowTerraformRemoval;

  /** The commit the next deployer deploys and the next pushImage pushes. */
  private String commit = COMMIT;

  @BeforeEach
  void open() throws Exception {
    prefix = "azbtest-deploy-" + UUID.randomUUID().toString().substring(0, 8);
    RegistryOptions options =
        RegistryOptions.defaults()
            .withCredentials(CredentialChain.none())
            .withRetries(2, Duration.ofMillis(1));
    cache = Registries.forUrl(LocalServices.CACHE + "/" + prefix, options);
    deploy = Registries.forUrl(LocalServices.DEPLOY + "/" + prefix, options);
  }

  @AfterEach
  void close() {
    cache.close();
    deploy.close();
  }

  @Test
  void recordsRoundTrip() throws Exception {
    cache.putRecord("r", "t1", "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
    assertThat(cache.getRecord("r", "t1"))
        .map(b -> new String(b, StandardCharsets.UTF_8))
        .contains("{\"a\":1}");
    assertThat(cache.getRecord("r", "absent")).isEmpty();
    assertThat(DeployedCommit.read(cache).map(DeployedCommit::commit)).isEmpty();
    new DeployedCommit(COMMIT, Instant.now(), "master", Map.of()).write(cache);
    assertThat(DeployedCommit.read(cache).map(DeployedCommit::commit)).contains(COMMIT);
    new DeployMarker("sha256:aa", "sha256:bb", true, COMMIT, "2026-01-01T00:00:00Z")
        .write(deploy, "img");
    assertThat(DeployMarker.read(deploy, "img"))
        .contains(new DeployMarker("sha256:aa", "sha256:bb", true, COMMIT, "2026-01-01T00:00:00Z"));
    // markers written before terraformApplied existed: applied when the module had terraform
    deploy.putRecord(
        "old",
        DeployMarker.TAG,
        ("{\"digest\":\"sha256:aa\",\"terraformHash\":\"sha256:bb\","
                + "\"commit\":\""
                + COMMIT
                + "\",\"time\":\"t\"}")
            .getBytes(StandardCharsets.UTF_8));
    assertThat(DeployMarker.read(deploy, "old")).map(DeployMarker::terraformApplied).contains(true);
    deploy.putRecord(
        "old",
        DeployMarker.TAG,
        ("{\"digest\":\"sha256:aa\",\"terraformHash\":\"none\","
                + "\"commit\":\""
                + COMMIT
                + "\",\"time\":\"t\"}")
            .getBytes(StandardCharsets.UTF_8));
    assertThat(DeployMarker.read(deploy, "old"))
        .map(DeployMarker::terraformApplied)
        .contains(false);
  }

  @Test
  void gateClosedDeploysNothingAndListsTheMissingModules() throws Exception {
    List<ImageModule> modules = List.of(module("base"), module("app"), module("web"));
    pushImage("base");

    assertThatThrownBy(() -> deployer(false).deploy(modules))
        .isInstanceOf(DeployException.class)
        .hasMessageContaining("app, web")
        .hasMessageNotContaining("base,")
        .hasMessageContaining("nothing was deployed");
    assertThat(deploy.exists("base", COMMIT)).isFalse();
    assertThat(DeployMarker.read(deploy, "base")).isEmpty();
    assertThat(DeployLock.read(deploy)).isEmpty();
    assertThat(cache.exists("base", "master")).isFalse();
    assertThat(applies).isEmpty();
  }

  @Test
  void deploysInOrderThenSkipsEverythingOnTheSecondRun() throws Exception {
    ImageModule base = module("base");
    ImageModule app = moduleWithTerraform("app");
    String baseDigest = pushImage("base");
    String appDigest = pushImage("app");

    List<ModuleDeployReport> first = deployer(false).deploy(List.of(base, app));

    assertThat(first)
        .extracting(ModuleDeployReport::action)
        .containsExactly("deployed", "deployed");
    assertThat(first.get(1).terraformApplied()).isTrue();
    assertThat(first.get(0).terraformApplied()).isFalse();
    assertThat(deploy.digest("base", COMMIT)).contains(baseDigest);
    assertThat(deploy.digest("app", "master")).contains(appDigest);
    assertThat(deploy.digest("app", DeployMarker.DEPLOYED_TAG)).contains(appDigest);
    assertThat(cache.digest("app", "master")).contains(appDigest);
    assertThat(applies)
        .containsExactly("app image=" + LocalServices.DEPLOY + "/" + prefix + "/app@" + appDigest);
    assertThat(restarts).containsExactly("base", "app");
    assertThat(DeployedCommit.read(cache).map(DeployedCommit::commit)).contains(COMMIT);
    // the deploy record names every module's master image: diff mode asks for none of them
    DeployedCommit record = DeployedCommit.read(cache).orElseThrow();
    assertThat(record.masterTag()).isEqualTo("master");
    assertThat(record.images()).isEqualTo(Map.of("app", appDigest, "base", baseDigest));
    assertThat(cache.digest("base", "master")).contains(baseDigest);
    assertThat(DeployLock.read(deploy)).map(DeployLock.Holder::state).contains("released");
    JsonNode json = Json.MAPPER.readTree(dir.resolve("deploy.json").toFile());
    assertThat(json.path("complete").asBoolean()).isTrue();
    assertThat(json.path("modules").get(1).path("digest").asText()).isEqualTo(appDigest);

    applies.clear();
    restarts.clear();
    List<ModuleDeployReport> second = deployer(false).deploy(List.of(base, app));

    assertThat(second).extracting(ModuleDeployReport::action).containsExactly("skipped", "skipped");
    assertThat(second.get(1).reasons())
        .containsExactly("digest " + appDigest + " and terraform unchanged since " + COMMIT);
    assertThat(applies).isEmpty();
    assertThat(restarts).isEmpty();
  }

  @Test
  void perModuleDeploysGateOnEveryModuleAndTheLastOneRecordsTheCommit() throws Exception {
    ImageModule base = module("base");
    ImageModule app = moduleWithTerraform("app");
    List<ImageModule> all = List.of(base, app);
    pushImage("base");

    // the gate still checks every module, also those not selected
    assertThatThrownBy(() -> deployer(false).deploy(all, List.of(base)))
        .isInstanceOf(DeployException.class)
        .hasMessageContaining("for app;");
    assertThat(deploy.exists("base", COMMIT)).isFalse();

    String appDigest = pushImage("app");
    List<ModuleDeployReport> first = deployer(false).deploy(all, List.of(base));
    assertThat(first).extracting(ModuleDeployReport::image).containsExactly("base");
    assertThat(restarts).containsExactly("base");
    assertThat(deploy.exists("app", COMMIT)).isFalse();
    assertThat(DeployedCommit.read(cache).map(DeployedCommit::commit))
        .as("app is not deployed yet")
        .isEmpty();

    List<ModuleDeployReport> second = deployer(false).deploy(all, List.of(app));
    assertThat(second).extracting(ModuleDeployReport::action).containsExactly("deployed");
    assertThat(deploy.digest("app", COMMIT)).contains(appDigest);
    assertThat(applies).hasSize(1);
    assertThat(DeployedCommit.read(cache).map(DeployedCommit::commit))
        .as("every module is deployed at this commit now")
        .contains(COMMIT);
    assertThat(DeployedCommit.read(cache).orElseThrow().images())
        .as("the last job records every module's master image, also those other jobs deployed")
        .containsOnlyKeys("base", "app")
        .containsEntry("app", appDigest);
  }

  @Test
  void changedTerraformRedeploysWithTheSameDigest() throws Exception {
    ImageModule app = moduleWithTerraform("app");
    pushImage("app");
    deployer(false).deploy(List.of(app));
    Files.writeString(app.basedir().resolve("terraform/main.tf"), "# changed\n");
    applies.clear();

    List<ModuleDeployReport> again = deployer(false).deploy(List.of(app));

    assertThat(again.get(0).action()).isEqualTo("deployed");
    assertThat(again.get(0).reasons().get(0)).startsWith("terraform inputs changed since");
    assertThat(applies).hasSize(1);
  }

  @Test
  void applyFailureKeepsEarlierModulesRecordedAndRerunResumes() throws Exception {
    ImageModule base = moduleWithTerraform("base");
    ImageModule app = moduleWithTerraform("app");
    ImageModule web = module("web");
    pushImage("base");
    pushImage("app");
    pushImage("web");
    failApplyFor = "app";

    assertThatThrownBy(() -> deployer(false).deploy(List.of(base, app, web)))
        .isInstanceOf(DeployException.class)
        .hasMessageContaining("app: terraform apply failed")
        .hasMessageContaining("rerun to resume");
    JsonNode json = Json.MAPPER.readTree(dir.resolve("deploy.json").toFile());
    assertThat(json.path("modules"))
        .extracting(m -> m.path("action").asText())
        .containsExactly("deployed", "failed");
    assertThat(DeployMarker.read(deploy, "base")).isPresent();
    assertThat(DeployMarker.read(deploy, "app")).isEmpty();
    assertThat(deploy.exists("web", COMMIT)).isFalse();
    assertThat(DeployedCommit.read(cache).map(DeployedCommit::commit)).isEmpty();
    assertThat(DeployLock.read(deploy)).map(DeployLock.Holder::state).contains("released");

    failApplyFor = null;
    applies.clear();
    List<ModuleDeployReport> rerun = deployer(false).deploy(List.of(base, app, web));

    assertThat(rerun)
        .extracting(ModuleDeployReport::action)
        .containsExactly("skipped", "deployed", "deployed");
    assertThat(applies).hasSize(1).allMatch(a -> a.startsWith("app "));
    assertThat(DeployedCommit.read(cache).map(DeployedCommit::commit)).contains(COMMIT);
  }

  @Test
  void aFailedApplyMovesNoTagThatSaysDeployed() throws Exception {
    ImageModule app = moduleWithTerraform("app");
    String live = pushImage("app");
    deployer(false).deploy(List.of(app));
    commit = COMMIT2;
    String next = pushImage("app");
    failApplyFor = "app";

    assertThatThrownBy(() -> deployer(false).deploy(List.of(app)))
        .hasMessageContaining("app: terraform apply failed");

    // terraform needed the image in the deploy registry: copied by digest, tagged with its commit
    // only
    assertThat(deploy.digest("app", COMMIT2)).contains(next);
    assertThat(deploy.digest("app", "master")).contains(live);
    assertThat(deploy.digest("app", DeployMarker.DEPLOYED_TAG)).contains(live);
    assertThat(DeployMarker.read(deploy, "app")).map(DeployMarker::digest).contains(live);
    assertThat(cache.digest("app", "master")).contains(live);
    assertThat(DeployedCommit.read(cache).map(DeployedCommit::commit)).contains(COMMIT);

    failApplyFor = null;
    assertThat(deployer(false).deploy(List.of(app)))
        .extracting(ModuleDeployReport::action)
        .containsExactly("deployed");
    assertThat(deploy.digest("app", "master")).contains(next);
    assertThat(deploy.digest("app", DeployMarker.DEPLOYED_TAG)).contains(next);
    assertThat(cache.digest("app", "master")).contains(next);
    assertThat(DeployMarker.read(deploy, "app")).map(DeployMarker::digest).contains(next);
    assertThat(DeployedCommit.read(cache).map(DeployedCommit::commit)).contains(COMMIT2);
  }

  @Test
  void aFailedRestartLeavesDeployedAndTheCacheMasterWhereTheyWere() throws Exception {
    ImageModule app = module("app");
    String live = pushImage("app");
    deployer(false).deploy(List.of(app));
    commit = COMMIT2;
    String next = pushImage("app");
    failRestartFor = "app";

    assertThatThrownBy(() -> deployer(false).deploy(List.of(app)))
        .hasMessage(
            "app: ECS service app not stable within 1s; modules before it are deployed and recorded,"
                + " rerun to resume");

    // master in the deploy registry is what the service was told to run (an ECS task definition may
    // name it)
    assertThat(deploy.digest("app", "master")).contains(next);
    assertThat(deploy.digest("app", DeployMarker.DEPLOYED_TAG)).contains(live);
    assertThat(cache.digest("app", "master")).contains(live);
    assertThat(DeployMarker.read(deploy, "app")).map(DeployMarker::digest).contains(live);
  }

  @Test
  void aModuleWhoseTerraformWasRemovedIsRefusedBeforeAnythingChanges() throws Exception {
    ImageModule base = module("base");
    ImageModule app = moduleWithTerraform("app");
    pushImage("base");
    String live = pushImage("app");
    deployer(false).deploy(List.of(base, app));
    assertThat(DeployMarker.read(deploy, "app")).map(DeployMarker::terraformApplied).contains(true);
    assertThat(DeployMarker.read(deploy, "base"))
        .map(DeployMarker::terraformApplied)
        .contains(false);
    deleteTree(app.basedir().resolve("terraform"));
    commit = COMMIT2;
    pushImage("base");
    String next = pushImage("app");
    applies.clear();
    restarts.clear();

    assertThatThrownBy(() -> deployer(false).deploy(List.of(base, app)))
        .isInstanceOf(DeployException.class)
        .hasMessage(
            "app: its last deploy ("
                + COMMIT
                + ") applied "
                + app.basedir().resolve("terraform")
                + ", which is gone now, so the resources it made still exist; restore terraform/, or destroy them"
                + " (state in "
                + dir.resolve("state/app")
                + ") and set -Dazbuild.deploy.allowTerraformRemoval=true"
                + " to deploy without it; nothing was deployed");
    assertThat(deploy.exists("base", COMMIT2))
        .as("no module was touched, not even the one before")
        .isFalse();
    assertThat(deploy.exists("app", COMMIT2)).isFalse();
    assertThat(restarts).isEmpty();
    assertThat(DeployLock.read(deploy)).map(DeployLock.Holder::state).contains("released");
    JsonNode json = Json.MAPPER.readTree(dir.resolve("deploy.json").toFile());
    assertThat(json.path("complete").asBoolean()).isFalse();

    List<ModuleDeployReport> dry = deployer(true).deploy(List.of(base, app));
    assertThat(dry)
        .extracting(ModuleDeployReport::action)
        .containsExactly("would-deploy", "would-fail");

    allowTerraformRemoval = true;
    List<ModuleDeployReport> allowed = deployer(false).deploy(List.of(base, app));
    assertThat(allowed)
        .extracting(ModuleDeployReport::action)
        .containsExactly("deployed", "deployed");
    assertThat(allowed.get(1).terraformApplied()).isFalse();
    assertThat(applies).isEmpty();
    DeployMarker marker = DeployMarker.read(deploy, "app").orElseThrow();
    assertThat(marker.digest()).isEqualTo(next).isNotEqualTo(live);
    assertThat(marker.terraformApplied()).isFalse();

    // recorded without terraform: the next deploy needs no permission
    allowTerraformRemoval = false;
    assertThat(deployer(false).deploy(List.of(base, app)))
        .extracting(ModuleDeployReport::action)
        .containsExactly("skipped", "skipped");
  }

  @Test
  void dryRunChangesNothing() throws Exception {
    ImageModule app = moduleWithTerraform("app");
    pushImage("app");

    List<ModuleDeployReport> dry = deployer(true).deploy(List.of(app));

    assertThat(dry.get(0).action()).isEqualTo("would-deploy");
    assertThat(dry.get(0).reasons()).anyMatch(r -> r.startsWith("would terraform apply"));
    assertThat(deploy.exists("app", COMMIT)).isFalse();
    assertThat(cache.exists("app", "master")).isFalse();
    assertThat(DeployLock.read(deploy)).isEmpty();
    assertThat(applies).isEmpty();
    assertThat(restarts).isEmpty();
  }

  @Test
  void dryRunReportsTheHolderWithoutTakingTheLock() throws Exception {
    ImageModule app = module("app");
    pushImage("app");
    DeployLock held =
        DeployLock.acquire(deploy, lock("run-a", "host-a", Instant.now()), Duration.ZERO, false);

    assertThat(deployer(true).deploy(List.of(app)))
        .extracting(ModuleDeployReport::action)
        .containsExactly("would-deploy");
    assertThat(DeployLock.read(deploy)).map(DeployLock.Holder::run).contains("run-a");
    assertThatThrownBy(() -> deployer(false).deploy(List.of(app)))
        .hasMessageStartingWith("deploy locked by run-a (host host-a");
    assertThat(deploy.exists("app", COMMIT)).isFalse();
    held.release();
  }

  @Test
  void anUnreachableDeployRegistryIsOneLineAndChangesNothing() throws Exception {
    ImageModule app = module("app");
    pushImage("app");
    int closedPort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    Registry down =
        Registries.forUrl(
            "127.0.0.1:" + closedPort + "/" + prefix,
            RegistryOptions.defaults()
                .withCredentials(CredentialChain.none())
                .withRetries(2, Duration.ofMillis(1)));

    assertThatThrownBy(() -> deployer(false, down).deploy(List.of(app)))
        .isInstanceOf(DeployException.class)
        .hasMessageStartingWith("127.0.0.1:" + closedPort + "/" + prefix + ": cannot complete")
        .hasMessageContaining(") after 2 attempts in ")
        .hasMessageContaining(" s; check that the registry is running and the URL is right")
        .hasMessageNotContaining("\n");
    assertThat(cache.exists("app", "master")).isFalse();
    assertThat(applies).isEmpty();
  }

  @Test
  void wrongDeployRegistryCredentialsAreOneLineWithoutTheSecret() throws Exception {
    ImageModule app = module("app");
    pushImage("app");
    String password = "wrong-" + prefix;
    Registry auth =
        Registries.forUrl(
            LocalServices.AUTH + "/" + prefix,
            RegistryOptions.defaults()
                .withCredentials(
                    CredentialChain.of(
                        StaticCredentials.explicit(
                            Map.of(
                                LocalServices.AUTH,
                                new Credentials(LocalServices.AUTH_USER, password)))))
                .withRetries(2, Duration.ofMillis(1)));

    assertThatThrownBy(() -> deployer(false, auth).deploy(List.of(app)))
        .isInstanceOf(DeployException.class)
        .hasMessageStartingWith("401 Unauthorized from " + LocalServices.AUTH)
        .hasMessageContaining("check them")
        .hasMessageNotContaining(password)
        .hasMessageNotContaining("\n");
    assertThat(cache.exists("app", "master")).isFalse();
  }

  @Test
  void noTerraformBinaryFailsTheModuleWithTheFix() throws Exception {
    ImageModule base = module("base");
    ImageModule app = moduleWithTerraform("app");
    pushImage("base");
    pushImage("app");

    assertThatThrownBy(() -> deployer(false, deploy, Optional.empty()).deploy(List.of(base, app)))
        .hasMessage(
            "app: has terraform/ but no terraform binary is available; check azbuild.terraform.version;"
                + " modules before it are deployed and recorded, rerun to resume");
    assertThat(DeployMarker.read(deploy, "base")).isPresent();
    assertThat(DeployMarker.read(deploy, "app")).isEmpty();
  }

  @Test
  void aTerraformBinaryThatCannotRunIsOneLine() throws Exception {
    ImageModule app = moduleWithTerraform("app");
    pushImage("app");
    Path missing = dir.resolve("no-such-terraform");
    TerraformRunner real = new CliTerraform(missing, dir.resolve("plugins"), Duration.ofMinutes(1));

    assertThatThrownBy(() -> deployer(false, deploy, Optional.of(real)).deploy(List.of(app)))
        .hasMessageStartingWith("app: terraform apply failed: ")
        .hasMessageContaining(missing.toString())
        .hasMessageNotContaining("\n");
    assertThat(DeployMarker.read(deploy, "app")).isEmpty();
  }

  @Test
  void invalidTerraformIsOneLineWithFileAndLineAndNothingRecorded() throws Exception {
    ImageModule app = module("app");
    Files.createDirectories(app.basedir().resolve("terraform"));
    Files.writeString(
        app.basedir().resolve("terraform/main.tf"),
        "variable \"image\" {}\nresource \"terraform_data\" {\n");
    pushImage("app");
    TerraformRunner real =
        new CliTerraform(
            Path.of("/usr/local/bin/terraform"), dir.resolve("plugins"), Duration.ofMinutes(2));

    assertThatThrownBy(() -> deployer(false, deploy, Optional.of(real)).deploy(List.of(app)))
        .hasMessageStartingWith("app: terraform apply failed: ")
        .hasMessageContaining("main.tf:2")
        .hasMessageNotContaining("\n");
    assertThat(DeployMarker.read(deploy, "app")).isEmpty();
    assertThat(DeployedCommit.read(cache).map(DeployedCommit::commit)).isEmpty();
  }

  private static DeployLock.Holder lock(String run, String host, Instant time) {
    return DeployLock.Holder.ours(run, host, COMMIT, time, DeployLock.DEFAULT_STALE_AFTER);
  }

  @Test
  void branchGuard() throws Exception {
    BranchGuard.check("main", "main", false);
    BranchGuard.check("feature", "main", true);
    assertThatThrownBy(() -> BranchGuard.check("feature", "main", false))
        .hasMessage(
            "deploy runs only on the default branch main, not on branch feature;"
                + " set -Dazbuild.deploy.allowBranch=true to deploy this branch anyway");
  }

  @Test
  void terraformHashFollowsFilesAndImageName() throws Exception {
    Path tf = dir.resolve("tf");
    assertThat(TerraformInputs.hash(tf, "image", "r/a")).isEqualTo(TerraformInputs.NONE);
    Files.createDirectories(tf.resolve(".terraform"));
    Files.writeString(tf.resolve("main.tf"), "a");
    String h = TerraformInputs.hash(tf, "image", "r/a");
    Files.writeString(tf.resolve(".terraform/junk"), "x");
    assertThat(TerraformInputs.hash(tf, "image", "r/a")).isEqualTo(h);
    assertThat(TerraformInputs.hash(tf, "image", "r/b")).isNotEqualTo(h);
    Files.writeString(tf.resolve("main.tf"), "b");
    assertThat(TerraformInputs.hash(tf, "image", "r/a")).isNotEqualTo(h);
  }

  private static void deleteTree(Path root) throws Exception {
    try (var walk = Files.walk(root)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private Deployer deployer(boolean dryRun) {
    return deployer(dryRun, deploy);
  }

  private Deployer deployer(boolean dryRun, Registry deployTo) {
    return deployer(dryRun, deployTo, Optional.of(new FakeTerraform()));
  }

  private Deployer deployer(
      boolean dryRun, Registry deployTo, Optional<TerraformRunner> terraform) {
    DeploySettings settings =
        new DeploySettings(
            commit,
            "master",
            "image",
            dir.resolve("state"),
            dryRun,
            "run-" + UUID.randomUUID(),
            "test-host",
            Duration.ZERO,
            DeployLock.DEFAULT_STALE_AFTER,
            false,
            allowTerraformRemoval,
            RequestPool.DEFAULT_CONCURRENCY);
    return new Deployer(
        cache,
        deployTo,
        terraform,
        new FakeRestarter(),
        settings,
        new DeployReport(dir.resolve("deploy.json"), commit, dryRun));
  }

  /** A distinct "image" of {@link #commit} for {@code image} in the cache registry; its digest. */
  private String pushImage(String image) throws Exception {
    cache.putRecord(
        image,
        commit,
        ("{\"image\":\"" + image + "\",\"run\":\"" + prefix + "\",\"commit\":\"" + commit + "\"}")
            .getBytes(StandardCharsets.UTF_8));
    return cache.digest(image, commit).orElseThrow();
  }

  private ImageModule module(String image) throws Exception {
    Path basedir = Files.createDirectories(dir.resolve(image));
    return new ImageModule(
        "it:" + image,
        image,
        basedir,
        image,
        image + "/Dockerfile",
        image,
        List.of(),
        List.of(),
        Map.of());
  }

  private ImageModule moduleWithTerraform(String image) throws Exception {
    ImageModule m = module(image);
    Files.createDirectories(m.basedir().resolve("terraform"));
    Files.writeString(m.basedir().resolve("terraform/main.tf"), "variable \"image\" {}\n");
    return m;
  }

  private final class FakeTerraform implements TerraformRunner {
    @Override
    public TerraformValidation validate(Path moduleDir) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean apply(TerraformWorkspace workspace, Map<String, String> vars)
        throws TerraformException {
      String image = workspace.moduleDir().getParent().getFileName().toString();
      if (image.equals(failApplyFor)) {
        throw new TerraformException(workspace.moduleDir(), "terraform apply", 1, "Error: boom");
      }
      applies.add(image + " image=" + vars.get("image"));
      return true;
    }

    @Override
    public Map<String, String> outputs(TerraformWorkspace workspace) {
      return Map.of();
    }
  }

  private final class FakeRestarter implements ServiceRestarter {
    @Override
    public boolean restart(String image, String taggedReference, String digestReference)
        throws DeployException {
      if (image.equals(failRestartFor)) {
        throw new DeployException(image + ": ECS service " + image + " not stable within 1s");
      }
      restarts.add(image);
      return true;
    }

    @Override
    public String describe(String image) {
      return "fake " + image;
    }
  }
}
