package dev.azbuild.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.azbuild.testing.LocalServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Against the real cache registry (127.0.0.1:5000) and a fixture image pushed by docker. */
class OciRegistryIT {

  private static Registry cache;

  @BeforeAll
  static void pushFixture() throws Exception {
    TestImages.ensurePushed();
    cache = Registries.forUrl(LocalServices.CACHE, LocalServices.registryOptions());
  }

  @AfterAll
  static void close() {
    cache.close();
  }

  @Test
  void existsIsTrueForAPushedTagAndFalseOtherwise() throws Exception {
    assertThat(cache.exists(TestImages.REPOSITORY, TestImages.TAG)).isTrue();
    assertThat(cache.exists(TestImages.REPOSITORY, "missing-" + TestImages.RUN)).isFalse();
    assertThat(cache.exists("azbtest/no-such-repo-" + TestImages.RUN, "latest")).isFalse();
  }

  @Test
  void digestIsTheOneDockerPushed() throws Exception {
    assertThat(cache.digest(TestImages.REPOSITORY, TestImages.TAG)).contains(TestImages.digest());
    assertThat(cache.digest(TestImages.REPOSITORY, "missing-" + TestImages.RUN)).isEmpty();
  }

  @Test
  void getManifestReturnsTheStoredBytesAndType() throws Exception {
    Manifest manifest = cache.getManifest(TestImages.REPOSITORY, TestImages.TAG);

    assertThat(manifest.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
    assertThat(manifest.digest()).isEqualTo(TestImages.digest());
    assertThat(Digests.sha256(manifest.bytes())).isEqualTo(TestImages.digest());
    assertThat(cache.getManifest(TestImages.REPOSITORY, TestImages.digest())).isEqualTo(manifest);
  }

  @Test
  void getManifestReadsAnIndex() throws Exception {
    Manifest index = cache.getManifest(TestImages.REPOSITORY, TestImages.INDEX_TAG);

    assertThat(index.isIndex()).isTrue();
    assertThat(index.mediaType()).isEqualTo(MediaTypes.OCI_INDEX);
    assertThat(index.digest()).isEqualTo(TestImages.indexDigest());
    assertThat(cache.digest(TestImages.REPOSITORY, TestImages.INDEX_TAG))
        .contains(TestImages.indexDigest());
  }

  @Test
  void missingManifestIsAOneLine404() {
    assertThatThrownBy(() -> cache.getManifest(TestImages.REPOSITORY, "missing-" + TestImages.RUN))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("azbtest/app:missing-" + TestImages.RUN)
        .hasMessageContaining(LocalServices.CACHE)
        .hasMessageNotContaining("\n")
        .satisfies(e -> assertThat(((RegistryException) e).status()).isEqualTo(404));
  }

  @Test
  void retagKeepsTheDigestAndMovesNoBlob() throws Exception {
    try (RegistryProxy proxy = RegistryProxy.to(LocalServices.CACHE);
        Registry viaProxy = Registries.forUrl(proxy.host(), LocalServices.registryOptions())) {
      String newTag = "retag-" + TestImages.RUN;

      viaProxy.retag(TestImages.REPOSITORY, TestImages.TAG, newTag);

      assertThat(cache.digest(TestImages.REPOSITORY, newTag)).contains(TestImages.digest());
      // guards "a re-tag moves no blob": one manifest read, one write, nothing else
      assertThat(proxy.requests())
          .containsExactly(
              "GET /v2/azbtest/app/manifests/" + TestImages.TAG,
              "PUT /v2/azbtest/app/manifests/" + newTag);
    }
  }

  @Test
  void findManifestIsOneGetAndPutManifestOnePut() throws Exception {
    try (RegistryProxy proxy = RegistryProxy.to(LocalServices.CACHE);
        Registry viaProxy = Registries.forUrl(proxy.host(), LocalServices.registryOptions())) {
      String newTag = "put-" + TestImages.RUN;

      Manifest found = viaProxy.findManifest(TestImages.REPOSITORY, TestImages.TAG).orElseThrow();
      viaProxy.putManifest(TestImages.REPOSITORY, newTag, found);

      assertThat(found).isEqualTo(cache.getManifest(TestImages.REPOSITORY, TestImages.TAG));
      assertThat(viaProxy.findManifest(TestImages.REPOSITORY, "missing-" + TestImages.RUN))
          .isEmpty();
      assertThat(viaProxy.findManifest("azbtest/no-such-repo-" + TestImages.RUN, "latest"))
          .isEmpty();
      assertThat(cache.digest(TestImages.REPOSITORY, newTag)).contains(TestImages.digest());
      // guards the cost the unchanged re-tag batch relies on: a find is one GET, a put one PUT
      assertThat(proxy.requests())
          .startsWith(
              "GET /v2/azbtest/app/manifests/" + TestImages.TAG,
              "PUT /v2/azbtest/app/manifests/" + newTag);
    }
  }

  @Test
  void retagToSeveralTagsReadsTheManifestOnceAndReturnsItsDigest() throws Exception {
    try (RegistryProxy proxy = RegistryProxy.to(LocalServices.CACHE);
        Registry viaProxy = Registries.forUrl(proxy.host(), LocalServices.registryOptions())) {
      String branch = "branch-" + TestImages.RUN;
      String commit = "commit-" + TestImages.RUN;

      String digest =
          viaProxy.retag(TestImages.REPOSITORY, TestImages.TAG, java.util.List.of(branch, commit));

      assertThat(digest).isEqualTo(TestImages.digest());
      assertThat(cache.digest(TestImages.REPOSITORY, branch)).contains(TestImages.digest());
      assertThat(cache.digest(TestImages.REPOSITORY, commit)).contains(TestImages.digest());
      // guards "one manifest read for any number of tags" (the build tags branch and commit)
      assertThat(proxy.requests())
          .containsExactly(
              "GET /v2/azbtest/app/manifests/" + TestImages.TAG,
              "PUT /v2/azbtest/app/manifests/" + branch,
              "PUT /v2/azbtest/app/manifests/" + commit);
    }
  }

  @Test
  void retagOfAnIndexKeepsItsDigest() throws Exception {
    String newTag = "idx-retag-" + TestImages.RUN;

    cache.retag(TestImages.REPOSITORY, TestImages.INDEX_TAG, newTag);

    assertThat(cache.digest(TestImages.REPOSITORY, newTag)).contains(TestImages.indexDigest());
  }

  @Test
  void prefixIsPrependedToRepositories() throws Exception {
    try (Registry withPrefix =
        Registries.forUrl(LocalServices.CACHE + "/azbtest", LocalServices.registryOptions())) {
      assertThat(withPrefix.describe()).isEqualTo(LocalServices.CACHE + "/azbtest");
      assertThat(withPrefix.digest("app", TestImages.TAG)).contains(TestImages.digest());
    }
  }

  @Test
  void repositoriesAndPoliciesAreNoOpsOnOciRegistries() throws Exception {
    assertThat(cache.ensureRepository("azbtest/new")).isEqualTo(RepoStatus.IMPLICIT);
    assertThat(cache.applyLifecyclePolicy("azbtest/new", "{}"))
        .isEqualTo(PolicyStatus.NOT_SUPPORTED);
  }

  @Test
  void invalidNamesAreRejectedBeforeAnyRequest() {
    assertThatThrownBy(() -> cache.exists("Upper/Case", "x"))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("Invalid repository name 'Upper/Case'");
    assertThatThrownBy(() -> cache.retag(TestImages.REPOSITORY, TestImages.TAG, "bad tag"))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("Invalid tag 'bad tag'");
  }
}
