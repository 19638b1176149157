package dev.azbuild.env;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvTargetsTest {

  @TempDir Path root;

  private List<EnvTarget> defaults() {
    return List.of(
        new EnvTarget(root.resolve("target/azbuild/env.sh"), EnvFormat.SHELL),
        new EnvTarget(root.resolve("target/azbuild/env.properties"), EnvFormat.PROPERTIES));
  }

  @Test
  void localGetsOnlyOwnFiles() {
    assertThat(EnvTargets.resolve(Map.of(), root)).isEqualTo(defaults());
  }

  @Test
  void circleciAddsBashEnv() {
    List<EnvTarget> targets =
        EnvTargets.resolve(Map.of("CIRCLECI", "true", "BASH_ENV", "/tmp/.bash_env-1"), root);
    assertThat(targets).startsWith(defaults().toArray(EnvTarget[]::new)).hasSize(3);
    assertThat(targets.get(2))
        .isEqualTo(new EnvTarget(Path.of("/tmp/.bash_env-1"), EnvFormat.BASH_ENV));
  }

  @Test
  void bashEnvIgnoredOutsideCircleciOrWhenEmpty() {
    assertThat(EnvTargets.resolve(Map.of("BASH_ENV", "/home/me/.bashrc"), root))
        .isEqualTo(defaults());
    assertThat(EnvTargets.resolve(Map.of("CIRCLECI", "true", "BASH_ENV", ""), root))
        .isEqualTo(defaults());
  }

  @Test
  void githubActionsAddsGithubEnv() {
    List<EnvTarget> targets =
        EnvTargets.resolve(Map.of("GITHUB_ACTIONS", "true", "GITHUB_ENV", "/gh/env"), root);
    assertThat(targets).hasSize(3);
    assertThat(targets.get(2)).isEqualTo(new EnvTarget(Path.of("/gh/env"), EnvFormat.GITHUB_ENV));
    assertThat(EnvTargets.resolve(Map.of("GITHUB_ENV", "/gh/env"), root)).isEqualTo(defaults());
  }

  @Test
  void bothCiFilesWhenBothMarkersSet() {
    List<EnvTarget> targets =
        EnvTargets.resolve(
            Map.of(
                "CIRCLECI", "true", "BASH_ENV", "/b", "GITHUB_ACTIONS", "true", "GITHUB_ENV", "/g"),
            root);
    assertThat(targets)
        .extracting(EnvTarget::format)
        .containsExactly(
            EnvFormat.SHELL, EnvFormat.PROPERTIES, EnvFormat.BASH_ENV, EnvFormat.GITHUB_ENV);
  }

  @Test
  void writeDispatchesOnFormat() throws IOException {
    Path bashEnv = root.resolve("bash_env");
    Path githubEnv = root.resolve("github_env");
    Map<String, String> vars = Map.of("AZ", "1");
    for (EnvTarget t :
        EnvTargets.resolve(
            Map.of(
                "CIRCLECI",
                "true",
                "BASH_ENV",
                bashEnv.toString(),
                "GITHUB_ACTIONS",
                "true",
                "GITHUB_ENV",
                githubEnv.toString()),
            root)) {
      t.write(vars);
    }
    assertThat(root.resolve("target/azbuild/env.sh")).hasContent("export AZ='1'");
    assertThat(root.resolve("target/azbuild/env.properties")).hasContent("AZ=1");
    assertThat(Files.readString(bashEnv)).isEqualTo("export AZ='1'\n");
    assertThat(Files.readString(githubEnv)).isEqualTo("AZ=1\n");
  }

  @Test
  void describeAndAppends() {
    EnvTarget t = new EnvTarget(Path.of("/gh/env"), EnvFormat.GITHUB_ENV);
    assertThat(t.describe()).isEqualTo("GitHub Actions GITHUB_ENV file /gh/env");
    assertThat(EnvFormat.GITHUB_ENV.appends()).isTrue();
    assertThat(EnvFormat.SHELL.appends()).isFalse();
  }
}
