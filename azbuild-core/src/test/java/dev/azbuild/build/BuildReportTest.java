package dev.azbuild.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azbuild.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildReportTest {

  private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

  @TempDir Path tmp;

  @Test
  void recordsTheCommitAndFailedModulesWithTheirErrors() throws Exception {
    Path file = tmp.resolve("build.json");
    BuildReport report = new BuildReport(file, COMMIT, List.of("g:base", "g:api", "g:web"));
    report.record(
        new ModuleReport(
            "g:base",
            "base",
            ModuleReport.BUILT,
            "sha256:aa",
            List.of("abc"),
            10,
            0,
            1.5,
            List.of("changed"),
            null));
    report.record(
        ModuleReport.failed(
            "g:api",
            "api",
            2.0,
            List.of("upstream g:base rebuilds"),
            "services/api: RUN make failed"));

    JsonNode json = Json.MAPPER.readTree(file.toFile());
    assertThat(json.get("commit").asText()).isEqualTo(COMMIT);
    assertThat(json.at("/modules/1/action").asText()).isEqualTo("failed");
    assertThat(json.at("/modules/1/error").asText()).isEqualTo("services/api: RUN make failed");
    assertThat(json.at("/modules/0/error").isMissingNode()).isTrue();

    assertThat(BuildReport.failures(file, COMMIT))
        .isEqualTo(Map.of("g:api", "services/api: RUN make failed"));
  }

  @Test
  void anotherCommitsReportOrNoReportHasNoFailures() throws Exception {
    Path file = tmp.resolve("build.json");
    assertThat(BuildReport.failures(file, COMMIT)).isEmpty();
    new BuildReport(file, "ffff", List.of("g:api"))
        .record(ModuleReport.failed("g:api", "api", 1, List.of(), "boom"));
    assertThat(BuildReport.failures(file, COMMIT)).isEmpty();
    assertThat(BuildReport.failures(file, "ffff")).containsOnlyKeys("g:api");
  }

  @Test
  void aReportThatIsNotJsonIsAnError() throws Exception {
    Path file = Files.writeString(tmp.resolve("build.json"), "{ not json");
    assertThatThrownBy(() -> BuildReport.failures(file, COMMIT)).isInstanceOf(IOException.class);
  }
}
