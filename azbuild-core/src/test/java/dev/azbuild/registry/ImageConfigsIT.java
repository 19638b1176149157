package dev.azbuild.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.azbuild.testing.LocalServices;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An image's labels read through the registry API (manifest, config blob), on the cache registry of
 * scripts/services.
 */
class ImageConfigsIT {

  private static Registry cache;

  @BeforeAll
  static void open() throws Exception {
    TestImages.ensurePushed();
    cache = Registries.forUrl(LocalServices.CACHE, LocalServices.registryOptions());
  }

  @AfterAll
  static void close() {
    cache.close();
  }

  @Test
  void anImagesLabelsAreReadWithoutAPull() throws Exception {
    Optional<Map<String, String>> labels = cache.imageLabels(TestImages.REPOSITORY, TestImages.TAG);
    assertThat(labels).isPresent();
    // by digest too, and an index gives its first image's labels
    assertThat(cache.imageLabels(TestImages.REPOSITORY, TestImages.digest())).isEqualTo(labels);
    assertThat(cache.imageLabels(TestImages.REPOSITORY, TestImages.INDEX_TAG)).isEqualTo(labels);
  }

  @Test
  void aMissingTagOrRepositoryIsEmpty() throws Exception {
    assertThat(cache.imageLabels(TestImages.REPOSITORY, "no-such-tag-" + TestImages.RUN)).isEmpty();
    assertThat(cache.imageLabels("azbtest/no-such-repo-" + TestImages.RUN, "latest")).isEmpty();
  }
}
