package dev.azbuild.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.azbuild.testing.LocalServices;
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

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
