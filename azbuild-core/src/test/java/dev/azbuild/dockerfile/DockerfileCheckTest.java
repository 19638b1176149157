package dev.azbuild.dockerfile;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the classic builder would refuse, found before anything is built: each a one-line error with
 * file, line and fix.
 */
class DockerfileCheckTest {

  private static final Path FILE = Path.of("services/api/Dockerfile");

  private static void check(String content) throws DockerfileException {
    DockerfileCheck.check(FILE, content, Map.of());
  }

  @Test
  void aGoodMultiStageDockerfilePasses() {
    assertThatCode(
            () ->
                DockerfileCheck.check(
                    FILE,
                    """
                    # syntax=docker/dockerfile:1
                    ARG BASE=127.0.0.1:5000/base/busybox:1
                    ARG TAG
                    FROM ${BASE} AS build
                    RUN echo a \\
                        && echo b
                    FROM libs-base:${TAG}
                    COPY --from=build /out /out
                    EXPOSE 8080 9000/udp 7000-7010 ${PORT}
                    HEALTHCHECK CMD true
                    ONBUILD RUN true
                    CMD ["sh"]
                    """,
                    Map.of("TAG", "1")))
        .doesNotThrowAnyException();
    assertThatCode(() -> check("FROM scratch\nCOPY a /\n")).doesNotThrowAnyException();
  }

  @Test
  void anUnknownInstructionNamesTheLine() {
    assertThatThrownBy(() -> check("FROM libs-base\nRUN make \\\n  all\nFORM x\n"))
        .isInstanceOf(DockerfileException.class)
        .hasMessage(
            "services/api/Dockerfile:4: unknown instruction 'FORM'; a line starts with one of ADD,"
                + " ARG, CMD, COPY, ENTRYPOINT, ENV, EXPOSE, FROM, HEALTHCHECK, LABEL, MAINTAINER,"
                + " ONBUILD, RUN, SHELL, STOPSIGNAL, USER, VOLUME, WORKDIR (a typo, or the line"
                + " before it lacks its trailing \\ continuation)");
    // a continuation line without the backslash before it
    assertThatThrownBy(() -> check("FROM libs-base\nRUN apt-get update &&\n  apt-get install x\n"))
        .hasMessageStartingWith("services/api/Dockerfile:3: unknown instruction 'apt-get'");
  }

  @Test
  void anotherEscapeCharacterLeavesLineJoiningToTheDaemon() {
    assertThatCode(() -> check("# escape=`\nFROM libs-base\nRUN echo a `\n  b\n"))
        .doesNotThrowAnyException();
  }

  @Test
  void anInstructionBeforeTheFirstFrom() {
    assertThatThrownBy(() -> check("ARG X=1\nRUN true\nFROM alpine\n"))
        .hasMessage(
            "services/api/Dockerfile:2: RUN before the first FROM; only ARG may come before it:"
                + " start the file with FROM <image>");
  }

  @Test
  void noFromAtAll() {
    assertThatThrownBy(() -> check("# nothing\n\n"))
        .hasMessage(
            "services/api/Dockerfile: has no FROM instruction; a Dockerfile starts with FROM"
                + " <image>");
    assertThatThrownBy(() -> check("ARG X=1\n")).hasMessageContaining("has no FROM instruction");
  }

  @Test
  void aFromWhoseBuildArgIsEmpty() {
    assertThatThrownBy(() -> check("ARG BASE\nFROM ${BASE}\nRUN true\n"))
        .hasMessage(
            "services/api/Dockerfile:2: FROM ${BASE} names no image: the build arg it uses is"
                + " empty; give the ARG a default before the first FROM (ARG NAME=image) or set"
                + " azbuild.buildArg.NAME in the module's pom");
    assertThatCode(
            () -> DockerfileCheck.check(FILE, "ARG BASE\nFROM ${BASE}\n", Map.of("BASE", "alpine")))
        .doesNotThrowAnyException();
  }

  @Test
  void aFromThatIsNotAnImageReference() {
    assertThatThrownBy(() -> check("FROM Ubuntu:22.04\n"))
        .hasMessage(
            "services/api/Dockerfile:1: FROM Ubuntu:22.04 is not an image reference; write"
                + " [registry/]name[:tag][@digest] with a lower-case name, e.g. ubuntu:22.04");
    assertThatThrownBy(() -> check("FROM alpine extra words\n"))
        .hasMessageStartingWith(
            "services/api/Dockerfile:1: 'FROM alpine extra words' is not FROM [--platform=...]"
                + " <image> [AS <name>]");
  }

  @Test
  void aStageNameTheBuilderRefuses() {
    assertThatThrownBy(() -> check("FROM alpine AS 1st\nRUN true\n"))
        .hasMessage(
            "services/api/Dockerfile:1: '1st' is not a valid stage name; start it with a letter,"
                + " then use letters, digits, '-', '_' or '.'");
  }

  @Test
  void aPortExposeCannotRead() {
    assertThatThrownBy(() -> check("FROM alpine\nEXPOSE 80 http\n"))
        .hasMessage(
            "services/api/Dockerfile:2: EXPOSE http is not a port; write PORT, PORT/tcp, PORT/udp"
                + " or a range PORT-PORT");
  }
}
