package dev.azbuild.hashing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.azbuild.dockerfile.DockerIgnore;
import dev.azbuild.git.GitRepo;
import dev.azbuild.git.RepoSnapshot;
import dev.azbuild.testing.GitFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Content mode on a Java module whose image gets only the built jar: what Maven reads to build it
 * counts (sources, parent POM, {@code .mvn/}, coordinates, SNAPSHOT bytes, the jar modules it
 * depends on), build output and nested modules do not.
 */
class MavenInputsHashTest {

  @TempDir static Path shared;
  @TempDir Path tmp;

  private static GitFixture template;
  private GitFixture repo;

  @BeforeAll
  static void createTemplate() {
    template = GitFixture.init(shared.resolve("template"));
    template
        .write(
            "pom.xml",
            "<project><properties><json.version>1.0</json.version></properties></project>\n")
        .write(".mvn/jvm.config", "-Xmx512m\n")
        .write(".gitignore", "target/\n*.log\n/.mvn/maven.config\n")
        .write("util/pom.xml", "<project><artifactId>util</artifactId></project>\n")
        .write("util/src/main/java/util/Util.java", "class Util {}\n")
        .write("lib/pom.xml", "<project><artifactId>lib</artifactId></project>\n")
        .write("lib/src/main/java/lib/Lib.java", "class Lib {}\n")
        .write("svc/pom.xml", "<project><artifactId>svc</artifactId></project>\n")
        .write("svc/Dockerfile", "FROM scratch\nCOPY target/*.jar /app/\n")
        .write("svc/src/main/java/app/Main.java", "class Main {}\n")
        .write("svc/src/main/resources/app.properties", "x=1\n")
        .write("svc/nested/pom.xml", "<project><artifactId>nested</artifactId></project>\n")
        .write("svc/nested/src/N.java", "class N {}\n")
        .write("other/readme.txt", "other\n");
    template.commit("java monorepo");
  }

  @BeforeEach
  void setUp() {
    repo = template.copyTo(tmp.resolve("repo"));
    repo.write("svc/target/svc-1.jar", "jar v1\n"); // build output, git-ignored
  }

  private static MavenModule svc(List<String> coordinates, List<String> snapshots) {
    return new MavenModule(
        "g:svc",
        "svc",
        List.of("svc/nested"),
        List.of("pom.xml"),
        Optional.of(".mvn"),
        coordinates,
        snapshots);
  }

  private static MavenModule svc() {
    return svc(
        List.of(
            "dependency g:lib:jar::1:compile",
            "plugin org.apache.maven.plugins:maven-jar-plugin:3.4.1"),
        List.of());
  }

  private static final MavenModule LIB =
      new MavenModule(
          "g:lib",
          "lib",
          List.of(),
          List.of("pom.xml"),
          Optional.of(".mvn"),
          List.of("dependency com.example:json:jar::1.0:compile"),
          List.of());
  private static final MavenModule UTIL =
      new MavenModule(
          "g:util",
          "util",
          List.of(),
          List.of("pom.xml"),
          Optional.of(".mvn"),
          List.of(),
          List.of());

  /** The context is the build output: only the jar goes to docker. */
  private static ModuleInputs targetContext(MavenModule own) {
    return new ModuleInputs(
        "svc/target",
        "svc/Dockerfile",
        DockerIgnore.none(),
        Map.of(),
        Optional.empty(),
        Optional.of(own),
        List.of(LIB, UTIL));
  }

  /** The module is the context, but .dockerignore admits only the jar. */
  private static ModuleInputs jarOnlyDockerignore() {
    return new ModuleInputs(
        "svc",
        "svc/Dockerfile",
        DockerIgnore.parse("*\n!target/*.jar\n"),
        Map.of(),
        Optional.empty(),
        Optional.of(svc()),
        List.of(LIB, UTIL));
  }

  private InputHash hash(ModuleInputs inputs) throws Exception {
    return hash(inputs, ArtifactResolver.NONE);
  }

  private InputHash hash(ModuleInputs inputs, ArtifactResolver resolver) throws Exception {
    try (GitRepo git = repo.open()) {
      return new InputHasher(RepoSnapshot.ofWorkingTree(git), resolver).hash(inputs, Map.of());
    }
  }

  private String blob(String path) {
    return repo.git("hash-object", path).strip();
  }

  @Test
  void aSourceEditChangesTheHashWhenTheContextIsTheBuildOutput() throws Exception {
    InputHash before = hash(targetContext(svc()));
    assertThat(before.tree())
        .contains(
            "source 100644 "
                + blob("svc/src/main/java/app/Main.java")
                + " src/main/java/app/Main.java",
            "source 100644 " + blob("svc/pom.xml") + " pom.xml");
    repo.write("svc/src/main/java/app/Main.java", "class Main { int x; }\n");
    assertThat(hash(targetContext(svc())).hash()).isNotEqualTo(before.hash());
  }

  @Test
  void aSourceEditChangesTheHashWhenDockerignoreAdmitsOnlyTheJar() throws Exception {
    InputHash before = hash(jarOnlyDockerignore());
    repo.write("svc/src/main/resources/app.properties", "x=2\n");
    InputHash after = hash(jarOnlyDockerignore());
    assertThat(after.hash()).isNotEqualTo(before.hash());
    // each file once: the Dockerfile and .dockerignore docker always gets are context lines, not
    // source lines too
    assertThat(after.tree())
        .filteredOn(l -> l.endsWith(" Dockerfile"))
        .hasSize(1)
        .allMatch(l -> l.startsWith("context "));
    assertThat(after.tree())
        .noneMatch(l -> l.contains("svc-1.jar")); // git ignores target/: never an input
  }

  @Test
  void buildOutputAndIgnoredFilesDoNotCount() throws Exception {
    String before = hash(targetContext(svc())).hash();
    repo.write("svc/target/svc-1.jar", "jar v2\n")
        .write("svc/target/classes/app/Main.class", "bytes\n")
        .write("lib/target/lib-1.jar", "lib jar\n")
        .write("svc/debug.log", "log\n")
        .write(".mvn/maven.config", "-o\n");
    assertThat(hash(targetContext(svc())).hash()).isEqualTo(before);
    assertThat(hash(jarOnlyDockerignore()).hash()).isEqualTo(hash(jarOnlyDockerignore()).hash());
  }

  @Test
  void theParentPomCounts() throws Exception {
    InputHash before = hash(targetContext(svc()));
    assertThat(before.tree()).containsOnlyOnce("pom 100644 " + blob("pom.xml") + " pom.xml");
    repo.write(
        "pom.xml",
        "<project><properties><json.version>1.1</json.version></properties></project>\n");
    assertThat(hash(targetContext(svc())).hash()).isNotEqualTo(before.hash());
  }

  @Test
  void mvnConfigCounts() throws Exception {
    InputHash before = hash(targetContext(svc()));
    assertThat(before.tree())
        .contains("mvn-config 100644 " + blob(".mvn/jvm.config") + " .mvn/jvm.config");
    repo.write(".mvn/jvm.config", "-Xmx1g\n");
    assertThat(hash(targetContext(svc())).hash()).isNotEqualTo(before.hash());
  }

  @Test
  void theFilesOfDependencyModulesCount() throws Exception {
    InputHash before = hash(targetContext(svc()));
    assertThat(before.tree())
        .contains(
            "dependency-source 100644 "
                + blob("util/src/main/java/util/Util.java")
                + " util/src/main/java/util/Util.java");
    repo.write("util/src/main/java/util/Util.java", "class Util { int y; }\n");
    String afterUtil = hash(targetContext(svc())).hash();
    assertThat(afterUtil).isNotEqualTo(before.hash());
    repo.write(
        "lib/pom.xml",
        "<project><artifactId>lib</artifactId><packaging>jar</packaging></project>\n");
    assertThat(hash(targetContext(svc())).hash()).isNotEqualTo(afterUtil);
  }

  @Test
  void aNestedModulesFilesDoNotCount() throws Exception {
    InputHash before = hash(targetContext(svc()));
    assertThat(before.tree()).noneMatch(l -> l.contains("nested/"));
    repo.write("svc/nested/src/N.java", "class N { int z; }\n")
        .write("svc/nested/pom.xml", "<project/>\n");
    assertThat(hash(targetContext(svc())).hash()).isEqualTo(before.hash());
    // a nested directory that sorts around its sibling: "svc/nested-files" is the module's own
    repo.write("svc/nested-files/data.txt", "own\n");
    assertThat(hash(targetContext(svc())).tree())
        .contains("source 100644 " + blob("svc/nested-files/data.txt") + " nested-files/data.txt");
  }

  @Test
  void coordinatesCountButNotTheirOrder() throws Exception {
    List<String> v1 = List.of("dependency com.example:json:jar::1.0:compile", "plugin g:p:1");
    List<String> v1Reordered =
        List.of("plugin g:p:1", "dependency com.example:json:jar::1.0:compile");
    List<String> v2 = List.of("dependency com.example:json:jar::1.1:compile", "plugin g:p:1");
    String one = hash(targetContext(svc(v1, List.of()))).hash();
    assertThat(hash(targetContext(svc(v1Reordered, List.of()))).hash()).isEqualTo(one);
    assertThat(hash(targetContext(svc(v2, List.of()))).hash()).isNotEqualTo(one);
    // a dependency module's coordinates count too
    MavenModule libV2 =
        new MavenModule(
            "g:lib",
            "lib",
            List.of(),
            List.of("pom.xml"),
            Optional.of(".mvn"),
            List.of("dependency com.example:json:jar::2.0:compile"),
            List.of());
    ModuleInputs withLibV2 =
        new ModuleInputs(
            "svc/target",
            "svc/Dockerfile",
            DockerIgnore.none(),
            Map.of(),
            Optional.empty(),
            Optional.of(svc()),
            List.of(libV2, UTIL));
    assertThat(hash(withLibV2).hash()).isNotEqualTo(hash(targetContext(svc())).hash());
  }

  // The resolver here is a stand-in for Maven's (which needs a Maven session; it/plan-java-inputs
  // runs the real one): it hands back a real file, whose real bytes are hashed.
  @Test
  void snapshotsCountByTheBytesOfTheirFile() throws Exception {
    Path jar = tmp.resolve("m2/ext-1.0-SNAPSHOT.jar");
    Files.createDirectories(jar.getParent());
    Files.writeString(jar, "build 1");
    String coordinate = "com.example:ext:jar::1.0-SNAPSHOT";
    ArtifactResolver resolver =
        (module, c) -> {
          assertThat(module).isEqualTo("g:svc");
          assertThat(c).isEqualTo(coordinate);
          return jar;
        };
    ModuleInputs inputs =
        targetContext(svc(List.of("dependency " + coordinate + ":compile"), List.of(coordinate)));
    InputHash first = hash(inputs, resolver);
    assertThat(first.tree())
        .anyMatch(
            l -> l.matches("snapshot com\\.example:ext:jar::1\\.0-SNAPSHOT sha256:[0-9a-f]{64}"));
    assertThat(hash(inputs, resolver)).isEqualTo(first);
    Files.writeString(jar, "build 2");
    assertThat(hash(inputs, resolver).hash()).isNotEqualTo(first.hash());
  }

  @Test
  void anUnresolvableSnapshotIsAOneLineErrorNamingModuleDependencyAndFix() {
    String coordinate = "com.example:ext:jar::1.0-SNAPSHOT";
    ModuleInputs inputs = targetContext(svc(List.of(), List.of(coordinate)));
    ArtifactResolver failing =
        (module, c) -> {
          throw new IllegalStateException(
              "Could not find artifact com.example:ext:jar:1.0-SNAPSHOT\n  in central");
        };
    assertThatThrownBy(() -> hash(inputs, failing))
        .isInstanceOf(UnresolvedSnapshotException.class)
        .hasMessage(
            "svc: SNAPSHOT dependency com.example:ext:jar::1.0-SNAPSHOT cannot be resolved (Could not find"
                + " artifact com.example:ext:jar:1.0-SNAPSHOT in central); content mode hashes its file: run mvn install"
                + " in its project (or deploy it) so Maven can resolve it");
    assertThatThrownBy(() -> hash(inputs, (module, c) -> tmp.resolve("missing.jar")))
        .isInstanceOf(UnresolvedSnapshotException.class)
        .hasMessageContaining("(no file at " + tmp.resolve("missing.jar") + ")");
  }

  @Test
  void movingTheModuleKeepsItsOwnLinesButDependencyPathsAreFull() throws Exception {
    InputHash h = hash(targetContext(svc()));
    assertThat(h.tree()).first().isEqualTo(InputHasher.FORMAT);
    assertThat(h.tree())
        .filteredOn(l -> l.startsWith("source "))
        .allMatch(l -> !l.contains(" svc/"));
    assertThat(h.tree())
        .filteredOn(l -> l.startsWith("dependency-source "))
        .allMatch(l -> l.matches(".* (lib|util)/.*"));
    assertThat(h.tree()).noneMatch(l -> l.contains("other/readme.txt"));
  }
}
