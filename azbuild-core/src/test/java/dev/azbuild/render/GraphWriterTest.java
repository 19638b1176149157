package dev.azbuild.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphWriterTest {

  private static final String PARAMETER = "azbuild.graph.outputDirectory";

  @TempDir static Path shared;
  @TempDir Path tmp;
  private static GraphModel model;

  @BeforeAll
  static void plan() throws Exception {
    model = GraphModel.of(SamplePlan.create(shared.resolve("repo")), Map.of());
  }

  @Test
  void writesOnlyTheChosenFormatsCreatingTheDirectory() throws Exception {
    Path dir = tmp.resolve("out/graph");
    List<Path> written =
        GraphWriter.write(model, EnumSet.of(GraphFormat.DOT, GraphFormat.HTML), dir, PARAMETER);
    assertThat(written).containsExactly(dir.resolve("graph.dot"), dir.resolve("graph.html"));
    assertThat(Files.readString(dir.resolve("graph.dot")))
        .isEqualTo(new DotRenderer().render(model));
    assertThat(Files.readString(dir.resolve("graph.html")))
        .isEqualTo(new HtmlRenderer().render(model));
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("graph.dot", "graph.html");
    }
  }

  /** Under a regular file no directory can be made, even as root (chmod does not stop root). */
  @Test
  void anUnwritableDirectoryIsOneLineNamingThePathAndTheParameter() throws Exception {
    Path file = Files.writeString(tmp.resolve("a-file"), "x");
    Path dir = file.resolve("graph");
    assertThatThrownBy(
            () -> GraphWriter.write(model, EnumSet.allOf(GraphFormat.class), dir, PARAMETER))
        .isInstanceOf(GraphOutputException.class)
        .hasMessage(
            PARAMETER
                + ": output directory "
                + dir
                + " is not writable ("
                + file
                + " is a file);"
                + " make it writable or choose another with -D"
                + PARAMETER
                + "=DIR");
  }
}
