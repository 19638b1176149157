package dev.azbuild.migrate;

import static dev.azbuild.migrate.SampleRepo.plan;
import static dev.azbuild.migrate.SampleRepo.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.azbuild.migrate.ImportPlan.GeneratedFile;
import dev.azbuild.migrate.ImportPlan.ImportedModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestImporterTest {

  @TempDir Path root;

  private static Map<String, String> files(ImportPlan plan) {
    return plan.files().stream()
        .collect(Collectors.toMap(GeneratedFile::path, GeneratedFile::content));
  }

  private static Map<String, ImportedModule> modules(ImportPlan plan) {
    return plan.modules().stream()
        .collect(Collectors.toMap(ImportedModule::project, Function.identity()));
  }

  @Test
  void mapsTheSampleManifest() throws Exception {
    Files.createDirectories(root.resolve(".git"));
    SampleRepo.copyExample(root);
    ImportPlan plan = plan(root);
    Map<String, ImportedModule> modules = modules(plan);

    // module directory = projectDir (default buildDir); a shared directory gets
    // azbuild-modules/<project>
    assertThat(modules.get("base").dir()).isEqualTo("base");
    assertThat(modules.get("api").dir()).isEqualTo("services/api");
    assertThat(modules.get("api").context()).isEqualTo("services");
    assertThat(modules.get("api").dockerfile()).isEqualTo("services/api/Dockerfile");
    assertThat(modules.get("tools-lint").dir()).isEqualTo("azbuild-modules/tools-lint");
    assertThat(modules.get("tools-test").dockerfile()).isEqualTo("tools/Dockerfile.test");

    // patterns: list, file read word by word, default ^<projectDir>/
    assertThat(modules.get("proto").patterns())
        .containsExactly("^proto/.*\\.proto$", "^proto/Dockerfile$", "^tools/protoc\\.version$");
    assertThat(modules.get("web").patterns())
        .containsExactly("^services/web/static/", "^services/web/Dockerfile$", "^services/shared/");
    assertThat(modules.get("base").patterns()).containsExactly("^base/");
    assertThat(modules.get("tools-lint").patterns()).containsExactly("^tools/");

    Map<String, String> files = files(plan);
    assertThat(plan.files().get(0).path()).isEqualTo("pom.xml");
    assertThat(files.get("pom.xml"))
        .contains("<groupId>org.example</groupId>")
        .contains("<artifactId>" + root.getFileName() + "</artifactId>")
        .contains("<module>azbuild-modules/tools-lint</module>")
        .contains("<module>services/api</module>")
        .contains("<azbuild.version>9.9</azbuild.version>")
        .contains("<artifactId>azbuild-maven-plugin</artifactId>");
    assertThat(files.get("services/api/pom.xml"))
        .contains("<relativePath>../../pom.xml</relativePath>")
        .contains("<artifactId>api</artifactId>")
        .contains("<azbuild.context>..</azbuild.context>")
        .doesNotContain("<azbuild.dockerfile>")
        .doesNotContain("<azbuild.image>")
        .contains(
            "<artifactId>proto</artifactId>\n      <version>${project.version}</version>\n      <type>pom</type>");
    assertThat(files.get("azbuild-modules/tools-test/pom.xml"))
        .contains("<azbuild.dockerfile>../../tools/Dockerfile.test</azbuild.dockerfile>")
        .contains("<azbuild.context>../../tools</azbuild.context>")
        .contains("<artifactId>tools-lint</artifactId>")
        .contains("<artifactId>api</artifactId>");
    assertThat(files.get("base/pom.xml"))
        .doesNotContain("<properties>")
        .doesNotContain("<dependencies>");
    assertThat(files.get("services/web/.rebuild_patterns"))
        .startsWith(
            "# Imported from build_manifest.json, project web: the words of services/web/patterns.txt")
        .endsWith("\n^services/web/static/\n^services/web/Dockerfile$\n^services/shared/\n");
    // the manifest's own file already is where azbuild reads it, in the same reading: kept, not
    // rewritten
    assertThat(plan.kept()).containsExactly("services/api/.rebuild_patterns");
    assertThat(files).doesNotContainKey("services/api/.rebuild_patterns");

    assertThat(plan.notices())
        .contains(
            "build_manifest.json: project 'web': 'runDependencies' ignored: azbuild does not start containers; pull them in your test job",
            "build_manifest.json: project 'tools-lint': its directory 'tools' is shared with 'tools-test'; its module is azbuild-modules/tools-lint");
  }

  @Test
  void patternsAreReadAsTheScriptsReadThem() throws Exception {
    Files.createDirectories(root.resolve(".git"));
    write(root, "a/Dockerfile", "FROM scratch\n");
    // the scripts expand the file unquoted: every word is a pattern, '#' starts no comment
    write(root, "a/patterns", "^a/src/ ^a/Dockerfile$\n\n# rebuild\n^a/src/\n");
    ImportPlan plan =
        plan(
            root,
            """
        {"a": {"buildDir": "a", "rebuildPatterns": "patterns"},
         "b": {"buildDir": "a", "projectDir": "b x", "dockerfile": "Dockerfile", "rebuildPatterns": ["^b/ ^c/", ""]}}
        """);
    Map<String, ImportedModule> modules = modules(plan);
    assertThat(modules.get("a").patterns())
        .containsExactly("^a/src/", "^a/Dockerfile$", "[#]", "rebuild");
    assertThat(modules.get("b").patterns()).containsExactly("^b/", "^c/");
    assertThat(plan.notices())
        .contains(
            "a/patterns:1: read as 2 patterns, as the manifest's scripts split the file into shell words (project 'a')",
            "a/patterns:3: '#' is a pattern for the manifest's scripts (they do not know comments); written as '[#]' to keep"
                + " that meaning; delete it if it was meant as a comment",
            "build_manifest.json: project 'b': rebuildPatterns entry '^b/ ^c/' read as 2 patterns, as the manifest's"
                + " scripts split it into shell words",
            "build_manifest.json: project 'b': dockerfile 'Dockerfile' read relative to buildDir (a/Dockerfile), as"
                + " build_manifest.json did before projectDir took over; -Dazbuild.import.relativeTo=buildDir|projectDir decides");
    // the default pattern is built from the raw projectDir, spaces and all, as the scripts do
    write(root, "build_manifest.json", "{\"c\": {\"buildDir\": \"a\", \"projectDir\": \"./a\"}}");
    assertThat(modules(plan(root)).get("c").patterns()).containsExactly("^./a/");
  }

  @Test
  void oldManifestsResolveDockerfileAndPatternFileAgainstBuildDir() throws Exception {
    // aztec-connect's layout: dockerfile "barretenberg.js/Dockerfile" relative to buildDir
    // yarn-project
    write(root, "yarn-project/barretenberg.js/Dockerfile", "FROM scratch\n");
    write(root, "yarn-project/.rebuild_patterns", "^yarn-project/barretenberg.js/\n");
    String json =
        """
        {"barretenberg.js": {"buildDir": "yarn-project", "projectDir": "yarn-project/barretenberg.js",
          "dockerfile": "barretenberg.js/Dockerfile", "rebuildPatterns": ".rebuild_patterns"}}
        """;
    ImportedModule m = plan(root, json).modules().get(0);
    assertThat(m.dir()).isEqualTo("yarn-project/barretenberg.js");
    assertThat(m.dockerfile()).isEqualTo("yarn-project/barretenberg.js/Dockerfile");
    assertThat(m.patterns()).containsExactly("^yarn-project/barretenberg.js/");
    // told to read relative to projectDir, the same manifest has no Dockerfile
    ImportOptions projectDirOnly =
        new ImportOptions(
            SampleRepo.OPTIONS.groupId(),
            SampleRepo.OPTIONS.rootArtifactId(),
            "1",
            SampleRepo.OPTIONS.plugin(),
            "azbuild-modules",
            ImportOptions.RelativeTo.PROJECT_DIR);
    assertThatThrownBy(
            () ->
                ManifestImporter.plan(
                    root,
                    BuildManifest.read(root.resolve("build_manifest.json"), "build_manifest.json"),
                    projectDirOnly))
        .hasMessage(
            "build_manifest.json: project 'barretenberg.js': Dockerfile"
                + " yarn-project/barretenberg.js/barretenberg.js/Dockerfile does not exist; fix 'dockerfile' (relative to"
                + " projectDir) or add the file");
  }

  @Test
  void aNameThatIsNoArtifactIdKeepsItsImageName() throws Exception {
    write(root, "x/Dockerfile", "FROM scratch\n");
    ImportPlan plan = plan(root, "{\"team/api\": {\"buildDir\": \"x\"}}");
    assertThat(plan.modules().get(0).artifactId()).isEqualTo("team-api");
    assertThat(files(plan).get("x/pom.xml")).contains("<azbuild.image>team/api</azbuild.image>");
  }

  @Test
  void aProjectAtTheRootGetsItsOwnModuleDirectory() throws Exception {
    write(root, "Dockerfile.docs", "FROM scratch\n");
    ImportPlan plan =
        plan(root, "{\"docs\": {\"buildDir\": \".\", \"dockerfile\": \"Dockerfile.docs\"}}");
    ImportedModule docs = plan.modules().get(0);
    assertThat(docs.dir()).isEqualTo("azbuild-modules/docs");
    assertThat(docs.patterns()).containsExactly("^./");
    assertThat(files(plan).get("azbuild-modules/docs/pom.xml"))
        .contains("<azbuild.context>../..</azbuild.context>")
        .contains("<azbuild.dockerfile>../../Dockerfile.docs</azbuild.dockerfile>");
  }

  @Test
  void fromLinesThatAzbuildWouldReadDifferentlyAreNamed() throws Exception {
    Files.createDirectories(root.resolve(".git"));
    write(root, "a/Dockerfile", "FROM scratch\n");
    write(
        root,
        "b/Dockerfile",
        "FROM 278380418400.dkr.ecr.eu-west-2.amazonaws.com/a:latest AS builder\nFROM c\n");
    write(root, "c/Dockerfile", "FROM a\n");
    ImportPlan plan =
        plan(
            root,
            """
        {"a": {"buildDir": "a"}, "b": {"buildDir": "b", "dependencies": ["a"]}, "c": {"buildDir": "c"}}
        """);
    assertThat(plan.notices())
        .containsExactly(
            "b/Dockerfile:1: FROM 278380418400.dkr.ecr.eu-west-2.amazonaws.com/a:latest names project 'a' through a"
                + " registry: azbuild builds it in this reactor and names it by its plain name; write FROM a to use this"
                + " build's image",
            "b/Dockerfile:2: FROM c is project 'c', but project 'b' does not depend on it: add it to its dependencies,"
                + " or azbuild:plan will stop at this line",
            "c/Dockerfile:1: FROM a is project 'a', but project 'c' does not depend on it: add it to its dependencies,"
                + " or azbuild:plan will stop at this line");
  }

  @Test
  void saysWhenTheManifestIsNotAtTheGitRoot() throws Exception {
    Path sub = root.resolve("sub");
    write(sub, "a/Dockerfile", "FROM scratch\n");
    assertThat(plan(sub, "{\"a\": {\"buildDir\": \"a\"}}").notices())
        .containsExactly(
            sub
                + " is not in a git repository: azbuild plans from git history; run git init and commit");
    Files.createDirectories(root.resolve(".git"));
    assertThat(plan(sub).notices())
        .containsExactly(
            "build_manifest.json: the git repository's root is "
                + root
                + ", not "
                + sub
                + ": azbuild matches rebuild patterns against paths from the git root, so patterns such as"
                + " ^sub/... are needed; keep the manifest at the git root");
  }

  // ---- bad input: one line naming the manifest and the project ----

  private void assertFails(String json, String message) {
    assertThatThrownBy(() -> plan(root, json))
        .isInstanceOf(ManifestException.class)
        .hasMessage(message);
  }

  @Test
  void aDependencyOnAnUnknownProject() {
    write(root, "a/Dockerfile", "FROM scratch\n");
    assertFails(
        "{\"a\": {\"buildDir\": \"a\", \"dependencies\": [\"nope\"]}}",
        "build_manifest.json: project 'a' depends on unknown project 'nope'; add 'nope' to the manifest or remove the"
            + " dependency");
  }

  @Test
  void aCycleIsNamed() {
    assertFails(
        """
        {"a": {"buildDir": "a", "dependencies": ["b"]}, "b": {"buildDir": "b", "dependencies": ["c"]},
         "c": {"buildDir": "c", "dependencies": ["b"]}}
        """,
        "build_manifest.json: project 'b' is in a dependency cycle b -> c -> b; Maven needs an acyclic graph: remove"
            + " one of these dependencies");
  }

  @Test
  void aMissingDockerfile() {
    write(root, "a/Dockerfile", "FROM scratch\n");
    assertFails(
        "{\"a\": {\"buildDir\": \"a\", \"dockerfile\": \"Dockerfile.prod\"}}",
        "build_manifest.json: project 'a': Dockerfile a/Dockerfile.prod does not exist; fix 'dockerfile' (relative to"
            + " projectDir) or add the file");
    assertFails(
        "{\"a\": {\"buildDir\": \"b\", \"projectDir\": \"a\", \"dockerfile\": \"Dockerfile.prod\"}}",
        "build_manifest.json: project 'a': Dockerfile a/Dockerfile.prod or b/Dockerfile.prod does not exist; fix"
            + " 'dockerfile' (relative to projectDir or buildDir) or add the file");
  }

  @Test
  void anInvalidRegexInTheListNamesTheProject() {
    write(root, "a/Dockerfile", "FROM scratch\n");
    assertFails(
        "{\"a\": {\"buildDir\": \"a\", \"rebuildPatterns\": [\"^a/\", \"^a/(src\"]}}",
        "build_manifest.json: project 'a': rebuildPatterns entry '^a/(src' is invalid: unmatched ( or \\( at offset 3:"
            + " close the group with ')' or write \\( to match a literal '('; fix or remove it");
  }

  @Test
  void anInvalidRegexInAPatternFileNamesFileLineAndProject() {
    write(root, "a/Dockerfile", "FROM scratch\n");
    write(root, "a/.rebuild_patterns", "^a/\n^a/\\d+\n");
    assertFails(
        "{\"a\": {\"buildDir\": \"a\", \"rebuildPatterns\": \".rebuild_patterns\"}}",
        "a/.rebuild_patterns:2: pattern '^a/\\d+' (project 'a' of build_manifest.json) is invalid: \\d is not a POSIX"
            + " ERE escape (grep -E reads it as a plain 'd'): use [[:digit:]] for a digit; fix or remove it");
  }

  @Test
  void aMissingPatternFile() {
    write(root, "a/Dockerfile", "FROM scratch\n");
    assertFails(
        "{\"a\": {\"buildDir\": \"a\", \"rebuildPatterns\": \".rebuild_patterns\"}}",
        "build_manifest.json: project 'a': pattern file a/.rebuild_patterns does not exist; fix 'rebuildPatterns'"
            + " (relative to projectDir) or add the file");
  }

  @Test
  void directoriesOutsideTheRepository() {
    assertFails(
        "{\"a\": {\"buildDir\": \"../elsewhere\"}}",
        "build_manifest.json: project 'a': projectDir '../elsewhere' is outside the repository ("
            + root
            + "); give a path inside it");
    assertFails(
        "{\"a\": {\"buildDir\": \"a\", \"projectDir\": \"a/../../b\"}}",
        "build_manifest.json: project 'a': projectDir 'a/../../b' is outside the repository ("
            + root
            + "); give a path inside it");
    assertFails(
        "{\"a\": {\"buildDir\": \"/srv/a\"}}",
        "build_manifest.json: project 'a': projectDir '/srv/a' is an absolute path; give it relative to the"
            + " repository root");
    write(root, "a/Dockerfile", "FROM scratch\n");
    assertFails(
        "{\"a\": {\"buildDir\": \"a\", \"dockerfile\": \"../../Dockerfile\"}}",
        "build_manifest.json: project 'a': dockerfile '../../Dockerfile' is outside the repository ("
            + root
            + "); give a path inside it");
  }

  @Test
  void namesThatCannotBeImagesOrModules() {
    write(root, "a/Dockerfile", "FROM scratch\n");
    assertFails(
        "{\"Api\": {\"buildDir\": \"a\"}}",
        "build_manifest.json: project 'Api': not a valid image name (lowercase letters, digits, '.', '_', '-' and '/'"
            + " between components); rename the project");
    assertFails(
        "{\"a/b\": {\"buildDir\": \"a\"}, \"a-b\": {\"buildDir\": \"a\", \"projectDir\": \"b\"}}",
        "build_manifest.json: projects 'a/b' and 'a-b' would both be artifactId 'a-b'; rename one");
  }
}
