package dev.azbuild.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.BuildResponseItem;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The classic builder's stream, as the daemon sends it, turned into steps and failure reports. */
class BuildOutputTest {

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private static void feed(BuildOutput output, String... jsonLines) throws Exception {
    for (String json : jsonLines) {
      output.onNext(JSON.readValue(json, BuildResponseItem.class));
    }
    output.finish();
  }

  @Test
  void stepsSplitAcrossChunksAndCacheUse() throws Exception {
    BuildOutput output = new BuildOutput("api");
    feed(
        output,
        "{\"stream\":\"Step 1/2 : FROM base\"}",
        "{\"stream\":\"\\n\"}",
        "{\"stream\":\" ---> 0a65f77804b9\\n\"}",
        "{\"stream\":\"Step 2/2 : RUN make\"}",
        "{\"stream\":\"\\n\"}",
        "{\"stream\":\" ---> Using cache\\n\"}",
        "{\"stream\":\" ---> 4724c271abe7\\n\"}",
        "{\"aux\":{\"ID\":\"sha256:4724c271abe7aa\"}}",
        "{\"stream\":\"Successfully built 4724c271abe7\\n\"}");

    assertThat(output.steps())
        .containsExactly(
            new BuildResult.Step(1, "FROM base", false), new BuildResult.Step(2, "RUN make", true));
    assertThat(output.imageId()).contains("4724c271abe7");
    assertThat(output.error()).isEmpty();
  }

  @Test
  void longFailureOutputIsCutToTheLast400Characters() throws Exception {
    BuildOutput output = new BuildOutput("api");
    String longLine = "x".repeat(150);
    feed(
        output,
        "{\"stream\":\"Step 1/1 : RUN ./build.sh\\n\"}",
        "{\"stream\":\" ---> Running in 17943f8a583e\\n\"}",
        "{\"stream\":\"" + (longLine + "\\n").repeat(6) + "\"}",
        "{\"stream\":\"\\u001b[91mboom\\n\\u001b[0m\"}",
        "{\"stream\":\"Removing intermediate container 17943f8a583e\\n\"}",
        "{\"errorDetail\":{\"code\":2,\"message\":\"The command '/bin/sh -c ./build.sh' returned a non-zero code: 2\"}}");

    BuildFailedException e = ImageBuilder.failure(Path.of("services/api/Dockerfile"), output);

    String prefix =
        "services/api/Dockerfile: Step 1/1 : RUN ./build.sh failed with exit code 2; output: ";
    assertThat(e.getMessage()).startsWith(prefix).endsWith(" | boom");
    assertThat(e.getMessage().length() - prefix.length()).isEqualTo(ImageBuilder.MAX_TAIL_CHARS);
    assertThat(e.exitCode()).hasValue(2);
  }

  @Test
  void errorBeforeAnyStepIsReportedAsIs() throws Exception {
    BuildOutput output = new BuildOutput("api");
    feed(
        output,
        "{\"errorDetail\":{\"message\":\"dockerfile parse error line 2: unknown instruction: RUNN\"}}");

    assertThat(ImageBuilder.failure(Path.of("Dockerfile"), output).getMessage())
        .isEqualTo(
            "Dockerfile: build failed: dockerfile parse error line 2: unknown instruction: RUNN");
  }
}
