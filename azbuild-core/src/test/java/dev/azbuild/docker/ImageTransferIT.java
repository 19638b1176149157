package dev.azbuild.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.azbuild.image.ImageReference;
import dev.azbuild.io.Retries;
import dev.azbuild.registry.Credentials;
import dev.azbuild.testing.LocalServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pushes and pulls between the real daemon and the local registries. */
class ImageTransferIT {

  private static final String RUN = LocalServices.uniqueSuffix();
  private static final Retries FAST_RETRY =
      Retries.of(3).withDelays(Duration.ofMillis(20), Duration.ofMillis(100));
  private static final List<String> CREATED = new ArrayList<>();

  private static DockerDaemon daemon;
  private static ImageTags images;
  private static ImageTransfer transfer;

  /** A small image of this run: the base layer plus one layer of 200 kB random bytes. */
  private static String imageId;

  @BeforeAll
  static void buildImage(@TempDir Path dir) throws Exception {
    daemon = LocalServices.daemon();
    images = new ImageTags(daemon);
    transfer = new ImageTransfer(daemon, FAST_RETRY);
    // the daemon mounts a layer from another repository of a registry only when it remembers
    // having pushed or pulled it there, and it remembers the last 50 repositories per layer: on a
    // daemon that pushed the base layer elsewhere since, pushing the base image again (a no-op,
    // same digest) makes it remember the cache registry's copy
    transfer.push(LocalServices.BASE_IMAGE);
    Files.writeString(
        dir.resolve("Dockerfile"),
        """
        FROM %s
        RUN head -c 200000 /dev/urandom > /random-%s
        """
            .formatted(LocalServices.BASE_IMAGE, RUN));
    imageId = new ImageBuilder(daemon).build(BuildRequest.of(dir)).imageId();
  }

  @AfterAll
  static void cleanUp() throws Exception {
    for (String ref : CREATED) {
      images.remove(ref);
    }
    images.remove(imageId);
    daemon.close();
  }

  /** Tags this run's image as {@code registry/azbuild-test/name-RUN:tag}. */
  private static String tagged(String registry, String name, String tag)
      throws DockerOperationException {
    String repository = registry + "/azbuild-test/" + name + "-" + RUN;
    images.tag(imageId, repository, tag);
    CREATED.add(repository + ":" + tag);
    return repository + ":" + tag;
  }

  @Test
  void secondPushTransfersNothing() throws Exception {
    String ref = tagged(LocalServices.CACHE, "push", "t1");

    TransferResult first = transfer.push(ref);
    TransferResult second = transfer.push(ref);

    assertThat(first.layers()).isEqualTo(2);
    assertThat(first.layersSkipped()).isEqualTo(1); // mounted from the base image's repository
    assertThat(first.bytesTransferred()).isGreaterThanOrEqualTo(200_000);
    assertThat(first.digest()).hasValueSatisfying(d -> assertThat(d).startsWith("sha256:"));
    assertThat(second.layersSkipped()).isEqualTo(second.layers()).isEqualTo(2);
    assertThat(second.bytesTransferred()).isZero();
    assertThat(second.digest()).isEqualTo(first.digest());
  }

  @Test
  void pullBringsBackARemovedImage() throws Exception {
    String ref = tagged(LocalServices.CACHE, "pull", "t1");
    transfer.push(ref);
    images.remove(ref);
    images.remove(imageId);
    assertThat(images.exists(ref)).isFalse();

    Optional<TransferResult> pulled = transfer.pull(ref);

    assertThat(pulled)
        .hasValueSatisfying(
            r -> {
              assertThat(r.layers()).isEqualTo(2);
              assertThat(r.layersSkipped()).isEqualTo(1); // the base layer is still local
              assertThat(r.bytesTransferred()).isPositive();
            });
    assertThat(images.imageId(ref)).contains(imageId);
  }

  @Test
  void pullOfAMissingTagOrRepositoryIsEmpty() throws Exception {
    assertThat(transfer.pull(LocalServices.CACHE + "/base/busybox:no-such-tag-" + RUN)).isEmpty();
    assertThat(transfer.pull(LocalServices.CACHE + "/azbuild-test/never-pushed-" + RUN + ":1"))
        .isEmpty();
  }

  @Test
  void pullByDigestWithCredentialsBringsBackTheImageItNames() throws Exception {
    String registry = LocalServices.AUTH;
    String ref = tagged(registry, "bydigest", "t1");
    Credentials auth = new Credentials(LocalServices.AUTH_USER, LocalServices.authPassword());
    String digest = transfer.push(ref, Optional.of(auth)).digest().orElseThrow();
    String byDigest = ImageReference.parse(ref).name() + "@" + digest;
    images.remove(ref);
    images.remove(imageId);
    assertThat(images.exists(byDigest)).isFalse();

    assertThat(transfer.pull(byDigest, Optional.of(auth))).isPresent();

    assertThat(images.imageId(byDigest)).contains(imageId);
    assertThat(images.layers(byDigest)).hasSize(2);
    assertThat(
            transfer.pull(
                ImageReference.parse(ref).name() + "@sha256:" + "0".repeat(64), Optional.of(auth)))
        .isEmpty();
  }

  @Test
  void pushToTheAuthRegistryWithCredentials() throws Exception {
    String registry = LocalServices.AUTH;
    String ref = tagged(registry, "auth", "t1");
    Credentials auth = new Credentials(LocalServices.AUTH_USER, LocalServices.authPassword());

    TransferResult pushed = transfer.push(ref, Optional.of(auth));

    assertThat(pushed.layers()).isEqualTo(2);
    images.remove(ref);
    assertThat(transfer.pull(ref, Optional.of(auth))).isPresent();
  }

  @Test
  void wrongPasswordIsOneLineWithoutThePassword() throws Exception {
    String registry = LocalServices.AUTH;
    String ref = tagged(registry, "badauth", "t1");
    String wrong = "wrong-pw-" + RUN;
    Credentials auth = new Credentials(LocalServices.AUTH_USER, wrong);

    try (StderrCapture log = new StderrCapture()) {
      assertThatThrownBy(() -> transfer.push(ref, Optional.of(auth)))
          .isInstanceOfSatisfying(
              ImageTransferException.class,
              e -> {
                assertThat(e.getMessage())
                    .isEqualTo(
                        "push of "
                            + ref
                            + " to "
                            + registry
                            + " failed: unauthorized: authentication required (check the registry credentials)");
                assertThat(e.registry()).isEqualTo(registry);
              });
      assertThatThrownBy(() -> transfer.pull(ref, Optional.of(auth)))
          .isInstanceOf(ImageTransferException.class)
          .hasMessageContaining("unauthorized");
      assertThat(log.text()).doesNotContain(wrong).doesNotContain("try 2/3");
    }
  }

  @Test
  void pushOfAnImageThatIsNotLocal() {
    String ref = LocalServices.CACHE + "/azbuild-test/not-local-" + RUN + ":1";

    assertThatThrownBy(() -> transfer.push(ref))
        .isInstanceOf(ImageTransferException.class)
        .hasMessage("push of " + ref + ": no such local image; build or tag it first");
  }

  @Test
  void pushRetriesA503AndSucceeds() throws Exception {
    try (FailingRegistry registry = new FailingRegistry(FailingRegistry.Failure.STATUS_503, 2)) {
      String ref = tagged(registry.address(), "retry", "t1");

      TransferResult result = transfer.push(ref);

      assertThat(result.attempts()).isEqualTo(3);
      assertThat(registry.manifestPuts()).isEqualTo(3);
    }
  }

  @Test
  void registryDyingMidPushFailsAfterRetriesNamingRegistryAndImage() throws Exception {
    try (FailingRegistry registry =
        new FailingRegistry(FailingRegistry.Failure.DROP_CONNECTION, 100)) {
      String ref = tagged(registry.address(), "dying", "t1");

      assertThatThrownBy(() -> transfer.push(ref))
          .isInstanceOf(ImageTransferException.class)
          .hasMessageStartingWith(
              "push of " + ref + " to " + registry.address() + " failed after 3 attempts in ")
          .hasMessageNotContaining("\n");
      assertThat(registry.manifestPuts()).isEqualTo(3);
    }
  }

  @Test
  void unreachableRegistryFailsAfterRetries() throws Exception {
    String registry = "127.0.0.1:1"; // nothing listens on port 1
    String ref = tagged(registry, "down", "t1");

    assertThatThrownBy(() -> transfer.push(ref))
        .isInstanceOf(ImageTransferException.class)
        .hasMessageStartingWith(
            "push of " + ref + " to " + registry + " failed after 3 attempts in ")
        .hasMessageContaining("connection refused");
  }

  @Test
  void theDaemonsOwnLayerRetriesEndAnAttemptSoAFailingPushTakesSeconds() throws Exception {
    // the registry drops every blob upload: alone, the daemon would retry each layer 5 times, 50 s
    try (FailingRegistry registry =
        new FailingRegistry(FailingRegistry.Failure.DROP_BLOB_UPLOAD, 1000)) {
      String ref = tagged(registry.address(), "layerretry", "t1");
      long start = System.nanoTime();

      assertThatThrownBy(() -> transfer.push(ref))
          .isInstanceOf(ImageTransferException.class)
          .hasMessageMatching(
              "push of "
                  + java.util.regex.Pattern.quote(ref)
                  + " to "
                  + registry.address()
                  + " failed after 3 attempts in \\d+\\.\\d s: the push of layer [0-9a-f]{12}"
                  + " failed and the daemon would retry it \\(retrying in 5 seconds\\)");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
      assertThat(registry.blobUploads()).isBetween(3, 6);
    }
  }

  @Test
  void noAttemptStartsAfterTheTimeBudget() throws Exception {
    try (FailingRegistry registry =
        new FailingRegistry(FailingRegistry.Failure.DROP_CONNECTION, 100)) {
      String ref = tagged(registry.address(), "budget", "t1");
      ImageTransfer patient =
          new ImageTransfer(
              daemon,
              Retries.of(50)
                  .withDelays(Duration.ofMillis(300), Duration.ofMillis(300))
                  .withBudget(Duration.ofSeconds(2)));
      long start = System.nanoTime();

      assertThatThrownBy(() -> patient.push(ref))
          .isInstanceOf(ImageTransferException.class)
          .hasMessageContaining(" failed after ")
          .hasMessageContaining(" attempts in ");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
      assertThat(registry.manifestPuts()).isBetween(2, 10);
    }
  }

  @Test
  void aTransferThatReportsNothingIsStoppedAfterTheStallLimit() throws Exception {
    try (FailingRegistry registry = new FailingRegistry(FailingRegistry.Failure.HANG, 1000)) {
      String ref = tagged(registry.address(), "stall", "t1");
      ImageTransfer impatient = new ImageTransfer(daemon, FAST_RETRY, Duration.ofSeconds(1));

      assertThatThrownBy(() -> impatient.push(ref))
          .isInstanceOf(ImageTransferException.class)
          .hasMessageContaining(" failed after 3 attempts in ")
          .hasMessageEndingWith(": the daemon reported no progress for 1.0 s");
    }
  }

  @Test
  void retriesAreLoggedWithTheTryNumber() throws Exception {
    try (FailingRegistry registry = new FailingRegistry(FailingRegistry.Failure.STATUS_503, 1);
        StderrCapture log = new StderrCapture()) {
      String ref = tagged(registry.address(), "retrylog", "t1");

      assertThat(transfer.push(ref).attempts()).isEqualTo(2);
      assertThat(log.text())
          .contains("push of " + ref + " to " + registry.address() + " failed (")
          .contains("try 2/3")
          .doesNotContain("try 3/3");
    }
  }
}
