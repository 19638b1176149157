package dev.azbuild.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.azbuild.plan.DeployedImages;
import dev.azbuild.registry.CredentialChain;
import dev.azbuild.registry.Registries;
import dev.azbuild.registry.Registry;
import dev.azbuild.registry.RegistryException;
import dev.azbuild.registry.RegistryOptions;
import dev.azbuild.testing.PrivateRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The deploy record: what diff mode reads instead of asking for every module's master image. */
class DeployedCommitTest {

  private static final String COMMIT = "c".repeat(40);
  private static final String API = "sha256:" + "a".repeat(64);
  private static final String WEB = "sha256:" + "b".repeat(64);

  private static final AtomicInteger PREFIXES = new AtomicInteger();

  @TempDir static Path registryDir;
  private static PrivateRegistry registry;
  private Registry cache;

  @BeforeAll
  static void startRegistry() throws Exception {
    registry = PrivateRegistry.start(registryDir);
  }

  @AfterAll
  static void stopRegistry() {
    registry.close();
  }

  @BeforeEach
  void setUp() throws Exception {
    cache =
        Registries.forUrl(
            registry.host() + "/deployed" + PREFIXES.incrementAndGet(),
            RegistryOptions.defaults()
                .withCredentials(CredentialChain.none())
                .withRetries(1, Duration.ofMillis(1)));
  }

  @AfterEach
  void tearDown() {
    cache.close();
  }

  @Test
  void roundTripNamesEveryMasterImage() throws Exception {
    Instant time = Instant.parse("2026-12-03T10:00:00Z");
    new DeployedCommit(COMMIT, time, "master", Map.of("web", WEB, "api", API)).write(cache);

    DeployedCommit read = DeployedCommit.read(cache).orElseThrow();
    assertThat(read)
        .isEqualTo(new DeployedCommit(COMMIT, time, "master", Map.of("api", API, "web", WEB)));
    DeployedImages images = read.deployedImages();
    assertThat(images.names("api", "master")).isTrue();
    assertThat(images.names("api", "production")).as("another master tag").isFalse();
    assertThat(images.names("worker", "master")).as("not deployed").isFalse();
    assertThat(images.describe()).isEqualTo("the deploy record of cccccccccccc");
  }

  @Test
  void aRecordWrittenBeforeTheImagesWereKeptStillGivesItsCommit() throws Exception {
    put("{\"commit\":\"" + COMMIT + "\",\"time\":\"2026-12-01T10:00:00Z\"}");
    DeployedCommit read = DeployedCommit.read(cache).orElseThrow();
    assertThat(read.commit()).isEqualTo(COMMIT);
    assertThat(read.deployedImages().isEmpty()).isTrue(); // diff mode asks for every module
  }

  @Test
  void aRecordOfAnotherVersionGivesOnlyItsCommit() throws Exception {
    put(
        "{\"format\":\"azbuild-deployed\",\"version\":2,\"commit\":\""
            + COMMIT
            + "\",\"masterTag\":\"master\",\"images\":{\"api\":\""
            + API
            + "\"}}");
    // the base of the next build on the default branch is kept (else HEAD~1 could hide an
    // undeployed change); its images are not used
    DeployedCommit read = DeployedCommit.read(cache).orElseThrow();
    assertThat(read.commit()).isEqualTo(COMMIT);
    assertThat(read.deployedImages().names("api", "master")).isFalse();
  }

  @Test
  void aDamagedImageEntryDropsTheImagesButKeepsTheCommit() throws Exception {
    put(
        "{\"format\":\"azbuild-deployed\",\"version\":1,\"commit\":\""
            + COMMIT
            + "\",\"time\":\"2026-12-01T10:00:00Z\",\"masterTag\":\"master\","
            + "\"images\":{\"api\":\""
            + API
            + "\",\"web\":\"latest\"}}");
    DeployedCommit read = DeployedCommit.read(cache).orElseThrow();
    assertThat(read.commit()).isEqualTo(COMMIT);
    assertThat(read.images()).isEmpty();
  }

  @Test
  void somethingElseUnderTheTagIsAOneLineError() throws Exception {
    put("not json");
    assertThatThrownBy(() -> DeployedCommit.read(cache))
        .isInstanceOf(RegistryException.class)
        .hasMessageStartingWith(
            cache.describe() + "/azbuild-deployed:commit is not a deployed-commit record (")
        .hasMessageEndingWith("); delete the tag")
        .hasMessageNotContaining("\n");
  }

  @Test
  void noRecordYet() throws Exception {
    assertThat(DeployedCommit.read(cache)).isEmpty();
  }

  private void put(String json) throws Exception {
    cache.putRecord(
        DeployedCommit.REPOSITORY, DeployedCommit.TAG, json.getBytes(StandardCharsets.UTF_8));
  }
}
