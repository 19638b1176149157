package dev.azbuild.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.azbuild.testing.LocalServices;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Copies between the real cache (5000) and deploy (5001) registries. */
class ImageCopyIT {

  private static Registry cache;
  private static Registry deploy;

  @BeforeAll
  static void pushFixture() throws Exception {
    TestImages.ensurePushed();
    cache = Registries.forUrl(LocalServices.CACHE, LocalServices.registryOptions());
    deploy = Registries.forUrl(LocalServices.DEPLOY, LocalServices.registryOptions());
  }

  @AfterAll
  static void close() {
    cache.close();
    deploy.close();
  }

  @Test
  void copyAcrossRegistriesKeepsTheDigestAndSecondCopySkipsEveryBlob() throws Exception {
    String repo = "azbtest/copy-" + TestImages.RUN;

    CopyResult first =
        cache.copy(TestImages.REPOSITORY, TestImages.TAG, deploy, repo, List.of("a", "b"));
    CopyResult second =
        cache.copy(TestImages.REPOSITORY, TestImages.TAG, deploy, repo, List.of("c"));

    assertThat(first.digest()).isEqualTo(TestImages.digest());
    assertThat(deploy.digest(repo, "a")).contains(TestImages.digest());
    assertThat(deploy.digest(repo, "b")).contains(TestImages.digest());
    assertThat(deploy.digest(repo, "c")).contains(TestImages.digest());
    // Config and the new layer are unique to this run; base layers may already be on 5001.
    assertThat(first.blobsCopied()).isGreaterThanOrEqualTo(2);
    assertThat(first.bytesCopied()).isPositive();
    assertThat(second.blobsCopied()).isZero();
    assertThat(second.bytesCopied()).isZero();
    assertThat(second.blobsSkipped()).isEqualTo(first.blobsCopied() + first.blobsSkipped());
  }

  @Test
  void aSecondImageCopiedAcrossRegistriesMountsTheBlobsAnEarlierCopyBrought() throws Exception {
    String upstream = "azbtest/mount-up-" + TestImages.RUN;
    String downstream = "azbtest/mount-down-" + TestImages.RUN;

    CopyResult first;
    CopyResult second;
    try (Registry fresh =
        Registries.forUrl(
            LocalServices.DEPLOY, LocalServices.registryOptions())) { // knows no blob yet
      first = cache.copy(TestImages.REPOSITORY, TestImages.TAG, fresh, upstream, List.of("1"));
      second = cache.copy(TestImages.REPOSITORY, TestImages.TAG, fresh, downstream, List.of("1"));
    }

    assertThat(first.bytesCopied()).isPositive();
    assertThat(second.bytesCopied()).isZero();
    assertThat(second.blobsCopied()).isZero();
    assertThat(second.blobsSkipped()).isEqualTo(first.blobsCopied() + first.blobsSkipped());
    assertThat(deploy.digest(downstream, "1")).contains(TestImages.digest());
    Manifest manifest = deploy.getManifest(downstream, "1");
    assertThat(manifest.digest()).isEqualTo(TestImages.digest());
  }

  @Test
  void copyOfAnIndexCopiesEveryChildAndKeepsTheIndexDigest() throws Exception {
    String repo = "azbtest/index-" + TestImages.RUN;

    CopyResult result =
        cache.copy(TestImages.REPOSITORY, TestImages.INDEX_TAG, deploy, repo, List.of("multi"));

    assertThat(result.digest()).isEqualTo(TestImages.indexDigest());
    assertThat(deploy.digest(repo, "multi")).contains(TestImages.indexDigest());
    Manifest copied = deploy.getManifest(repo, "multi");
    assertThat(copied.bytes())
        .isEqualTo(cache.getManifest(TestImages.REPOSITORY, TestImages.INDEX_TAG).bytes());
    assertThat(deploy.getManifest(repo, TestImages.digest()).digest())
        .isEqualTo(TestImages.digest());
  }

  @Test
  void copyByDigestWithoutTagsStoresTheManifestByDigest() throws Exception {
    String repo = "azbtest/bydigest-" + TestImages.RUN;

    CopyResult result =
        cache.copy(TestImages.REPOSITORY, TestImages.digest(), deploy, repo, List.of());

    assertThat(result.digest()).isEqualTo(TestImages.digest());
    assertThat(deploy.getManifest(repo, TestImages.digest()).digest())
        .isEqualTo(TestImages.digest());
  }

  @Test
  void copyWithinOneRegistryMountsBlobsInsteadOfStreamingThem() throws Exception {
    String repo = "azbtest/mounted-" + TestImages.RUN;

    CopyResult result =
        cache.copy(TestImages.REPOSITORY, TestImages.TAG, cache, repo, List.of("m"));

    assertThat(result.digest()).isEqualTo(TestImages.digest());
    assertThat(result.bytesCopied()).isZero();
    assertThat(result.blobsSkipped()).isGreaterThanOrEqualTo(2);
    assertThat(cache.digest(repo, "m")).contains(TestImages.digest());
  }
}
