package dev.azbuild.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.azbuild.image.ImageReference;
import dev.azbuild.testing.LocalServices;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds against the real daemon; every tag carries this run's suffix and is removed afterwards.
 */
class ImageBuilderIT {

  private static final String RUN = LocalServices.uniqueSuffix();

  @RegisterExtension static final DaemonImages DOCKER = new DaemonImages(RUN);

  @TempDir Path dir;

  private static ImageBuilder builder() {
    return DOCKER.builder();
  }

  private static ImageTags images() {
    return DOCKER.images();
  }

  private static String ref(String name) {
    return DOCKER.ref(name, "t1");
  }

  private Path context(String dockerfile, String... files) throws IOException {
    Files.writeString(
        dir.resolve("Dockerfile"), dockerfile.replace("BASE", LocalServices.BASE_IMAGE));
    for (int i = 0; i < files.length; i += 2) {
      Path file = dir.resolve(files[i]);
      Files.createDirectories(file.getParent());
      Files.writeString(file, files[i + 1], StandardCharsets.UTF_8);
    }
    return dir;
  }

  @Test
  void checkAsksTheDaemonsParserAndBuildsNothing() throws Exception {
    // neither image exists: had the daemon run a step, it would have failed pulling one of them
    Path ctx =
        context(
            """
            FROM 127.0.0.1:5000/azbuild-test/never-pushed-%s:1 AS build
            RUN echo built > /out
            FROM libs-base
            COPY --from=build /out /out
            """
                .formatted(RUN));

    builder()
        .check(
            BuildRequest.of(ctx)
                .withParents(
                    Map.of(
                        "libs-base",
                        LocalServices.CACHE
                            + "/azbuild-test/never-pushed-"
                            + RUN
                            + "@sha256:"
                            + "0".repeat(64))));
  }

  @Test
  void checkReportsTheDaemonsParseErrorWithTheFile() throws Exception {
    // azbuild's own checks pass this; only the daemon's parser knows COPY needs two arguments
    Path ctx = context("FROM BASE\nCOPY only-one\n");

    assertThatThrownBy(() -> builder().check(BuildRequest.of(ctx)))
        .isInstanceOf(BuildFailedException.class)
        .hasMessage(
            ctx.resolve("Dockerfile")
                + ": the Docker daemon cannot parse it: dockerfile parse error line 2: COPY requires"
                + " at least two arguments, but only one was provided. Destination could not be"
                + " determined; fix the Dockerfile");
  }

  @Test
  void checkNamesAMissingContextAndAzbuildsOwnFindings() throws Exception {
    Path ctx = context("FROM BASE\nFORM x\n");

    assertThatThrownBy(() -> builder().check(BuildRequest.of(ctx)))
        .isInstanceOf(BuildFailedException.class)
        .hasMessageStartingWith(ctx.resolve("Dockerfile") + ":2: unknown instruction 'FORM'");
    assertThatThrownBy(
            () -> builder().check(BuildRequest.of(ctx.resolve("gone"), ctx.resolve("Dockerfile"))))
        .hasMessage(ctx.resolve("gone") + ": build context directory does not exist");
  }

  @Test
  void buildsWithRunStepLabelsTagsAndBuildArgs() throws Exception {
    Path ctx =
        context(
            """
        FROM BASE
        ARG GREETING=hello
        COPY hello.txt /hello.txt
        RUN echo "$GREETING-%s" > /greeting && cat /hello.txt
        """
                .formatted(RUN),
            "hello.txt",
            "hi there\n");
    String first = ref("plain");
    String second = first.replace(":t1", ":t2");
    DOCKER.removedAfterwards(second);

    BuildResult result =
        builder()
            .build(
                BuildRequest.of(ctx)
                    .withBuildArgs(Map.of("GREETING", "bonjour"))
                    .withLabels(
                        Map.of("dev.azbuild.test", "yes", "dev.azbuild.two", "a \"quoted\" $HOME"))
                    .withTags(Set.of(first, second)));

    assertThat(result.imageId()).startsWith("sha256:");
    assertThat(result.steps())
        .extracting(BuildResult.Step::instruction)
        .containsExactly(
            "FROM " + LocalServices.BASE_IMAGE,
            "ARG GREETING=hello",
            "COPY hello.txt /hello.txt",
            "RUN echo \"$GREETING-" + RUN + "\" > /greeting && cat /hello.txt",
            "LABEL \"dev.azbuild.test\"=\"yes\" \"dev.azbuild.two\"=\"a \\\"quoted\\\" \\$HOME\""); // one step for all labels
    assertThat(result.steps().get(3).cached()).isFalse();
    assertThat(images().imageId(first)).contains(result.imageId());
    assertThat(images().imageId(second)).contains(result.imageId());
    assertThat(images().inspectLabels(first))
        .containsEntry("dev.azbuild.test", "yes")
        .containsEntry("dev.azbuild.two", "a \"quoted\" $HOME");
  }

  @Test
  void labelsDoNotReachACopyOfTheContextAndDoNotBreakItsCache() throws Exception {
    Path ctx =
        context(
            """
        FROM BASE
        COPY . /ctx
        RUN test -e /ctx/Dockerfile && ! grep -q '^LABEL' /ctx/Dockerfile && ! ls -a /ctx | grep -q '^.dockerfile' \\
         && test ! -e /ctx/.dockerignore && echo %s
        """
                .formatted(RUN),
            "app.txt",
            "a");

    BuildResult first =
        builder()
            .build(
                BuildRequest.of(ctx)
                    .withLabels(Map.of("created", "1"))
                    .withTags(Set.of(ref("labels1"))));
    String second2 = ref("labels2");
    BuildResult second =
        builder()
            .build(
                BuildRequest.of(ctx).withLabels(Map.of("created", "2")).withTags(Set.of(second2)));

    assertThat(first.steps()).hasSize(4);
    assertThat(second.steps().subList(0, 3))
        .allMatch(s -> s.cached() || s.instruction().startsWith("FROM"));
    assertThat(images().inspectLabels(second2)).containsEntry("created", "2");
  }

  @Test
  void pinnedParentsAreWhatTheDaemonBuildsOnAndTheContextKeepsItsDockerfile() throws Exception {
    // "parent-<run>" exists nowhere: the build succeeds only if the daemon reads the pinned
    // references
    String plain = "parent-" + RUN;
    String baseImage = LocalServices.BASE_IMAGE;
    String digestRef = ImageReference.parse(baseImage).name() + "@" + baseDigest();
    String imageId = images().imageId(baseImage).orElseThrow();
    Path ctx =
        context(
            """
        FROM %1$s AS build
        RUN echo %2$s > /built
        FROM %1$s
        COPY --from=build /built /built
        COPY --from=%1$s /bin/busybox /copied
        COPY . /ctx
        RUN grep -q '^FROM %1$s AS build$' /ctx/Dockerfile && ! ls -a /ctx | grep -q '^.dockerfile'
        """
                .formatted(plain, RUN));

    for (String pin : List.of(digestRef, imageId)) {
      String tag = ref(pin.startsWith("sha256:") ? "pinned-id" : "pinned-digest");
      BuildResult result =
          builder()
              .build(
                  BuildRequest.of(ctx)
                      .withParents(Map.of(plain, pin))
                      .withLabels(Map.of("dev.azbuild.test", "pinned"))
                      .withTags(Set.of(tag)));

      assertThat(result.steps().get(0).instruction()).isEqualTo("FROM " + pin + " AS build");
      assertThat(result.steps().get(4).instruction())
          .isEqualTo("COPY --from=" + pin + " /bin/busybox /copied");
      assertThat(images().layers(tag))
          .startsWith(images().layers(baseImage).toArray(String[]::new));
      assertThat(images().inspectLabels(tag)).containsEntry("dev.azbuild.test", "pinned");
    }
    assertThat(images().exists(plain)).as("no plain tag is made for the parent").isFalse();
  }

  @Test
  void aPinnedDockerfileKeepsTheLineNumbersOfTheDaemonsErrors() throws Exception {
    Path ctx =
        context(
            """
        FROM \\
          parent-%s \\
          AS build
        RUN true
        BOGUS instruction
        """
                .formatted(RUN));

    assertThatThrownBy(
            () ->
                builder()
                    .build(
                        BuildRequest.of(ctx)
                            .withParents(Map.of("parent-" + RUN, LocalServices.BASE_IMAGE))))
        .isInstanceOf(DockerOperationException.class)
        .hasMessageStartingWith(ctx.resolve("Dockerfile") + ": ")
        .hasMessageContaining("line 5")
        .hasMessageNotContaining("\n");
  }

  /** The registry digest of the base image, which the daemon recorded when it pulled it. */
  private static String baseDigest() throws Exception {
    new ImageTransfer(DOCKER.daemon()).pull(LocalServices.BASE_IMAGE);
    String repository = ImageReference.parse(LocalServices.BASE_IMAGE).name();
    return DOCKER
        .daemon()
        .client()
        .inspectImageCmd(LocalServices.BASE_IMAGE)
        .exec()
        .getRepoDigests()
        .stream()
        .filter(d -> d.startsWith(repository + "@"))
        .findFirst()
        .orElseThrow()
        .substring(repository.length() + 1);
  }

  @Test
  void honoursDockerignoreLikeTheDockerCli() throws Exception {
    Path ctx =
        context(
            """
        FROM BASE
        COPY . /ctx
        RUN test -e /ctx/keep.txt && test ! -e /ctx/secret.txt \\
         && test ! -e /ctx/README.md && test ! -e /ctx/sub/notes.md && test -e /ctx/sub/keep.md \\
         && test ! -e /ctx/build/out.bin && test -e /ctx/build/keep/me.txt \\
         && test ! -e /ctx/Dockerfile && echo %s
        """
                .formatted(RUN),
            "keep.txt",
            "k",
            "secret.txt",
            "s",
            "README.md",
            "r",
            "sub/notes.md",
            "n",
            "sub/keep.md",
            "k",
            "build/out.bin",
            "o",
            "build/keep/me.txt",
            "m",
            ".dockerignore",
            """
            # comments are not patterns
            secret.txt
            **/*.md
            !sub/keep.md
            build
            !build/keep
            Dockerfile
            """);

    // each "test" fails the RUN step, and so the build, if the context differs from what docker
    // sends
    BuildResult result = builder().build(BuildRequest.of(ctx).withTags(Set.of(ref("ignore"))));

    assertThat(result.steps()).hasSize(3);
  }

  @Test
  void dockerfileOutsideTheContextIsNotCopied(@TempDir Path elsewhere) throws Exception {
    Path ctx = context("unused", "app.txt", "a");
    Path dockerfile = elsewhere.resolve("build.Dockerfile");
    Files.writeString(
        dockerfile,
        """
        FROM %s
        COPY . /ctx
        RUN test -e /ctx/app.txt && ! ls -a /ctx | grep -q '^.dockerfile' && echo %s
        """
            .formatted(LocalServices.BASE_IMAGE, RUN));

    BuildResult result =
        builder().build(BuildRequest.of(ctx, dockerfile).withTags(Set.of(ref("outside"))));

    assertThat(result.steps()).hasSize(3);
  }

  @Test
  void failingRunStepGivesOneLineWithExitCodeAndOutputTail() throws Exception {
    // the same text every run: the step that succeeds leaves one untagged image, cached from then
    // on
    Path ctx =
        context(
            """
        FROM BASE
        RUN echo fine
        RUN for i in 1 2 3 4 5 6 7; do echo line$i; done; echo oops >&2; exit 3
        """);

    assertThatThrownBy(() -> builder().build(BuildRequest.of(ctx).withTags(Set.of(ref("failing")))))
        .isInstanceOfSatisfying(
            BuildFailedException.class,
            e -> {
              assertThat(e.getMessage())
                  .doesNotContain("\n")
                  .startsWith(ctx.resolve("Dockerfile") + ": Step 3/3 : RUN for i in")
                  .contains("failed with exit code 3; output: ")
                  // the last five lines; the daemon streams stderr ("oops") and stdout apart, so it
                  // may land anywhere
                  .contains("line5", "line6", "line7", "oops")
                  .doesNotContain("line2")
                  .doesNotContain("Removing intermediate container")
                  .doesNotContain("\u001B");
              assertThat(e.exitCode()).hasValue(3);
              assertThat(e.step())
                  .hasValueSatisfying(s -> assertThat(s).startsWith("Step 3/3 : RUN"));
            });
  }

  @Test
  void failingCopyNamesTheStepAndTheDaemonsReason() throws Exception {
    Path ctx =
        context(
            """
        FROM BASE
        COPY missing.txt /missing.txt
        """);

    assertThatThrownBy(() -> builder().build(BuildRequest.of(ctx)))
        .isInstanceOf(BuildFailedException.class)
        .hasMessageStartingWith(
            ctx.resolve("Dockerfile") + ": Step 2/2 : COPY missing.txt /missing.txt failed: ")
        .hasMessageContaining("missing.txt")
        .hasMessageNotContaining("\n");
  }

  @Test
  void unknownTargetListsTheStages() throws Exception {
    Path ctx =
        context(
            """
        FROM BASE AS deps
        RUN true
        FROM BASE AS Test
        FROM BASE
        """);

    assertThatThrownBy(() -> builder().build(BuildRequest.of(ctx).withTarget("nope")))
        .isInstanceOf(BuildFailedException.class)
        .hasMessage(
            ctx.resolve("Dockerfile")
                + ": no stage named 'nope' to build (--target); stages: deps, test");
  }

  @Test
  void missingDockerfileIsOneLine() {
    Path dockerfile = dir.resolve("Dockerfile");

    assertThatThrownBy(() -> builder().build(BuildRequest.of(dir)))
        .isInstanceOf(BuildFailedException.class)
        .hasMessage(
            dockerfile
                + ": Dockerfile not found; create it or configure the module's Dockerfile path");
  }
}
