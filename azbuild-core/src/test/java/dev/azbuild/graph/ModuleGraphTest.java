package dev.azbuild.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.azbuild.git.GitException;
import dev.azbuild.git.GitRepo;
import dev.azbuild.testing.GitFixture;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModuleGraphTest {

  @TempDir Path tmp;

  private GitFixture repo;
  private GitRepo git;

  @BeforeEach
  void setUp() throws GitException {
    repo = GitFixture.init(tmp.resolve("repo"));
    git = repo.open();
  }

  @AfterEach
  void tearDown() {
    git.close();
  }

  /**
   * A reactor module {@code g:<artifactId>} in {@code dir}, depending on {@code g:<dep>} for each
   * dep.
   */
  private ReactorModule module(String artifactId, String dir, String... deps) {
    return named(artifactId, artifactId, dir, deps);
  }

  private ReactorModule named(String artifactId, String image, String dir, String... deps) {
    Path base = dir.isEmpty() ? repo.dir() : repo.path(dir);
    repo.write((dir.isEmpty() ? "" : dir + "/") + "pom.xml", "<project/>\n");
    List<String> ids = Arrays.stream(deps).map(d -> d.contains(":") ? d : "g:" + d).toList();
    return new ReactorModule(
        "g:" + artifactId,
        base,
        ids,
        base.resolve("Dockerfile"),
        image,
        base,
        Map.of(),
        base.resolve("pom.xml"));
  }

  private void dockerfile(String dir, String content) {
    repo.write(dir + "/Dockerfile", content);
  }

  private ModuleGraph build(ReactorModule... modules) throws Exception {
    return ModuleGraph.build(git, List.of(modules));
  }

  @Test
  void imageModulesAreThoseWithADockerfile() throws Exception {
    dockerfile("libs/base", "FROM alpine\n");
    dockerfile("services/api", "FROM alpine\n");
    repo.write("libs/lib/src/Lib.java", "class Lib {}\n");
    ModuleGraph graph =
        build(
            module("base", "libs/base"), module("lib", "libs/lib"), module("api", "services/api"));

    assertThat(graph.modules()).extracting(ImageModule::id).containsExactly("g:base", "g:api");
    ImageModule base = graph.module("g:base").orElseThrow();
    assertThat(base.dir()).isEqualTo("libs/base");
    assertThat(base.image()).isEqualTo("base");
    assertThat(base.dockerfile()).isEqualTo("libs/base/Dockerfile");
    assertThat(base.contextDir()).isEqualTo("libs/base");
    assertThat(base.basedir()).isEqualTo(repo.path("libs/base"));
    assertThat(base.label()).isEqualTo("libs/base");
    assertThat(graph.module("g:lib")).isEmpty();
    assertThat(graph.dockerfile("g:api").stages())
        .extracting(s -> s.base())
        .containsExactly("alpine");
  }

  @Test
  void aDirectoryNamedDockerfileIsNotAnImageModule() throws Exception {
    repo.write("svc/Dockerfile/readme.txt", "not a file\n");
    assertThat(build(module("svc", "svc")).modules()).isEmpty();
  }

  @Test
  void upstreamFollowsDependenciesThroughNonImageModules() throws Exception {
    dockerfile("libs/base", "FROM alpine\n");
    dockerfile("services/api", "FROM base\n");
    repo.write("libs/lib/x", "x\n").write("libs/lib2/y", "y\n");
    ModuleGraph graph =
        build(
            module("base", "libs/base"),
            module("lib2", "libs/lib2", "base"),
            module("lib", "libs/lib", "lib2", "org.junit:junit"),
            module("api", "services/api", "lib", "com.example:outside"));
    ImageModule api = graph.module("g:api").orElseThrow();
    assertThat(api.upstream()).containsExactly("g:base");
    assertThat(api.dependencyDirs()).containsExactly("libs/lib", "libs/lib2");
    assertThat(graph.module("g:base").orElseThrow().upstream()).isEmpty();
  }

  @Test
  void upstreamStopsAtTheFirstImageModuleAndFollowsReactorOrder() throws Exception {
    dockerfile("base", "FROM alpine\n");
    dockerfile("tools", "FROM alpine\n");
    dockerfile("web", "FROM base\n");
    dockerfile("api", "FROM web\nCOPY --from=tools /t /t\nFROM base\n");
    ModuleGraph graph =
        build(
            module("base", "base"),
            module("tools", "tools"),
            module("web", "web", "base"),
            module("api", "api", "web", "tools"));
    ImageModule api = graph.module("g:api").orElseThrow();
    // base is reached only through web, an image module: not a direct upstream; order is the
    // reactor's
    assertThat(api.upstream()).containsExactly("g:tools", "g:web");
    assertThat(api.dependencyDirs()).isEmpty();
  }

  @Test
  void fromAnInRepoImageWithoutDependencyNamesTheDependencyToAdd() throws Exception {
    dockerfile("libs/base", "FROM alpine\n");
    dockerfile(
        "services/api",
        "# syntax=docker/dockerfile:1\nARG X=1\nFROM base:latest AS build\nRUN true\n");
    Throwable error =
        org.assertj.core.api.Assertions.catchThrowable(
            () -> build(module("base", "libs/base"), module("api", "services/api")));
    assertThat(error).isInstanceOf(GraphException.class);
    assertThat(error.getMessage())
        .startsWith("services/api/Dockerfile:3: ")
        .contains("base:latest")
        .contains("g:base")
        .contains("g:api does not depend on it")
        .contains("<dependency><groupId>g</groupId><artifactId>base</artifactId>")
        .endsWith(" to services/api/pom.xml")
        .doesNotContain("\n");
  }

  @Test
  void copyFromAnInRepoImageNeedsTheDependencyToo() throws Exception {
    dockerfile("tools", "FROM alpine\n");
    dockerfile("api", "FROM alpine\n\nCOPY --from=tools:1 /bin/t /bin/t\n");
    assertThatThrownBy(() -> build(module("tools", "tools"), module("api", "api")))
        .isInstanceOf(GraphException.class)
        .hasMessageStartingWith("api/Dockerfile:3: tools:1 is the image of module g:tools")
        .hasMessageContaining("<artifactId>tools</artifactId>");
  }

  @Test
  void argSubstitutedFromAndDigestsAreRecognised() throws Exception {
    dockerfile("base", "FROM alpine\n");
    dockerfile("a", "ARG PARENT=base\nFROM ${PARENT}\n");
    dockerfile("b", "FROM base@sha256:" + "0".repeat(64) + "\n");
    assertThatThrownBy(() -> build(module("base", "base"), module("a", "a")))
        .isInstanceOf(GraphException.class)
        .hasMessageStartingWith("a/Dockerfile:2: base is the image of module g:base");
    assertThatThrownBy(() -> build(module("base", "base"), module("b", "b")))
        .isInstanceOf(GraphException.class)
        .hasMessageStartingWith("b/Dockerfile:1: base@sha256:");
  }

  @Test
  void withTheDependencyItIsFineAlsoTransitively() throws Exception {
    dockerfile("base", "FROM alpine\n");
    dockerfile("web", "FROM base:1\n");
    dockerfile("api", "FROM base\nCOPY --from=web /a /a\n");
    repo.write("lib/x", "x\n");
    ModuleGraph direct = build(module("base", "base"), module("web", "web", "base"));
    assertThat(direct.module("g:web").orElseThrow().upstream()).containsExactly("g:base");
    // api reaches base through lib (not an image) and through web (an image)
    ModuleGraph transitive =
        build(
            module("base", "base"),
            module("lib", "lib", "base"),
            module("web", "web", "lib"),
            module("api", "api", "web"));
    assertThat(transitive.module("g:api").orElseThrow().upstream()).containsExactly("g:web");
    assertThat(transitive.module("g:web").orElseThrow().upstream()).containsExactly("g:base");
  }

  @Test
  void imagesWithARegistryHostAreExternal() throws Exception {
    dockerfile("base", "FROM alpine\n");
    dockerfile(
        "api",
        "FROM 127.0.0.1:5000/base\nFROM localhost/base:1\nFROM registry.example.com/base\n"
            + "COPY --from=localhost:5000/base /x /x\n");
    ModuleGraph graph = build(module("base", "base"), module("api", "api"));
    assertThat(graph.module("g:api").orElseThrow().upstream()).isEmpty();
    assertThat(graph.moduleForImage("base:7")).map(ImageModule::id).contains("g:base");
    assertThat(graph.moduleForImage("127.0.0.1:5000/base")).isEmpty();
    assertThat(graph.moduleForImage("alpine")).isEmpty();
  }

  @Test
  void configuredImageNamesAreWhatFromLinesName() throws Exception {
    dockerfile("libs/base", "FROM alpine\n");
    dockerfile("api", "FROM libs-base\n");
    ReactorModule base = named("base", "libs-base", "libs/base");
    assertThatThrownBy(() -> build(base, module("api", "api")))
        .isInstanceOf(GraphException.class)
        .hasMessageContaining("libs-base is the image of module g:base");
    // "FROM base" names no module: the image is called libs-base
    dockerfile("api", "FROM base\n");
    assertThat(build(base, module("api", "api")).module("g:api").orElseThrow().upstream())
        .isEmpty();
  }

  @Test
  void fromItsOwnImageIsAllowed() throws Exception {
    dockerfile("api", "FROM api:previous AS cache\nFROM alpine\n");
    assertThat(build(module("api", "api")).modules()).hasSize(1);
  }

  @Test
  void duplicateImageNamesAreAnError() throws Exception {
    dockerfile("a", "FROM alpine\n");
    dockerfile("b", "FROM alpine\n");
    assertThatThrownBy(() -> build(named("a", "same", "a"), named("b", "same", "b")))
        .isInstanceOf(GraphException.class)
        .hasMessageContaining("g:a")
        .hasMessageContaining("g:b")
        .hasMessageContaining("'same'")
        .hasMessageContaining("azbuild.image");
    // a module without a Dockerfile does not claim its image name
    repo.write("c/readme", "no dockerfile\n");
    assertThat(build(named("a", "same", "a"), named("c", "same", "c")).modules()).hasSize(1);
  }

  @Test
  void moduleOutsideTheGitRootIsAnError() throws Exception {
    dockerfile("a", "FROM alpine\n");
    Path outside = tmp.resolve("outside/mod");
    java.nio.file.Files.createDirectories(outside);
    java.nio.file.Files.writeString(outside.resolve("Dockerfile"), "FROM alpine\n");
    ReactorModule stray =
        new ReactorModule(
            "g:stray",
            outside,
            List.of(),
            outside.resolve("Dockerfile"),
            "stray",
            outside,
            Map.of(),
            outside.resolve("pom.xml"));
    assertThatThrownBy(() -> build(module("a", "a"), stray))
        .isInstanceOf(GitException.class)
        .hasMessageContaining(outside.toString())
        .hasMessageContaining("outside the git repository");
  }

  @Test
  void moduleAtTheGitRoot() throws Exception {
    repo.write("Dockerfile", "FROM alpine\n");
    ModuleGraph graph = build(module("root", ""));
    ImageModule root = graph.modules().get(0);
    assertThat(root.dir()).isEmpty();
    assertThat(root.contextDir()).isEmpty();
    assertThat(root.dockerfile()).isEqualTo("Dockerfile");
    assertThat(root.label()).isEqualTo("g:root");
  }

  @Test
  void buildArgsReachTheDockerfile() throws Exception {
    dockerfile("base", "FROM alpine\n");
    dockerfile("api", "ARG PARENT=alpine\nFROM ${PARENT}\n");
    Path dir = repo.path("api");
    ReactorModule api =
        new ReactorModule(
            "g:api",
            dir,
            List.of(),
            dir.resolve("Dockerfile"),
            "api",
            dir,
            Map.of("PARENT", "base"),
            dir.resolve("pom.xml"));
    assertThatThrownBy(() -> build(module("base", "base"), api))
        .isInstanceOf(GraphException.class)
        .hasMessageContaining("g:base");
    ReactorModule apiWithDep =
        new ReactorModule(
            "g:api",
            dir,
            List.of("g:base"),
            dir.resolve("Dockerfile"),
            "api",
            dir,
            Map.of("PARENT", "base"),
            dir.resolve("pom.xml"));
    ImageModule built = build(module("base", "base"), apiWithDep).module("g:api").orElseThrow();
    assertThat(built.buildArgs()).containsExactly(Map.entry("PARENT", "base"));
    assertThat(built.upstream()).containsExactly("g:base");
  }

  @Test
  void symlinkedDockerfileAndModuleDirAreNamedByTheirRealPaths() throws Exception {
    // git tracks a symlink's target path, not the files under it: the real paths name what is
    // hashed
    dockerfile("shared", "FROM alpine\n");
    repo.write("svc/pom.xml", "<project/>\n");
    java.nio.file.Files.createSymbolicLink(
        repo.path("svc/Dockerfile"), Path.of("../shared/Dockerfile"));
    java.nio.file.Files.createSymbolicLink(repo.path("alias"), Path.of("svc"));
    Path alias = repo.path("alias");
    ReactorModule svc =
        new ReactorModule(
            "g:svc",
            alias,
            List.of(),
            alias.resolve("Dockerfile"),
            "svc",
            alias,
            Map.of(),
            alias.resolve("pom.xml"));
    ImageModule built = build(svc).module("g:svc").orElseThrow();
    assertThat(built.dir()).isEqualTo("svc");
    assertThat(built.contextDir()).isEqualTo("svc");
    assertThat(built.dockerfile()).isEqualTo("shared/Dockerfile");
  }
}
