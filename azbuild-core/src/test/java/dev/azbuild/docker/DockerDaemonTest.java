package dev.azbuild.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.exception.InternalServerErrorException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connection's errors and settings, with no daemon running; {@link DockerDaemonIT} pings a real
 * one.
 */
class DockerDaemonTest {

  private static final String MISSING_SOCKET = "unix:///tmp/nonexistent.sock";

  @Test
  void defaultsToTheStandardSocket() {
    try (DockerDaemon daemon = DockerDaemon.fromEnvironment(Map.of())) {
      assertThat(daemon.host()).isEqualTo("unix:///var/run/docker.sock");
    }
  }

  @Test
  void missingSocketIsOneLineWithWhatToDo() {
    try (DockerDaemon daemon =
        DockerDaemon.fromEnvironment(Map.of("DOCKER_HOST", MISSING_SOCKET))) {
      assertThatThrownBy(daemon::ping)
          .isInstanceOf(DaemonUnreachableException.class)
          .hasMessage(
              "Docker daemon not reachable at unix:///tmp/nonexistent.sock: No such file or directory;"
                  + " start it (scripts/services start, or systemctl start docker) or set DOCKER_HOST");
    }
  }

  @Test
  void refusedTcpConnectionIsOneLine() {
    try (DockerDaemon daemon = DockerDaemon.connect("tcp://127.0.0.1:1")) {
      assertThatThrownBy(daemon::ping)
          .isInstanceOf(DaemonUnreachableException.class)
          .hasMessageStartingWith("Docker daemon not reachable at tcp://127.0.0.1:1: ")
          .hasMessageContaining("Connection refused")
          .hasMessageNotContaining("\n");
    }
  }

  @Test
  void everyOperationReportsAnUnreachableDaemonTheSameWay(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\n");
    try (DockerDaemon daemon =
        DockerDaemon.fromEnvironment(Map.of("DOCKER_HOST", MISSING_SOCKET))) {
      assertThatThrownBy(() -> new ImageBuilder(daemon).build(BuildRequest.of(dir)))
          .isInstanceOf(DaemonUnreachableException.class);
      assertThatThrownBy(() -> new ImageTransfer(daemon).push("127.0.0.1:5000/x:1"))
          .isInstanceOf(DaemonUnreachableException.class);
      assertThatThrownBy(() -> new ImageTransfer(daemon).pull("127.0.0.1:5000/x:1"))
          .isInstanceOf(DaemonUnreachableException.class);
      assertThatThrownBy(() -> new ImageTags(daemon).exists("x:1"))
          .isInstanceOf(DaemonUnreachableException.class);
    }
  }

  @Test
  void httpWireLogsThatWouldPrintCredentialsStayAtInfo() {
    try (DockerDaemon daemon = DockerDaemon.connect(MISSING_SOCKET)) {
      for (String logger : DockerDaemon.WIRE_LOGGERS) {
        assertThat(System.getProperty("org.slf4j.simpleLogger.log." + logger)).isEqualTo("info");
      }
    }
  }

  @Test
  void daemonErrorsAreUnwrappedFromDockerJavasStatusText() {
    var wrapped =
        new InternalServerErrorException(
            "Status 500: {\"message\":\"unauthorized: \\\"x\\\" denied\"}\n");

    assertThat(DockerDaemon.errorMessage(wrapped)).isEqualTo("unauthorized: \"x\" denied");
  }
}
