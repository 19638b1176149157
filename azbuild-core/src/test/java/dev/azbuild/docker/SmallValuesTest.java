package dev.azbuild.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.azbuild.dockerfile.Dockerfile;
import dev.azbuild.image.ImageReference;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The value types and pure helpers of the package. */
class SmallValuesTest {

  @Test
  void transferRetriesDefaultsAndLimits() {
    assertThat(ImageTransfer.DEFAULT_RETRIES.attempts()).isEqualTo(3);
    assertThat(ImageTransfer.DEFAULT_RETRIES.withAttempts(5).firstDelay())
        .isEqualTo(Duration.ofSeconds(2));
    assertThat(ImageTransfer.DEFAULT_RETRIES.budget()).isEqualTo(Duration.ofSeconds(120));
    assertThatThrownBy(() -> ImageTransfer.DEFAULT_RETRIES.withAttempts(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void namedStagesInOrderWithoutTheLast() {
    Dockerfile dockerfile =
        Dockerfile.parse(
            Path.of("Dockerfile"),
            """
        FROM node:20 AS Deps
        FROM deps AS build
        FROM build
        FROM build AS test
        FROM nginx AS runtime
        """,
            Map.of());

    assertThat(StageBuilds.namedStages(dockerfile)).containsExactly("deps", "build", "test");
    assertThat(StageBuilds.stageTag("deps", "abc123")).isEqualTo("deps-abc123");
    assertThat(
            StageBuilds.namedStages(Dockerfile.parse(Path.of("D"), "FROM a AS only\n", Map.of())))
        .isEmpty();
    assertThat(StageBuilds.stageTag("builder", "x".repeat(128))).hasSize(128);
  }

  @Test
  void labelsCarryProvenanceAndARoundTrippableInputTree() {
    String tree = "services/api/Dockerfile 1a2b\nservices/api/src/Main.java 3c4d\n";

    Map<String, String> labels =
        ImageLabels.of(
            "abc123",
            "https://example.com/repo.git",
            Optional.of(Instant.parse("2026-11-26T08:00:00.123Z")),
            "sha256:feed",
            tree);

    assertThat(labels)
        .containsEntry(ImageLabels.REVISION, "abc123")
        .containsEntry(ImageLabels.SOURCE, "https://example.com/repo.git")
        .containsEntry(ImageLabels.CREATED, "2026-11-26T08:00:00Z")
        .containsEntry(ImageLabels.INPUT_HASH, "sha256:feed")
        .containsEntry(ImageLabels.INPUT_TREE_ENCODING, ImageLabels.GZIP_BASE64);
    assertThat(ImageLabels.inputTree(labels)).contains(tree);
    // reproducible: no time, and the same tree gives the same label
    Map<String, String> again = ImageLabels.of("abc123", "", Optional.empty(), "sha256:feed", tree);
    assertThat(again)
        .doesNotContainKeys(ImageLabels.CREATED, ImageLabels.SOURCE)
        .containsEntry(ImageLabels.INPUT_TREE, labels.get(ImageLabels.INPUT_TREE));
  }

  @Test
  void hugeInputTreesAreStoredAsADigest() {
    // 5000 lines with random digests: about 200 KiB once gzipped and base64-encoded
    Random random = new Random(42);
    String tree =
        IntStream.range(0, 5000)
            .mapToObj(
                i -> "src/file" + i + ".java " + HexFormat.of().formatHex(randomBytes(random, 32)))
            .collect(Collectors.joining("\n"));

    Map<String, String> labels = ImageLabels.of("abc", "", Optional.empty(), "h", tree);

    // a boolean check: a failing assertion would print the whole 200 KiB label
    assertThat(labels.get(ImageLabels.INPUT_TREE).matches("sha256:[0-9a-f]{64}"))
        .as("digest-only label")
        .isTrue();
    assertThat(labels.get(ImageLabels.INPUT_TREE_ENCODING)).isEqualTo(ImageLabels.DIGEST_ONLY);
    assertThat(ImageLabels.inputTree(labels)).isEmpty();
  }

  private static byte[] randomBytes(Random random, int n) {
    byte[] bytes = new byte[n];
    random.nextBytes(bytes);
    return bytes;
  }

  @Test
  void transferReferencesNeedATag() {
    assertThat(ImageTransfer.tagOf(ImageReference.parse("127.0.0.1:5000/team/api:1.2")))
        .isEqualTo("1.2");
    assertThat(ImageTransfer.registryOf("127.0.0.1:5000/team/api:1.2")).isEqualTo("127.0.0.1:5000");
    assertThat(ImageTransfer.registryOf("team/api:1")).isEqualTo("docker.io");
    assertThatThrownBy(() -> ImageTransfer.tagOf(ImageReference.parse("127.0.0.1:5000/team/api")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs a tag");
  }
}
