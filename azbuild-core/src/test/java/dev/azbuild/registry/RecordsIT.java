package dev.azbuild.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.azbuild.testing.LocalServices;
import dev.azbuild.testing.LogCapture;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * JSON records as OCI artifacts, on a plain registry and on ECR (moto control plane, local data
 * plane).
 */
class RecordsIT {

  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

  @BeforeAll
  static void awsCredentialsForMoto() {
    System.setProperty("aws.accessKeyId", "test");
    System.setProperty("aws.secretAccessKey", "test");
  }

  @Test
  void roundTripOnAPlainRegistryAndOverwrite() throws Exception {
    try (Registry deploy =
        Registries.forUrl(
            LocalServices.DEPLOY + "/azbtest-rec-" + RUN, LocalServices.registryOptions())) {
      deploy.putRecord("svc", "rec", bytes("{\"n\":1}"));
      deploy.putRecord("svc", "rec", bytes("{\"n\":2}"));
      assertThat(deploy.getRecord("svc", "rec")).map(RecordsIT::text).contains("{\"n\":2}");
      assertThat(deploy.getRecord("svc", "other")).isEmpty();
      assertThat(deploy.getManifest("svc", "rec").mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
    }
  }

  @Test
  void aTagThatIsNotARecordIsRefused() throws Exception {
    TestImages.ensurePushed();
    try (Registry cache = Registries.forUrl(LocalServices.CACHE, LocalServices.registryOptions())) {
      assertThatThrownBy(() -> cache.getRecord(TestImages.REPOSITORY, TestImages.TAG))
          .isInstanceOf(RegistryException.class)
          .hasMessageContaining("is not an azbuild record");
    }
  }

  @Test
  void roundTripOnEcrCreatesTheRepository() throws Exception {
    RegistryOptions options =
        LocalServices.registryOptions()
            .withAwsEndpoint(LocalServices.AWS_ENDPOINT)
            .withEcrDataPlane(LocalServices.DEPLOY);
    try (Registry ecr =
        Registries.forUrl(
            "123456789012.dkr.ecr.eu-west-2.amazonaws.com/azbtest-rec-" + RUN, options)) {
      ecr.putRecord("lock", "lock", bytes("{\"run\":\"x\"}"));
      assertThat(ecr.getRecord("lock", "lock")).map(RecordsIT::text).contains("{\"run\":\"x\"}");
      assertThat(ecr.ensureRepository("lock")).isEqualTo(RepoStatus.EXISTS);
    }
  }

  @Test
  void oneManifestGetReadsARecord() throws Exception {
    try (RegistryProxy proxy = RegistryProxy.to(LocalServices.DEPLOY);
        Registry deploy =
            Registries.forUrl(
                proxy.host() + "/azbtest-rec1-" + RUN, LocalServices.registryOptions())) {
      deploy.putRecord("svc", "one", bytes("{\"n\":1}"));
      proxy.clear();

      assertThat(deploy.getRecord("svc", "one")).map(RecordsIT::text).contains("{\"n\":1}");
      assertThat(proxy.requests())
          .containsExactly("GET /v2/azbtest-rec1-" + RUN + "/svc/manifests/one");
    }
  }

  @Test
  void aRecordTooLargeForTheAnnotationIsReadFromItsBlob() throws Exception {
    StringBuilder big = new StringBuilder("{\"x\":\"");
    java.util.Random random = new java.util.Random(1);
    while (big.length() < 1_600_000) {
      big.append(Long.toHexString(random.nextLong())); // hex: gzip halves it, base64 adds a third
    }
    big.append("\"}");
    try (RegistryProxy proxy = RegistryProxy.to(LocalServices.DEPLOY);
        Registry deploy =
            Registries.forUrl(
                proxy.host() + "/azbtest-rec2-" + RUN, LocalServices.registryOptions())) {
      deploy.putRecord("svc", "big", bytes(big.toString()));
      proxy.clear();

      assertThat(deploy.getRecord("svc", "big")).map(RecordsIT::text).contains(big.toString());
      assertThat(proxy.requests()).hasSize(2).last().asString().contains("/blobs/sha256:");
    }
  }

  @Test
  void aRegistryRefusingArtifactsGetsPlainImageManifests() throws Exception {
    try (RegistryProxy proxy = RegistryProxy.to(LocalServices.DEPLOY);
        Registry deploy =
            Registries.forUrl(
                proxy.host() + "/azbtest-rec3-" + RUN, LocalServices.registryOptions());
        LogCapture log = new LogCapture()) {
      proxy.refuseConfigType(Records.MEDIA_TYPE);

      deploy.putRecord("svc", "a", bytes("{\"n\":1}"));
      deploy.putRecord("svc", "b", bytes("{\"n\":2}"));

      assertThat(deploy.getRecord("svc", "a")).map(RecordsIT::text).contains("{\"n\":1}");
      assertThat(deploy.getRecord("svc", "b")).map(RecordsIT::text).contains("{\"n\":2}");
      String manifest = text(deploy.getManifest("svc", "b").bytes());
      assertThat(manifest).contains(Records.IMAGE_CONFIG).doesNotContain(Records.MEDIA_TYPE);
      // refused once: the second record goes straight to the image encoding, warned about once
      assertThat(
              proxy.requests().stream()
                  .filter(r -> r.startsWith("PUT ") && r.contains("/manifests/")))
          .hasSize(3);
      assertThat(log.text())
          .containsOnlyOnce("refuses OCI artifacts")
          .contains("400 Bad Request from " + proxy.host())
          .contains("MANIFEST_INVALID");
    }
  }

  @Test
  void aDamagedAnnotationIsAOneLineError() throws Exception {
    try (Registry deploy =
        Registries.forUrl(
            LocalServices.DEPLOY + "/azbtest-rec4-" + RUN, LocalServices.registryOptions())) {
      deploy.putRecord("svc", "good", bytes("{\"n\":1}"));
      Manifest good = deploy.getManifest("svc", "good");
      String damaged =
          text(good.bytes())
              .replaceFirst(
                  "\"dev\\.azbuild\\.record\":\"[^\"]+\"", "\"dev.azbuild.record\":\"%%%\"");
      deploy.putManifest("svc", "bad", Manifest.of(bytes(damaged), MediaTypes.OCI_MANIFEST));

      assertThatThrownBy(() -> deploy.getRecord("svc", "bad"))
          .isInstanceOf(RegistryException.class)
          .hasMessageContaining(
              "svc:bad: annotation dev.azbuild.record is not a gzip+base64 record")
          .hasMessageNotContaining("\n");
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
