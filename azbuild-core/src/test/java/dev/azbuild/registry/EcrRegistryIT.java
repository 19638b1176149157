package dev.azbuild.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.azbuild.testing.LocalServices;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * ECR against moto (control plane) with the local registries as data plane. moto keeps state while
 * it runs, so every repository name carries this run's id.
 */
class EcrRegistryIT {

  static final String HOST = "123456789012.dkr.ecr.eu-west-1.amazonaws.com";
  static final String POLICY =
      """
      {"rules":[{"rulePriority":1,"description":"keep 30",
        "selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":30},
        "action":{"type":"expire"}}]}""";
  // Same policy: keys reordered, whitespace changed.
  static final String POLICY_REORDERED =
      """
      {  "rules": [ { "action": {"type": "expire"}, "description": "keep 30",
           "selection": {"countNumber": 30, "countType": "imageCountMoreThan", "tagStatus": "any"},
           "rulePriority": 1 } ] }""";

  private static RegistryOptions options;
  private static Registry ecr;

  @BeforeAll
  static void awsCredentialsForMoto() throws Exception {
    TestImages.ensurePushed();
    // The SDK's default chain reads these first; moto accepts any key.
    System.setProperty("aws.accessKeyId", "test");
    System.setProperty("aws.secretAccessKey", "test");
    options = LocalServices.registryOptions().withAwsEndpoint(LocalServices.AWS_ENDPOINT);
    ecr = Registries.forUrl(HOST, options);
  }

  @AfterAll
  static void close() {
    ecr.close();
  }

  @Test
  void ecrHostsGiveAnEcrRegistry() throws Exception {
    assertThat(ecr).isInstanceOf(EcrRegistry.class);
    assertThat(((EcrRegistry) ecr).account()).isEqualTo("123456789012");
    assertThat(((EcrRegistry) ecr).region()).isEqualTo("eu-west-1");
    assertThat(EcrRegistry.isEcrHost(HOST)).isTrue();
    assertThat(EcrRegistry.isEcrHost("127.0.0.1:5000")).isFalse();
  }

  @Test
  void ensureRepositoryCreatesThenFindsIt() throws Exception {
    String repo = "azbtest/ensure-" + TestImages.RUN;

    assertThat(ecr.ensureRepository(repo)).isEqualTo(RepoStatus.CREATED);
    assertThat(ecr.ensureRepository(repo)).isEqualTo(RepoStatus.EXISTS);
  }

  @Test
  void lifecyclePolicyIsReappliedOnlyWhenItsJsonDiffers() throws Exception {
    String repo = "azbtest/policy-" + TestImages.RUN;
    ecr.ensureRepository(repo);

    assertThat(ecr.applyLifecyclePolicy(repo, POLICY)).isEqualTo(PolicyStatus.UPDATED);
    assertThat(ecr.applyLifecyclePolicy(repo, POLICY)).isEqualTo(PolicyStatus.UNCHANGED);
    assertThat(ecr.applyLifecyclePolicy(repo, POLICY_REORDERED)).isEqualTo(PolicyStatus.UNCHANGED);
    assertThat(ecr.applyLifecyclePolicy(repo, POLICY.replace("30}", "40}")))
        .isEqualTo(PolicyStatus.UPDATED);
  }

  @Test
  void lifecyclePolicyErrorsAreOneLine() throws Exception {
    String missing = "azbtest/nopolicyrepo-" + TestImages.RUN;
    assertThatThrownBy(() -> ecr.applyLifecyclePolicy(missing, POLICY))
        .isInstanceOf(RegistryException.class)
        .hasMessage(
            "ECR repository "
                + missing
                + " does not exist in "
                + HOST
                + "; create it first (ensureRepository / azbuild:ensure-repo)");
    assertThatThrownBy(() -> ecr.applyLifecyclePolicy(missing, "{not json"))
        .isInstanceOf(RegistryException.class)
        .hasMessageStartingWith(
            "Lifecycle policy for " + HOST + "/" + missing + " is not a JSON object")
        .hasMessageNotContaining("\n");
  }

  @Test
  void invalidRepositoryNamesAreRejectedWithTheRule() {
    assertThatThrownBy(() -> ecr.ensureRepository("azbtest/Bad_Name"))
        .isInstanceOf(RegistryException.class)
        .hasMessageStartingWith("Invalid ECR repository name 'azbtest/Bad_Name' for " + HOST)
        .hasMessageContaining(EcrNames.RULE)
        .hasMessageNotContaining("\n");
    assertThatThrownBy(() -> ecr.ensureRepository("a")).hasMessageContaining("2-256 characters");
    assertThatThrownBy(() -> ecr.ensureRepository("a//b"))
        .hasMessageStartingWith("Invalid ECR repository name");
  }

  @Test
  void unknownRegionSaysHowToFixIt() throws Exception {
    String host = "123456789012.dkr.ecr.xx-nowhere-1.amazonaws.com";
    assertThatThrownBy(() -> Registries.forUrl(host, options))
        .isInstanceOf(RegistryException.class)
        .hasMessage(
            "Unknown AWS region 'xx-nowhere-1' in ECR host "
                + host
                + "; fix the registry URL (<account>.dkr.ecr.<region>.amazonaws.com, e.g. region eu-west-1)"
                + " or set azbuild.aws.region if the region is newer than this plugin");
    try (Registry overridden = Registries.forUrl(host, options.withAwsRegion("eu-west-1"))) {
      assertThat(overridden.describe()).isEqualTo(host);
    }
  }

  @Test
  void eachEcrHostKeepsItsRegionAndItsOwnDataPlane() throws Exception {
    String repo = "azbtest/regions-" + TestImages.RUN;
    // azbuild.aws.region set for ECS must not move the cache registry out of its region
    RegistryOptions twoRegions =
        options
            .withAwsRegion("eu-west-2")
            .withEcrDataPlane(
                "us-east-2=" + LocalServices.CACHE + ", eu-west-2=" + LocalServices.DEPLOY);
    try (Registry cache =
            Registries.forUrl("123456789012.dkr.ecr.us-east-2.amazonaws.com", twoRegions);
        Registry deploy =
            Registries.forUrl("123456789012.dkr.ecr.eu-west-2.amazonaws.com", twoRegions);
        Registry elsewhere =
            Registries.forUrl("123456789012.dkr.ecr.eu-west-1.amazonaws.com", twoRegions)) {
      assertThat(cache.ensureRepository(repo)).isEqualTo(RepoStatus.CREATED);
      assertThat(deploy.ensureRepository(repo))
          .isEqualTo(RepoStatus.CREATED); // another region: another repository
      assertThat(cache.ensureRepository(repo)).isEqualTo(RepoStatus.EXISTS);
      assertThat(cache.imageName(repo)).isEqualTo(LocalServices.CACHE + "/" + repo);
      assertThat(deploy.imageName(repo)).isEqualTo(LocalServices.DEPLOY + "/" + repo);
      assertThat(elsewhere.imageName(repo))
          .isEqualTo("123456789012.dkr.ecr.eu-west-1.amazonaws.com/" + repo);
    }
    assertThatThrownBy(
            () -> Registries.forUrl(HOST, options.withEcrDataPlane("a=b,eu-west-1=")).close())
        .hasMessageStartingWith("azbuild.ecr.dataPlane entry 'eu-west-1=' is not");
  }

  @Test
  void credentialsComeFromGetAuthorizationToken() throws Exception {
    SourcedCredentials credentials = ecr.credentials().orElseThrow();

    assertThat(credentials.source()).isEqualTo("AWS SDK (ecr:GetAuthorizationToken)");
    assertThat(credentials.credentials().username()).isEqualTo("AWS");
    assertThat(credentials.credentials().secret()).isNotBlank();
  }

  @Test
  void ecrApiReadsAndRetagsImagesWithoutMovingBlobs() throws Exception {
    String repo = "azbtest/api-" + TestImages.RUN;
    Manifest manifest;
    try (Registry cache = Registries.forUrl(LocalServices.CACHE, LocalServices.registryOptions())) {
      manifest = cache.getManifest(TestImages.REPOSITORY, TestImages.TAG);
    }
    try (Registry api =
            Registries.forUrl(HOST, options.withEcrImageAccess(EcrImageAccess.ECR_API));
        EcrClient client = sdkClient()) {
      api.ensureRepository(repo);
      // moto has no blob store: register the manifest as a push would.
      client.putImage(
          b ->
              b.repositoryName(repo)
                  .imageTag("v1")
                  .imageManifest(new String(manifest.bytes(), StandardCharsets.UTF_8))
                  .imageManifestMediaType(manifest.mediaType())
                  .imageDigest(manifest.digest()));

      assertThat(api.exists(repo, "v1")).isTrue();
      assertThat(api.exists(repo, "missing")).isFalse();
      assertThat(api.exists("azbtest/no-repo-" + TestImages.RUN, "v1")).isFalse();
      assertThat(api.digest(repo, "v1")).contains(manifest.digest());
      assertThat(api.getManifest(repo, "v1")).isEqualTo(manifest);
      assertThat(api.findManifest(repo, "v1")).contains(manifest);
      assertThat(api.findManifest(repo, "missing")).isEmpty();
      assertThat(api.findManifest("azbtest/no-repo-" + TestImages.RUN, "v1")).isEmpty();

      api.putManifest(
          repo, "v5", api.findManifest(repo, "v1").orElseThrow()); // a re-tag without a read
      api.putManifest(repo, "v5", manifest);
      api.retag(repo, "v1", "v2");
      api.retag(repo, "v1", "v2");
      assertThat(api.retag(repo, "v1", java.util.List.of("v3", "v4"))).isEqualTo(manifest.digest());

      assertThat(api.digest(repo, "v2")).contains(manifest.digest());
      assertThat(client.describeImages(b -> b.repositoryName(repo)).imageDetails())
          .singleElement()
          .satisfies(
              d ->
                  assertThat(d.imageTags())
                      .containsExactlyInAnyOrder("v1", "v2", "v3", "v4", "v5"));
    }
  }

  @Test
  void dataPlaneOverrideServesImageReadsFromTheLocalRegistry() throws Exception {
    try (Registry ecrOnCache =
        Registries.forUrl(HOST + "/azbtest", options.withEcrDataPlane(LocalServices.CACHE))) {
      assertThat(ecrOnCache.describe())
          .isEqualTo(HOST + "/azbtest (data plane " + LocalServices.CACHE + ")");
      assertThat(ecrOnCache.exists("app", TestImages.TAG)).isTrue();
      assertThat(ecrOnCache.digest("app", TestImages.TAG)).contains(TestImages.digest());

      ecrOnCache.retag("app", TestImages.TAG, "ecr-retag-" + TestImages.RUN);
      Manifest found = ecrOnCache.findManifest("app", TestImages.TAG).orElseThrow();
      ecrOnCache.putManifest("app", "ecr-put-" + TestImages.RUN, found);

      assertThat(ecrOnCache.digest("app", "ecr-retag-" + TestImages.RUN))
          .contains(TestImages.digest());
      assertThat(ecrOnCache.digest("app", "ecr-put-" + TestImages.RUN))
          .contains(TestImages.digest());
      assertThat(ecrOnCache.findManifest("app", "missing-" + TestImages.RUN)).isEmpty();
    }
  }

  @Test
  void copyIntoEcrGoesThroughItsDataPlane() throws Exception {
    String repo = "azbtest/ecr-copy-" + TestImages.RUN;
    try (Registry cache = Registries.forUrl(LocalServices.CACHE, LocalServices.registryOptions());
        Registry target = Registries.forUrl(HOST, options.withEcrDataPlane(LocalServices.DEPLOY))) {
      assertThat(target.ensureRepository(repo)).isEqualTo(RepoStatus.CREATED);

      CopyResult result =
          cache.copy(TestImages.REPOSITORY, TestImages.TAG, target, repo, List.of("prod"));

      assertThat(result.digest()).isEqualTo(TestImages.digest());
      assertThat(target.digest(repo, "prod")).contains(TestImages.digest());
    }
  }

  private static EcrClient sdkClient() {
    return EcrClient.builder()
        .region(Region.EU_WEST_1)
        .endpointOverride(URI.create(LocalServices.AWS_ENDPOINT))
        .httpClientBuilder(
            software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder())
        .build();
  }
}
