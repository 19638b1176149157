package dev.azbuild.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.azbuild.dockerfile.Dockerfile.ImageUse;
import dev.azbuild.dockerfile.Dockerfile.Stage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerfileTest {

  private static final Path FILE = Path.of("svc/Dockerfile");

  private static Dockerfile parse(String content) {
    return parse(content, Map.of());
  }

  private static Dockerfile parse(String content, Map<String, String> args) {
    return Dockerfile.parse(FILE, content, args);
  }

  private static List<String> bases(Dockerfile d) {
    return d.stages().stream().map(Stage::base).toList();
  }

  private static List<String> external(Dockerfile d) {
    return d.externalImages().stream().map(ImageUse::image).toList();
  }

  @Test
  void simpleFrom() {
    Dockerfile d = parse("FROM alpine:3.20\nRUN echo hi\n");
    assertThat(d.stages()).containsExactly(new Stage("alpine:3.20", Optional.empty(), 1));
    assertThat(d.file()).isEqualTo(FILE);
    assertThat(d.copiedFrom()).isEmpty();
    assertThat(d.externalImages()).containsExactly(new ImageUse("alpine:3.20", 1));
  }

  @Test
  void argDefaultsSubstituteInFrom() {
    String content =
        """
        ARG BASE=libs-base
        ARG TAG="1.2"
        ARG REG='127.0.0.1:5000'
        ARG EMPTY
        FROM ${BASE}:${TAG}
        FROM $BASE AS second
        FROM ${EMPTY:-fallback}:x
        FROM ${BASE:-unused}
        FROM ${REG}/team/${BASE}
        FROM ${UNDECLARED:-dflt}
        """;
    assertThat(bases(parse(content)))
        .containsExactly(
            "libs-base:1.2",
            "libs-base",
            "fallback:x",
            "libs-base",
            "127.0.0.1:5000/team/libs-base",
            "dflt");
  }

  @Test
  void buildArgsOverrideDefaults() {
    String content = "ARG BASE=libs-base\nARG TAG=1\nFROM ${BASE}:$TAG\nFROM ${BASE:-x}\n";
    Dockerfile d = parse(content, Map.of("BASE", "other", "TAG", "9", "UNUSED", "z"));
    assertThat(bases(d)).containsExactly("other:9", "other");
    // an empty build arg falls back to the :- default
    assertThat(bases(parse("ARG BASE=a\nFROM ${BASE:-b}\n", Map.of("BASE", ""))))
        .containsExactly("b");
  }

  @Test
  void severalArgsOnOneLine() {
    String content =
        "ARG BASE=libs-base TAG=1 EMPTY\nARG Q=\"a b\" R='c'\nFROM ${BASE}:${TAG}${EMPTY:-}\nFROM ${Q}-$R\n";
    assertThat(bases(parse(content))).containsExactly("libs-base:1", "a b-c");
    assertThat(bases(parse(content, Map.of("TAG", "2")))).first().isEqualTo("libs-base:2");
  }

  @Test
  void argDefaultsMayUseEarlierArgs() {
    String content = "ARG REG=127.0.0.1:5000\nARG IMAGE=${REG}/base\nFROM $IMAGE\n";
    assertThat(bases(parse(content))).containsExactly("127.0.0.1:5000/base");
    assertThat(bases(parse(content, Map.of("REG", "localhost")))).containsExactly("localhost/base");
  }

  @Test
  void argsAfterTheFirstFromAreNotGlobal() {
    String content = "ARG A=one\nFROM base-$A\nARG A=two\nFROM base-${A}\n";
    assertThat(bases(parse(content))).containsExactly("base-one", "base-one");
  }

  @Test
  void platformAndOtherFlagsAreSkipped() {
    String content =
        """
        FROM --platform=$BUILDPLATFORM golang:1.22 AS build
        FROM --platform=linux/amd64 --some-flag=x alpine
        """;
    Dockerfile d = parse(content);
    assertThat(d.stages())
        .containsExactly(
            new Stage("golang:1.22", Optional.of("build"), 1),
            new Stage("alpine", Optional.empty(), 2));
  }

  @Test
  void stageNamesAreCaseInsensitiveAndLowerCased() {
    String content =
        """
        from alpine as Builder
        FROM alpine As TEST
        From builder aS final
        """;
    Dockerfile d = parse(content);
    assertThat(d.stageNames()).containsExactly("builder", "test", "final");
    assertThat(bases(d)).containsExactly("alpine", "alpine", "builder");
    assertThat(external(d)).containsExactly("alpine", "alpine");
  }

  @Test
  void instructionsAreFoundInAnyCaseAndLookAlikesAreNot() {
    String content =
        """
        arg BASE=alpine
        Arg TAG=3
        from ${BASE}:${TAG} AS build
        RUN echo FROM other
        fromage is not an instruction
        copy --from=tools /bin/x /x
        Add --chown=1 --from=extra /y /y
        COPYRIGHT --from=nothing
        CMD ["copy", "--from=none"]
        """;
    Dockerfile d = parse(content);
    assertThat(bases(d)).containsExactly("alpine:3");
    assertThat(d.copiedFrom())
        .extracting(Dockerfile.ImageUse::image)
        .containsExactly("tools", "extra");
  }

  @Test
  void continuationLinesAndCommentsKeepTheFirstLineNumber() {
    String content =
        """
        # syntax=docker/dockerfile:1
        # a comment

        FROM \\
          --platform=linux/amd64 \\
          # a comment inside the continuation
          alpine:3 \\
          AS base
        RUN apk add \\
            curl
        COPY --from=busybox:1.36 \\
             /bin/busybox /bin/
        """;
    Dockerfile d = parse(content);
    assertThat(d.stages()).containsExactly(new Stage("alpine:3", Optional.of("base"), 4));
    assertThat(d.copiedFrom()).containsExactly(new ImageUse("busybox:1.36", 11));
  }

  @Test
  void crlfAndBomAreTolerated() {
    Dockerfile d = parse("\uFEFFARG B=x\r\nFROM ${B} AS s\r\nFROM y\r\nCOPY --from=s /a /b\r\n");
    assertThat(d.stages())
        .containsExactly(new Stage("x", Optional.of("s"), 2), new Stage("y", Optional.empty(), 3));
    assertThat(d.externalImages()).containsExactly(new ImageUse("x", 2), new ImageUse("y", 3));
  }

  @Test
  void copyFromStageOrImage() {
    String content =
        """
        FROM golang:1.22 AS build
        RUN go build
        FROM alpine
        COPY --from=build /out /app
        COPY --from=BUILD /out2 /app
        COPY --chown=1:1 --from=0 /x /y
        COPY --from=libs-base:latest /etc/base /etc/base
        ADD --from=127.0.0.1:5000/tools /t /t
        COPY --from=1 /self /self
        COPY plain /plain
        """;
    Dockerfile d = parse(content);
    assertThat(d.copiedFrom())
        .extracting(ImageUse::image)
        .containsExactly("build", "BUILD", "0", "libs-base:latest", "127.0.0.1:5000/tools", "1");
    assertThat(d.externalImages())
        .containsExactly(
            new ImageUse("golang:1.22", 1),
            new ImageUse("alpine", 3),
            new ImageUse("libs-base:latest", 7),
            new ImageUse("127.0.0.1:5000/tools", 8));
  }

  @Test
  void externalImagesSkipEarlierStagesByNameAndScratch() {
    String content =
        """
        FROM scratch AS empty
        FROM node:20 AS deps
        FROM deps AS build
        FROM Deps
        FROM empty
        FROM later
        FROM alpine AS later
        """;
    Dockerfile d = parse(content);
    // "later" is used before it is declared: docker pulls an image called "later"
    assertThat(external(d)).containsExactly("node:20", "later", "alpine");
    assertThat(d.stageNames()).containsExactly("empty", "deps", "build", "later");
  }

  @Test
  void copyFromTheCurrentOrALaterStageNamesAnImage() {
    String content =
        """
        FROM alpine AS first
        COPY --from=first /a /a
        COPY --from=later /b /b
        FROM alpine AS later
        COPY --from=first /c /c
        COPY --from=7 /d /d
        """;
    // the classic builder knows only the stages finished before the current one: it pulls "first"
    // and "later" as images on lines 2 and 3 (a number is always a stage index: a bad one fails)
    assertThat(parse(content).externalImages())
        .containsExactly(
            new ImageUse("alpine", 1),
            new ImageUse("alpine", 4),
            new ImageUse("first", 2),
            new ImageUse("later", 3));
  }

  @Test
  void noFromAtAll() {
    Dockerfile d = parse("# nothing\n\nRUN true\n");
    assertThat(d.stages()).isEmpty();
    assertThat(d.externalImages()).isEmpty();
    assertThat(d.stageNames()).isEmpty();
  }

  @Test
  void readsAFileFromDisk(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("Dockerfile");
    Files.writeString(file, "ARG V=3.19\nFROM alpine:${V}\n");
    Dockerfile d = Dockerfile.read(file, Map.of("V", "3.20"));
    assertThat(d.file()).isEqualTo(file);
    assertThat(bases(d)).containsExactly("alpine:3.20");
  }

  @Test
  void baseImageFollowsEarlierStagesByNameAndIndex() {
    Dockerfile dockerfile =
        Dockerfile.parse(
            Path.of("Dockerfile"),
            """
        FROM libs-base AS Deps
        FROM deps AS build
        FROM node:20 AS tools
        FROM 1 AS again
        FROM again
        """,
            Map.of());

    assertThat(dockerfile.baseImage(Optional.empty())).contains("libs-base");
    assertThat(dockerfile.baseImage(Optional.of("build"))).contains("libs-base");
    assertThat(dockerfile.baseImage(Optional.of("TOOLS"))).contains("node:20");
    assertThat(dockerfile.baseImage(Optional.of("missing"))).isEmpty();
    assertThat(
            Dockerfile.parse(Path.of("Dockerfile"), "FROM tools AS tools\n", Map.of())
                .baseImage(Optional.empty()))
        .as("a stage cannot name itself")
        .contains("tools");
  }
}
