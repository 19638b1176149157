package dev.azbuild.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.azbuild.testing.LocalServices;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retries through a proxy that injects failures in front of the real cache registry. */
class RetryIT {

  private RegistryProxy proxy;
  private Registry registry;

  @BeforeAll
  static void pushFixture() {
    TestImages.ensurePushed();
  }

  @BeforeEach
  void startProxy() throws Exception {
    proxy = RegistryProxy.to(LocalServices.CACHE);
    registry = Registries.forUrl(proxy.host(), LocalServices.registryOptions());
  }

  @AfterEach
  void stopProxy() {
    registry.close();
    proxy.close();
  }

  @Test
  void twoServiceUnavailableAnswersAreRetriedAway() throws Exception {
    proxy.failNext(2, 503);

    assertThat(registry.digest(TestImages.REPOSITORY, TestImages.TAG))
        .contains(TestImages.digest());
    assertThat(proxy.requests())
        .hasSize(3)
        .allMatch(r -> r.startsWith("HEAD /v2/azbtest/app/manifests/"));
  }

  @Test
  void tooManyRequestsIsRetriedToo() throws Exception {
    proxy.failNext(1, 429);

    assertThat(registry.exists(TestImages.REPOSITORY, TestImages.TAG)).isTrue();
    assertThat(proxy.requests()).hasSize(2);
  }

  @Test
  void persistentFailureGivesUpAfterTheConfiguredAttempts() {
    proxy.failNext(100, 502);

    assertThatThrownBy(() -> registry.exists(TestImages.REPOSITORY, TestImages.TAG))
        .isInstanceOf(RegistryException.class)
        .hasMessageMatching(
            java.util.regex.Pattern.quote(
                    proxy.host() + ": 502 Bad Gateway for manifest azbtest/app:" + TestImages.TAG)
                + " after 3 attempts in \\d+\\.\\d s; the registry is failing or throttling, retry"
                + " later or check its logs");
    assertThat(proxy.requests()).hasSize(3);
  }

  @Test
  void notFoundIsNotRetried() {
    assertThatThrownBy(
            () -> registry.getManifest(TestImages.REPOSITORY, "missing-" + TestImages.RUN))
        .isInstanceOf(RegistryException.class)
        .satisfies(e -> assertThat(((RegistryException) e).status()).isEqualTo(404));
    // one manifest request, and the one /v2/ request that tells a registry's 404 from a web page's
    assertThat(proxy.requests()).filteredOn(r -> r.contains("/manifests/")).hasSize(1);
    assertThat(proxy.requests()).filteredOn(r -> r.endsWith(" /v2/")).hasSize(1);
    assertThat(proxy.requests()).hasSize(2);
  }

  @Test
  void aFailedBlobStreamIsRetriedFromAFreshUpload() throws Exception {
    String repo = "azbtest/retry-" + TestImages.RUN;
    String uploads = "/v2/" + repo + "/blobs/uploads/";
    proxy.failMatching("PUT " + uploads, 1, 503);

    try (Registry cache = Registries.forUrl(LocalServices.CACHE, LocalServices.registryOptions())) {
      CopyResult result =
          cache.copy(TestImages.REPOSITORY, TestImages.TAG, registry, repo, List.of("r"));

      assertThat(result.digest()).isEqualTo(TestImages.digest());
      assertThat(registry.digest(repo, "r")).contains(TestImages.digest());
      List<String> requests = proxy.requests();
      long starts = requests.stream().filter(r -> r.equals("POST " + uploads)).count();
      long puts = requests.stream().filter(r -> r.startsWith("PUT " + uploads)).count();
      assertThat(starts).isEqualTo(result.blobsCopied() + 1);
      assertThat(puts).isEqualTo(result.blobsCopied() + 1);
    }
  }

  @Test
  void unreachableRegistryIsAOneLineErrorWithTheFix() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    try (Registry nowhere =
        Registries.forUrl(
            "127.0.0.1:" + port,
            LocalServices.registryOptions().withRetries(2, Duration.ofMillis(1)))) {
      assertThatThrownBy(() -> nowhere.exists("a", "b"))
          .isInstanceOf(RegistryException.class)
          .hasMessageStartingWith(
              "127.0.0.1:" + port + ": cannot complete manifest a:b (ConnectException")
          .hasMessageContaining(") after 2 attempts in ")
          .hasMessageEndingWith(" s; check that the registry is running and the URL is right");
    }
  }
}
