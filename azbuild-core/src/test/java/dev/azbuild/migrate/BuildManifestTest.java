package dev.azbuild.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.azbuild.migrate.ManifestProject.PatternKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildManifestTest {

  @TempDir Path dir;

  private BuildManifest read(String json) throws ManifestException {
    SampleRepo.write(dir, "build_manifest.json", json);
    return BuildManifest.read(dir.resolve("build_manifest.json"), "build_manifest.json");
  }

  @Test
  void readsEveryKindOfPatternsAndKeepsRawValues() throws Exception {
    BuildManifest m =
        read(
            """
        {
          "a": {"buildDir": "yarn-project", "projectDir": "yarn-project/a", "dockerfile": "a/Dockerfile",
                "rebuildPatterns": ["^yarn-project/a/", "^yarn-project/yarn.lock"], "dependencies": ["b"]},
          "b": {"buildDir": "./b/", "rebuildPatterns": ".rebuild_patterns"},
          "c": {"buildDir": "c", "rebuildPatterns": null, "dependencies": null}
        }
        """);
    assertThat(m.projects()).extracting(ManifestProject::name).containsExactly("a", "b", "c");
    ManifestProject a = m.projects().get(0);
    assertThat(a.effectiveProjectDir()).isEqualTo("yarn-project/a");
    assertThat(a.dockerfileOrDefault()).isEqualTo("a/Dockerfile");
    assertThat(a.patterns().kind()).isEqualTo(PatternKind.LIST);
    assertThat(a.patterns().listed())
        .containsExactly("^yarn-project/a/", "^yarn-project/yarn.lock");
    assertThat(a.dependencies()).containsExactly("b");
    ManifestProject b = m.projects().get(1);
    assertThat(b.effectiveProjectDir()).isEqualTo("./b/");
    assertThat(b.dockerfileOrDefault()).isEqualTo("Dockerfile");
    assertThat(b.patterns().kind()).isEqualTo(PatternKind.FILE);
    assertThat(b.patterns().file()).isEqualTo(".rebuild_patterns");
    assertThat(b.projectDir()).isEqualTo(Optional.empty());
    ManifestProject c = m.projects().get(2);
    assertThat(c.patterns().kind()).isEqualTo(PatternKind.DEFAULT);
    assertThat(c.dependencies()).isEmpty();
    assertThat(m.notices()).isEmpty();
  }

  @Test
  void ignoresFieldsItHasNoUseForWithANotice() throws Exception {
    BuildManifest m =
        read(
            """
        {"mainnet-fork": {"buildDir": "mainnet-fork", "dependencies": [""], "multiarch": "host",
                          "runDependencies": ["x"], "colour": "blue"}}
        """);
    assertThat(m.projects().get(0).dependencies()).isEmpty();
    assertThat(m.notices())
        .containsExactlyInAnyOrder(
            "build_manifest.json: project 'mainnet-fork': 'multiarch' ignored: azbuild builds for the platform of the Docker daemon it talks to",
            "build_manifest.json: project 'mainnet-fork': 'runDependencies' ignored: azbuild does not start containers; pull them in your test job",
            "build_manifest.json: project 'mainnet-fork': 'colour' ignored: not a field azbuild knows",
            "build_manifest.json: project 'mainnet-fork': empty dependency name ignored, as the manifest's scripts ignore it");
  }

  @Test
  void aMissingManifestSaysWhereItLooked() {
    assertThatThrownBy(
            () -> BuildManifest.read(dir.resolve("build_manifest.json"), "build_manifest.json"))
        .isInstanceOf(ManifestException.class)
        .hasMessageStartingWith(
            "build_manifest.json: no such file (" + dir.resolve("build_manifest.json"))
        .hasMessageEndingWith("give -Dazbuild.manifest=PATH");
  }

  @Test
  void invalidJsonNamesLineAndColumn() {
    assertThatThrownBy(() -> read("{\n  \"a\": {\"buildDir\": \"a\",}\n}\n"))
        .hasMessageStartingWith("build_manifest.json: not valid JSON at line 2, column 25 (")
        .hasMessageEndingWith("); fix the syntax")
        .hasMessageNotContaining("\n");
  }

  @Test
  void aProjectListedTwiceIsAnError() {
    assertThatThrownBy(() -> read("{\"a\": {\"buildDir\": \"a\"}, \"a\": {\"buildDir\": \"b\"}}"))
        .hasMessageStartingWith("build_manifest.json: not valid JSON at line 1")
        .hasMessageContaining("Duplicate field 'a'");
  }

  @Test
  void wrongShapesAreOneLineErrorsNamingTheProject() {
    List<List<String>> cases =
        List.of(
            List.of(
                "[1, 2]", "build_manifest.json: expected a JSON object with one entry per project"),
            List.of("{}", "build_manifest.json: no projects; add one entry per image"),
            List.of(
                "{\"a\": \"a\"}",
                "build_manifest.json: project 'a': expected an object such as {\"buildDir\": \"a\"}, got a string \"a\""),
            List.of(
                "{\"a\": {}}",
                "build_manifest.json: project 'a': 'buildDir' is missing; give the directory of its docker build context"),
            List.of(
                "{\"a\": {\"buildDir\": 1}}",
                "build_manifest.json: project 'a': 'buildDir' must be a string, got a number 1"),
            List.of(
                "{\"a\": {\"buildDir\": \"a\", \"rebuildPatterns\": {}}}",
                "build_manifest.json: project 'a': 'rebuildPatterns' must be an array of regular expressions or the path of a pattern file, got an object {}"),
            List.of(
                "{\"a\": {\"buildDir\": \"a\", \"rebuildPatterns\": [\"^a/\", 3]}}",
                "build_manifest.json: project 'a': 'rebuildPatterns' must list strings (regular expressions), got a number 3"),
            List.of(
                "{\"a\": {\"buildDir\": \"a\", \"dependencies\": \"scripts/get_dependencies.sh\"}}",
                "build_manifest.json: project 'a': 'dependencies' names a script (scripts/get_dependencies.sh), which import-manifest does not run; run it and list its output as an array of project names"),
            List.of(
                "{\"a\": {\"buildDir\": \"a\", \"dependencies\": [[\"b\"]]}}",
                "build_manifest.json: project 'a': 'dependencies' must list project names, got an array [\"b\"]"));
    for (List<String> c : cases) {
      assertThatThrownBy(() -> read(c.get(0)))
          .as(c.get(0))
          .isInstanceOf(ManifestException.class)
          .hasMessageStartingWith(c.get(1))
          .hasMessageNotContaining("\n");
    }
  }
}
