package dev.azbuild.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.azbuild.dockerfile.Dockerfile;
import dev.azbuild.testing.LocalServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline's cache priming, end to end: build the named stage, then the image, push both; on a
 * "fresh machine" (images removed, so no local build cache) pull them back and rebuild with {@code
 * --cache-from}: every step comes from the cache and the image is the same.
 */
class CacheFromIT {

  private static final String RUN = LocalServices.uniqueSuffix();

  @TempDir Path dir;

  @Test
  void namedStageThenImageThenRebuildFromPulledCache() throws Exception {
    Files.writeString(
        dir.resolve("Dockerfile"),
        """
        FROM %1$s AS deps
        RUN echo deps-%2$s > /deps
        FROM %1$s
        COPY --from=deps /deps /deps
        RUN echo final-%2$s > /final && cat /deps
        """
            .formatted(LocalServices.BASE_IMAGE, RUN));
    String image = LocalServices.CACHE + "/azbuild-test/cache-" + RUN;
    Dockerfile dockerfile = Dockerfile.read(dir.resolve("Dockerfile"), Map.of());
    assertThat(StageBuilds.namedStages(dockerfile)).containsExactly("deps");
    String stageRef = image + ":" + StageBuilds.stageTag("deps", "t1");
    String imageRef = image + ":t1";

    try (DockerDaemon daemon = LocalServices.daemon()) {
      ImageBuilder builder = new ImageBuilder(daemon);
      ImageTransfer transfer = new ImageTransfer(daemon);
      ImageTags images = new ImageTags(daemon);
      try {
        BuildResult stage =
            builder.build(BuildRequest.of(dir).withTarget("deps").withTags(Set.of(stageRef)));
        BuildResult first =
            builder.build(
                BuildRequest.of(dir).withCacheFrom(Set.of(stageRef)).withTags(Set.of(imageRef)));
        assertThat(stage.steps()).hasSize(2);
        assertThat(first.steps()).hasSize(5);
        // the final build reuses the stage it just built (local cache)
        assertThat(first.steps().get(1).cached()).isTrue();
        assertThat(first.steps().get(4).cached()).isFalse();
        transfer.push(stageRef);
        transfer.push(imageRef);

        images.remove(imageRef);
        images.remove(stageRef);
        // gone with their intermediate images: no local build cache is left to hit
        assertThat(images.exists(first.imageId())).isFalse();
        assertThat(images.exists(stage.imageId())).isFalse();
        assertThat(transfer.pull(stageRef)).isPresent();
        assertThat(transfer.pull(imageRef)).isPresent();
        BuildResult again =
            builder.build(
                BuildRequest.of(dir)
                    .withCacheFrom(Set.of(stageRef, imageRef))
                    .withTags(Set.of(imageRef)));

        assertThat(again.steps())
            .extracting(BuildResult.Step::instruction, BuildResult.Step::cached)
            .filteredOn(t -> ((String) t.toList().get(0)).startsWith("RUN"))
            .allSatisfy(t -> assertThat(t.toList().get(1)).isEqualTo(true))
            .hasSize(2);
        assertThat(again.imageId()).isEqualTo(first.imageId());
      } finally {
        images.remove(imageRef);
        images.remove(stageRef);
      }
    }
  }
}
