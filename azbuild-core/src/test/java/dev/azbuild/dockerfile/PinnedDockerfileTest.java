package dev.azbuild.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Dockerfile the daemon reads when in-repo parents are pinned to immutable references. */
class PinnedDockerfileTest {

  private static final Path FILE = Path.of("services/api/Dockerfile");
  private static final String PIN = "127.0.0.1:5000/team/libs-base@sha256:" + "a".repeat(64);
  private static final Map<String, String> PINS = Map.of("libs-base", PIN);

  private static String pin(String content) throws Exception {
    return pin(content, Map.of(), PINS);
  }

  private static String pin(String content, Map<String, String> buildArgs, Map<String, String> pins)
      throws Exception {
    return PinnedDockerfile.rewrite(FILE, content, buildArgs, pins);
  }

  @Test
  void everyFromFormKeepsItsFlagsAndStageName() throws Exception {
    String content =
        """
        FROM libs-base
        from libs-base:1.0 as Builder
        FROM --platform=linux/amd64 libs-base AS tools
          FROM   libs-base   AS   spaced
        FROM 127.0.0.1:5000/base/busybox:1 AS outside
        FROM builder
        """;

    assertThat(pin(content, Map.of(), Map.of("libs-base", PIN, "libs-base:1.0", PIN)))
        .isEqualTo(
            """
        FROM %1$s
        from %1$s as Builder
        FROM --platform=linux/amd64 %1$s AS tools
          FROM   %1$s   AS   spaced
        FROM 127.0.0.1:5000/base/busybox:1 AS outside
        FROM builder
        """
                .formatted(PIN));
  }

  @Test
  void copyFromAnImageIsPinnedAndCopyFromAStageIsNot() throws Exception {
    String content =
        """
        FROM libs-base AS build
        RUN make
        FROM 127.0.0.1:5000/base/busybox:1
        COPY --from=build /out /app
        COPY --chown=1:1 --from=libs-base /etc/base /etc/base
        COPY --from=0 /x /y
        COPY plain /plain
        """;

    assertThat(pin(content))
        .isEqualTo(
            """
        FROM %1$s AS build
        RUN make
        FROM 127.0.0.1:5000/base/busybox:1
        COPY --from=build /out /app
        COPY --chown=1:1 --from=%1$s /etc/base /etc/base
        COPY --from=0 /x /y
        COPY plain /plain
        """
                .formatted(PIN));
  }

  @Test
  void aStageNamedLikeTheImageIsTheStageOnceDeclared() throws Exception {
    String content =
        """
        FROM libs-base AS first
        COPY --from=libs-base /a /a
        FROM 127.0.0.1:5000/base/busybox:1 AS libs-base
        COPY --from=libs-base /b /b
        FROM libs-base
        COPY --from=libs-base /c /c
        """;

    // before the stage exists (and inside it) the name is the image, as the classic builder reads
    // it
    assertThat(pin(content))
        .isEqualTo(
            """
        FROM %1$s AS first
        COPY --from=%1$s /a /a
        FROM 127.0.0.1:5000/base/busybox:1 AS libs-base
        COPY --from=%1$s /b /b
        FROM libs-base
        COPY --from=libs-base /c /c
        """
                .formatted(PIN));
  }

  @Test
  void anArgSubstitutedFromIsPinnedWithTheArgsTheBuildUses() throws Exception {
    String content =
        """
        ARG BASE=libs-base
        ARG TAG=1.0
        FROM ${BASE}:${TAG} AS one
        FROM $BASE
        ARG BASE
        FROM ${OTHER:-127.0.0.1:5000/base/busybox:1}
        """;
    Map<String, String> pins = Map.of("libs-base:1.0", PIN, "libs-base", PIN);

    assertThat(pin(content, Map.of(), pins))
        .isEqualTo(
            """
        ARG BASE=libs-base
        ARG TAG=1.0
        FROM %1$s AS one
        FROM %1$s
        ARG BASE
        FROM ${OTHER:-127.0.0.1:5000/base/busybox:1}
        """
                .formatted(PIN));
    // a build arg that names an outside image leaves the line as it is
    assertThat(pin(content, Map.of("BASE", "127.0.0.1:5000/base/busybox", "TAG", "1"), pins))
        .isEqualTo(content);
  }

  @Test
  void continuationLinesKeepEveryLineNumber() throws Exception {
    String content =
        """
        # the base
        FROM \\
          --platform=linux/amd64 \\
          # a comment inside the continuation
          libs-base \\
          AS build
        RUN echo \\
          done
        COPY --from=libs-base \\
             /etc/base /etc/base
        BOGUS line nine
        """;

    String pinned = pin(content);

    // the joined instruction keeps a space per continuation, which docker does not mind
    assertThat(pinned)
        .isEqualTo(
            """
        # the base
        FROM  --platform=linux/amd64  %1$s  AS build




        RUN echo \\
          done
        COPY --from=%1$s  /etc/base /etc/base

        BOGUS line nine
        """
                .formatted(PIN));
    assertThat(pinned.lines().count()).isEqualTo(content.lines().count());
    Dockerfile before = Dockerfile.parse(FILE, content, Map.of());
    Dockerfile after = Dockerfile.parse(FILE, pinned, Map.of());
    assertThat(after.stages())
        .extracting(Dockerfile.Stage::line)
        .isEqualTo(List.of(before.stages().get(0).line()));
    assertThat(after.copiedFrom())
        .extracting(Dockerfile.ImageUse::line)
        .isEqualTo(before.copiedFrom().stream().map(Dockerfile.ImageUse::line).toList());
  }

  @Test
  void crlfLineBreaksStay() throws Exception {
    assertThat(pin("FROM libs-base\r\nRUN true\r\n")).isEqualTo("FROM " + PIN + "\r\nRUN true\r\n");
  }

  @Test
  void withoutPinsOrMatchesTheTextIsUnchanged() throws Exception {
    String content = "FROM 127.0.0.1:5000/base/busybox:1\nCOPY --from=other /a /a\n";

    assertThat(pin(content, Map.of(), Map.of())).isSameAs(content);
    assertThat(pin(content)).isEqualTo(content);
  }

  @Test
  void aLocalImageIdIsAPinToo() throws Exception {
    String id = "sha256:" + "b".repeat(64);

    assertThat(
            pin(
                "FROM libs-base AS b\nFROM x\nCOPY --from=libs-base /a /a\n",
                Map.of(),
                Map.of("libs-base", id)))
        .isEqualTo("FROM " + id + " AS b\nFROM x\nCOPY --from=" + id + " /a /a\n");
  }
}
