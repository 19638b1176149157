package dev.azbuild.migrate;

import static dev.azbuild.migrate.SampleRepo.read;
import static dev.azbuild.migrate.SampleRepo.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.azbuild.migrate.ImportPlan.GeneratedFile;
import dev.azbuild.migrate.ImportWriter.Action;
import dev.azbuild.migrate.ImportWriter.Written;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportWriterTest {

  @TempDir Path root;

  private static ImportPlan planOf(GeneratedFile... files) {
    return new ImportPlan(List.of(files), List.of(), List.of(), List.of());
  }

  private List<String> tree() throws Exception {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile)
          .map(p -> root.relativize(p).toString())
          .sorted()
          .toList();
    }
  }

  @Test
  void writesEveryFileAndSaysSo() throws Exception {
    List<Written> written =
        ImportWriter.write(
            root,
            planOf(
                new GeneratedFile("pom.xml", "root\n"),
                new GeneratedFile("a/b/pom.xml", "module\n")),
            false);
    assertThat(written)
        .containsExactly(
            new Written("pom.xml", Action.WROTE), new Written("a/b/pom.xml", Action.WROTE));
    assertThat(read(root, "a/b/pom.xml")).isEqualTo("module\n");
    // a second run with the same content is no conflict
    assertThat(ImportWriter.write(root, planOf(new GeneratedFile("pom.xml", "root\n")), false))
        .containsExactly(new Written("pom.xml", Action.UNCHANGED));
  }

  @Test
  void refusesToOverwriteAndWritesNothing() throws Exception {
    write(root, "b/pom.xml", "mine\n");
    write(root, "c/.rebuild_patterns", "^c/\n");
    assertThatThrownBy(
            () ->
                ImportWriter.write(
                    root,
                    planOf(
                        new GeneratedFile("pom.xml", "root\n"),
                        new GeneratedFile("b/pom.xml", "generated\n"),
                        new GeneratedFile("c/.rebuild_patterns", "^c/src/\n")),
                    false))
        .isInstanceOf(ManifestException.class)
        .hasMessage(
            "2 files would be overwritten (b/pom.xml, c/.rebuild_patterns); nothing was written: rerun with"
                + " -Dazbuild.force to overwrite");
    assertThat(tree()).containsExactly("b/pom.xml", "c/.rebuild_patterns");
    assertThat(read(root, "b/pom.xml")).isEqualTo("mine\n");
  }

  @Test
  void forceOverwrites() throws Exception {
    write(root, "b/pom.xml", "mine\n");
    assertThat(
            ImportWriter.write(root, planOf(new GeneratedFile("b/pom.xml", "generated\n")), true))
        .containsExactly(new Written("b/pom.xml", Action.OVERWROTE));
    assertThat(read(root, "b/pom.xml")).isEqualTo("generated\n");
  }

  @Test
  void aFileInTheWayOfADirectoryIsReportedBeforeAnythingIsWritten() {
    write(root, "services", "not a directory\n");
    assertThatThrownBy(
            () ->
                ImportWriter.write(
                    root,
                    planOf(
                        new GeneratedFile("pom.xml", "root\n"),
                        new GeneratedFile("services/api/pom.xml", "x\n")),
                    true))
        .hasMessage(
            "services is a file, but services/api/pom.xml must go inside it; move it away and rerun");
    assertThat(Files.exists(root.resolve("pom.xml"))).isFalse();
  }

  @Test
  void aFailedWriteRestoresTheFilesWrittenBeforeIt() throws Exception {
    write(root, "b/pom.xml", "mine\n");
    // a name longer than the file system allows fails only when written (root ignores permissions)
    String tooLong = "x".repeat(300) + "/pom.xml";
    assertThatThrownBy(
            () ->
                ImportWriter.write(
                    root,
                    planOf(
                        new GeneratedFile("pom.xml", "root\n"),
                        new GeneratedFile("b/pom.xml", "generated\n"),
                        new GeneratedFile(tooLong, "x\n")),
                    true))
        .isInstanceOf(ManifestException.class)
        .hasMessageStartingWith("cannot write " + tooLong + " (")
        .hasMessageEndingWith(
            "the files written before it were restored: check that the directory is writable");
    assertThat(tree()).containsExactly("b/pom.xml");
    assertThat(read(root, "b/pom.xml")).isEqualTo("mine\n");
  }
}
