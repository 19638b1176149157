package dev.azbuild.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.azbuild.graph.ImageModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A COPY of a jar that Maven has not built yet fails before any build, saying to run package. */
class BuildOutputCheckTest {

  @TempDir Path repo;

  private ImageModule module(String context) {
    return new ImageModule(
        "g:hello",
        "services/hello",
        repo.resolve("services/hello"),
        "hello",
        "docker/Dockerfile",
        context,
        List.of(),
        List.of(),
        Map.of());
  }

  private void write(String path, String text) throws Exception {
    Path file = repo.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  @Test
  void aJarThatWasNotBuiltIsOneLineNamingTheLineAndTheFix() throws Exception {
    write(
        "docker/Dockerfile",
        "FROM base\nCOPY target/lib/ /app/lib/\nCOPY target/*.jar /app/app.jar\nCOPY conf/ /conf/\n");
    write("services/hello/pom.xml", "<project/>");
    Files.createDirectories(repo.resolve("services/hello/target/lib")); // copy-dependencies ran

    BuildFailure failure =
        catchThrowableOfType(
            BuildFailure.class, () -> BuildOutputCheck.check(module("services/hello"), repo));

    assertThat(failure)
        .hasMessage(
            "services/hello: docker/Dockerfile:3: COPY target/*.jar matches no file in"
                + " services/hello/target (the module's Maven build output); run `mvn package`"
                + " before azbuild:build (`mvn package azbuild:build`), or bind the build goal in"
                + " the pom so it runs at package, after the jar");
    assertThat(failure.getMessage()).doesNotContain("\n");
  }

  @Test
  void passesOnceTheJarIsThereAndLeavesOtherMissingFilesToDocker() throws Exception {
    write("docker/Dockerfile", "FROM base\nCOPY target/*.jar /app/app.jar\nCOPY conf/ /conf/\n");
    write("services/hello/target/hello-1.jar", "jar");
    assertThatCode(() -> BuildOutputCheck.check(module("services/hello"), repo))
        .doesNotThrowAnyException();
  }

  @Test
  void aContextThatIsTheBuildOutputMustExist() throws Exception {
    write("docker/Dockerfile", "FROM base\nCOPY *.jar /app/\n");
    assertThat(
            catchThrowableOfType(
                BuildFailure.class,
                () -> BuildOutputCheck.check(module("services/hello/target"), repo)))
        .hasMessageContaining("COPY *.jar matches no file in services/hello/target");
    write("services/hello/target/hello-1.jar", "jar");
    assertThatCode(() -> BuildOutputCheck.check(module("services/hello/target"), repo))
        .doesNotThrowAnyException();
  }

  @Test
  void globsMatchPerPathSegment() throws Exception {
    write("ctx/target/a/b.jar", "x");
    assertThat(BuildOutputCheck.matchesAny(repo.resolve("ctx"), "target/*/b.jar")).isTrue();
    assertThat(BuildOutputCheck.matchesAny(repo.resolve("ctx"), "target/*.jar")).isFalse();
    assertThat(BuildOutputCheck.matchesAny(repo.resolve("ctx"), "/target/a/")).isTrue();
  }

  @Test
  void thePreflightChecksTheDockerfileOfAContextMavenHasNotBuiltYetWithTheModuleDirectory()
      throws Exception {
    Files.createDirectories(repo.resolve("services/hello"));
    assertThat(Preflight.contextToCheck(module("services/hello/target"), repo))
        .isEqualTo(repo.resolve("services/hello"));
    Files.createDirectories(repo.resolve("services/hello/target"));
    assertThat(Preflight.contextToCheck(module("services/hello/target"), repo))
        .isEqualTo(repo.resolve("services/hello/target"));
    // a context outside the build output that is missing stays a mistake the check reports
    assertThat(Preflight.contextToCheck(module("services/hello/ctx"), repo))
        .isEqualTo(repo.resolve("services/hello/ctx"));
  }
}
