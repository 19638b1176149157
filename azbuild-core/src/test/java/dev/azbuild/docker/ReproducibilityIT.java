package dev.azbuild.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azbuild.io.Json;
import dev.azbuild.testing.LocalServices;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code azbuild.reproducible} gives with Docker 20.10's classic builder, and what it cannot
 * (the Registries guide, "Reproducible images", states exactly this): on one daemon, the same
 * inputs give the same image, multi-stage included, when no {@code --cache-from} shuts the daemon's
 * own cache off; files copied from the context carry the fixed time; the directories a {@code COPY}
 * creates, {@code RUN} output and the image's creation time are the build's, so a build the cache
 * cannot serve gives another image.
 */
class ReproducibilityIT {

  private static final String RUN = LocalServices.uniqueSuffix();
  private static final Instant FIXED = Instant.ofEpochSecond(1_700_000_000L);

  @RegisterExtension static final DaemonImages DOCKER = new DaemonImages(RUN);

  @TempDir Path dir;

  private static ImageBuilder builder() {
    return DOCKER.builder();
  }

  private static ImageTags images() {
    return DOCKER.images();
  }

  private static String ref(String name, String tag) {
    return DOCKER.ref(name, tag);
  }

  /** A multi-stage Dockerfile unique to this run, so its first build is served by no cache. */
  private Path multiStage(String name) throws IOException {
    Path ctx = Files.createDirectories(dir.resolve(name));
    Files.writeString(
        ctx.resolve("Dockerfile"),
        """
        FROM %s AS build
        RUN mkdir /out && echo %s-%s > /out/made
        FROM %s
        COPY app.txt /srv/app/app.txt
        COPY --from=build /out /out
        """
            .formatted(LocalServices.BASE_IMAGE, name, RUN, LocalServices.BASE_IMAGE));
    Files.writeString(ctx.resolve("app.txt"), "hello " + RUN + "\n");
    return ctx;
  }

  /** The stage, then the image, as ModuleBuild sends them when nothing was pulled. */
  private String buildAsAzbuildDoes(Path ctx, String name, String tag) throws Exception {
    BuildRequest base =
        BuildRequest.of(ctx).withFileTime(Optional.of(FIXED)).withLabels(Map.of("run", RUN));
    builder().build(base.withTarget("build").withTags(Set.of(ref(name, "build-" + tag))));
    return builder().build(base.withTags(Set.of(ref(name, tag)))).imageId();
  }

  @Test
  void onOneDaemonTheSameInputsGiveTheSameMultiStageImage() throws Exception {
    Path ctx = multiStage("same");
    String first = buildAsAzbuildDoes(ctx, "same", "t1");
    // checked out again: every file has a new time on disk
    Files.writeString(ctx.resolve("app.txt"), "hello " + RUN + "\n");

    String second = buildAsAzbuildDoes(ctx, "same", "t2");

    assertThat(second).isEqualTo(first);
  }

  @Test
  void aCacheFromOfTheStageAloneWouldRebuildTheCopyFromSteps() throws Exception {
    // what azbuild did before: --cache-from the stage just built makes it the only cache source
    Path ctx = multiStage("cachefrom");
    String first = buildAsAzbuildDoes(ctx, "cachefrom", "t1");
    String stage = ref("cachefrom", "build-t1");

    String second =
        builder()
            .build(
                BuildRequest.of(ctx)
                    .withFileTime(Optional.of(FIXED))
                    .withLabels(Map.of("run", RUN))
                    .withCacheFrom(Set.of(stage))
                    .withTags(Set.of(ref("cachefrom", "t2"))))
            .imageId();

    assertThat(second).isNotEqualTo(first);
  }

  @Test
  void copiedFilesCarryTheFixedTimeButNewDirectoriesAndRunOutputTheBuildTime() throws Exception {
    Path ctx = multiStage("times");
    String image = ref("times", "t1");
    buildAsAzbuildDoes(ctx, "times", "t1");

    List<Map<String, TarArchiveEntry>> layers = layersOf(image);
    Map<String, TarArchiveEntry> copy = layers.get(layers.size() - 2); // COPY app.txt
    Map<String, TarArchiveEntry> copyFrom = layers.get(layers.size() - 1); // COPY --from=build

    assertThat(copy.get("srv/app/app.txt").getModTime().toInstant()).isEqualTo(FIXED);
    // created by the COPY: the time of the build, which no setting of the classic builder fixes
    assertThat(copy.get("srv/app/").getModTime().toInstant()).isAfter(FIXED);
    // written by RUN in the stage: the time of the build
    assertThat(copyFrom.get("out/made").getModTime().toInstant()).isAfter(FIXED);
  }

  @Test
  void whenTheDaemonsCacheCannotServeTheSameInputsGiveAnotherImage() throws Exception {
    Path ctx = multiStage("fresh");
    String first = buildAsAzbuildDoes(ctx, "fresh", "t1");
    // another daemon, or this one after a prune: nothing of the first build is left
    for (String ref : List.of(ref("fresh", "t1"), ref("fresh", "build-t1"))) {
      images().remove(ref);
    }
    Thread.sleep(1100); // the build's times are in seconds in the layers

    String second = buildAsAzbuildDoes(ctx, "fresh", "t2");

    assertThat(second).isNotEqualTo(first);
  }

  /** Each layer of a saved image as entry name → entry, bottom first. */
  private static List<Map<String, TarArchiveEntry>> layersOf(String image) throws IOException {
    Map<String, byte[]> files = new HashMap<>();
    try (InputStream saved = DOCKER.daemon().client().saveImageCmd(image).exec();
        TarArchiveInputStream tar = new TarArchiveInputStream(saved)) {
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        if (e.isFile()) {
          files.put(e.getName(), tar.readAllBytes());
        }
      }
    }
    JsonNode manifest =
        Json.MAPPER.readTree(new String(files.get("manifest.json"), StandardCharsets.UTF_8)).get(0);
    List<Map<String, TarArchiveEntry>> layers = new ArrayList<>();
    for (JsonNode layer : manifest.get("Layers")) {
      Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
      try (TarArchiveInputStream tar =
          new TarArchiveInputStream(new ByteArrayInputStream(files.get(layer.asText())))) {
        for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
          entries.put(e.getName(), e);
        }
      }
      layers.add(entries);
    }
    return layers;
  }
}
