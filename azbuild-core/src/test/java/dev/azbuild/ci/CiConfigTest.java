package dev.azbuild.ci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.azbuild.graph.ModuleGraph;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated CI files of the example monorepo. Golden files: the example's committed {@code
 * .circleci/config.yml} and {@code .github/workflows/azbuild.yml} (default options), and {@code
 * src/test/resources/ci/custom/} (every override). After a deliberate change to the output,
 * regenerate them with {@code ./mvnw -B -o -pl azbuild-maven-plugin test -Dinvoker.skip
 * -Dtest=CiConfigTest -Dazbuild.updateGolden=true} and review the diff.
 */
class CiConfigTest {

  static final boolean UPDATE = Boolean.getBoolean("azbuild.updateGolden");
  static final Path CUSTOM_GOLDEN = Path.of("src", "test", "resources", "ci", "custom");

  @TempDir static Path shared;
  static ModuleGraph example;
  static Path exampleRoot;

  @TempDir Path tmp;

  @BeforeAll
  static void readExample() throws Exception {
    exampleRoot = shared.resolve("monorepo");
    example = ExampleMonorepo.graph(exampleRoot);
  }

  static CiGraph exampleGraph() {
    return CiGraph.from(example, exampleRoot, "main");
  }

  /**
   * The overrides a team would set: a container executor, resources, a context, secrets, a login
   * step.
   */
  static CiOptions customOptions() throws CiConfigException {
    @SuppressWarnings("unchecked")
    Map<String, Object> executor =
        (Map<String, Object>)
            Yaml.snippet("docker:\n  - image: cimg/openjdk:17.0\n", "executor", Map.class);
    CircleCiOptions circle =
        new CircleCiOptions(
            executor,
            Optional.of("large"),
            Map.of(
                "AZBUILD_MODE",
                "diff",
                "AZBUILD_CACHE_REGISTRY",
                "123.dkr.ecr.us-east-2.amazonaws.com"),
            List.of("aws"),
            List.of(
                Yaml.snippet(
                    "{run: {name: Log in, command: ./scripts/login}}",
                    "extraSteps[1]",
                    Map.class)));
    GithubOptions github =
        new GithubOptions(
            "self-hosted",
            "21",
            Map.of(
                "AZBUILD_CACHE_REGISTRY", "${{ vars.CACHE_REGISTRY }}", "AWS_REGION", "us-east-2"),
            List.of(
                Yaml.snippet(
                    """
                  name: Log in
                  run: ./scripts/login
            """,
                    "extraSteps[1]",
                    Map.class)));
    return new CiOptions("./mvnw", circle, github);
  }

  @Test
  void exampleMatchesItsCommittedFiles() throws Exception {
    Map<CiTarget, String> files =
        CiFiles.render(exampleGraph(), CiOptions.defaults(), EnumSet.allOf(CiTarget.class));
    if (UPDATE) {
      CiFiles.write(ExampleMonorepo.SOURCE, files);
    }
    assertThat(CiFiles.check(ExampleMonorepo.SOURCE, files, CiHeader.REGENERATE))
        .as(
            "examples/monorepo's CI files are stale; regenerate with -Dazbuild.updateGolden=true (see the class comment)")
        .isEmpty();
  }

  @Test
  void customOptionsMatchGoldenFiles() throws Exception {
    Map<CiTarget, String> files =
        CiFiles.render(exampleGraph(), customOptions(), EnumSet.allOf(CiTarget.class));
    for (Map.Entry<CiTarget, String> e : files.entrySet()) {
      Path golden = CUSTOM_GOLDEN.resolve(e.getKey().id() + ".yml");
      if (UPDATE) {
        Files.createDirectories(golden.getParent());
        Files.writeString(golden, e.getValue());
      }
      assertThat(e.getValue())
          .as("%s; regenerate with -Dazbuild.updateGolden=true", golden)
          .isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }
  }

  @Test
  void exampleJobsFollowTheModuleGraph() {
    CiGraph graph = exampleGraph();
    // libs/proto has no Dockerfile: not a job, and api's edge to it is not one either
    assertThat(graph.modules())
        .extracting(CiModule::dir)
        .containsExactly("libs/base", "services/api", "services/web", "services/worker");
    assertThat(graph.modules().stream().map(CiModule::buildJob).toList())
        .containsExactly(
            "build-libs-base", "build-services-api", "build-services-web", "build-services-worker");
    assertThat(graph.modules().get(1).upstreamBuildJobs()).containsExactly("build-libs-base");
    assertThat(graph.modules().get(0).upstreamBuildJobs()).isEmpty();

    String circle = CircleCiConfig.render(graph, CiOptions.defaults());
    Map<String, List<String>> circleEdges = CiStructure.circleci(circle, "main");
    assertThat(circleEdges.get("build-services-web")).containsExactly("build-libs-base");
    assertThat(circleEdges.get(CiLayout.GATE))
        .containsExactly(
            "build-libs-base", "build-services-api", "build-services-web", "build-services-worker");
    assertThat(circleEdges.get("deploy-libs-base")).containsExactly(CiLayout.GATE);
    assertThat(circleEdges.get("deploy-services-api")).containsExactly("deploy-libs-base");
    String github = GithubWorkflow.render(graph, CiOptions.defaults());
    assertThat(CiStructure.github(github, "main")).isEqualTo(circleEdges);
  }

  @Test
  void eachBuildJobBuildsOnlyItsModuleAndEachDeployJobDeploysOnlyItsModule() {
    String circle = CircleCiConfig.render(exampleGraph(), CiOptions.defaults());
    assertThat(circle)
        .contains("command: mvn -B azbuild:build -pl services/api\n")
        .contains("command: mvn -B azbuild:deploy -Dazbuild.deploy.modules=services/api\n")
        .contains("command: mvn -B azbuild:setenv\n")
        .doesNotContain("-am");
    assertThat(circle).startsWith("# Generated by azbuild").contains("`mvn azbuild:ci-config`");
    assertThat(GithubWorkflow.render(exampleGraph(), CiOptions.defaults()))
        .startsWith("# Generated by azbuild")
        .contains("run: mvn -B azbuild:build -pl services/worker\n");
  }

  @Test
  @SuppressWarnings("unchecked")
  void overridesReachEveryJob() throws Exception {
    CiOptions options = customOptions();
    String circle = CircleCiConfig.render(exampleGraph(), options);
    CiStructure.circleci(circle, "main");
    Map<String, Object> root = (Map<String, Object>) Yaml.parse(circle);
    Map<String, Object> executor =
        (Map<String, Object>) ((Map<String, Object>) root.get("executors")).get("azbuild");
    assertThat(executor)
        .containsEntry("docker", List.of(Map.of("image", "cimg/openjdk:17.0")))
        .containsEntry("resource_class", "large")
        .containsEntry(
            "environment",
            Map.of(
                "AZBUILD_MODE",
                "diff",
                "AZBUILD_CACHE_REGISTRY",
                "123.dkr.ecr.us-east-2.amazonaws.com",
                "AZBUILD_DEFAULT_BRANCH",
                "main"));
    List<Object> prepare =
        (List<Object>)
            ((Map<String, Object>)
                    ((Map<String, Object>) root.get("commands")).get(CircleCiConfig.PREPARE))
                .get("steps");
    // a container executor needs a remote daemon; the login step runs before azbuild
    assertThat(prepare).contains("setup_remote_docker");
    int login =
        prepare.indexOf(Map.of("run", Map.of("name", "Log in", "command", "./scripts/login")));
    assertThat(login).isPositive().isLessThan(prepare.size() - 1);
    assertThat(circle)
        .contains("./mvnw -B azbuild:build -pl libs/base")
        .contains("          context:\n            - aws\n");

    String github = GithubWorkflow.render(exampleGraph(), options);
    CiStructure.github(github, "main");
    Map<String, Object> workflow = (Map<String, Object>) Yaml.parse(github);
    assertThat(workflow.get("env"))
        .isEqualTo(
            Map.of(
                "AZBUILD_CACHE_REGISTRY",
                "${{ vars.CACHE_REGISTRY }}",
                "AWS_REGION",
                "us-east-2",
                "AZBUILD_DEFAULT_BRANCH",
                "main"));
    Map<String, Object> job =
        (Map<String, Object>)
            ((Map<String, Object>) workflow.get("jobs")).get("deploy-services-web");
    assertThat(job).containsEntry("runs-on", "self-hosted");
    assertThat((List<Object>) job.get("steps"))
        .contains(Map.of("name", "Log in", "run", "./scripts/login"));
    assertThat(github).contains("java-version: '21'");
  }

  @Test
  void defaultsUseAMachineExecutorWithoutRemoteDocker() {
    String circle = CircleCiConfig.render(exampleGraph(), CiOptions.defaults());
    assertThat(circle)
        .contains("machine:\n      image: ubuntu-2204:current")
        .doesNotContain("setup_remote_docker")
        .doesNotContain("resource_class")
        .doesNotContain("context");
  }

  @Test
  void outputIsDeterministic() throws Exception {
    CiOptions options = customOptions();
    String first =
        CircleCiConfig.render(exampleGraph(), options)
            + GithubWorkflow.render(exampleGraph(), options);
    String again =
        CircleCiConfig.render(
                CiGraph.from(
                    ExampleMonorepo.graph(tmp.resolve("again")), tmp.resolve("again"), "main"),
                customOptions())
            + GithubWorkflow.render(exampleGraph(), customOptions());
    assertThat(again).isEqualTo(first);
    assertThat(first).doesNotContainPattern("20\\d\\d-\\d\\d-\\d\\d");
  }

  // ---- check mode ----

  @Test
  void checkPassesOnFreshFilesAndNamesEachStaleOne() throws Exception {
    Map<CiTarget, String> files =
        CiFiles.render(exampleGraph(), CiOptions.defaults(), EnumSet.allOf(CiTarget.class));
    List<Path> written = CiFiles.write(tmp, files);
    assertThat(written)
        .containsExactly(
            tmp.resolve(".circleci/config.yml"), tmp.resolve(".github/workflows/azbuild.yml"));
    assertThat(CiFiles.check(tmp, files, "mvn azbuild:ci-config")).isEmpty();

    Path circle = tmp.resolve(".circleci/config.yml");
    Files.writeString(
        circle, Files.readString(circle).replace("-pl services/web", "-pl services/web -am"));
    Files.delete(tmp.resolve(".github/workflows/azbuild.yml"));
    List<String> problems = CiFiles.check(tmp, files, "mvn azbuild:ci-config");
    assertThat(problems).hasSize(2);
    assertThat(problems.get(0))
        .startsWith(".circleci/config.yml is out of date (line ")
        .contains("expected `command: mvn -B azbuild:build -pl services/web`")
        .contains("found `command: mvn -B azbuild:build -pl services/web -am`")
        .endsWith("regenerate it with `mvn azbuild:ci-config` and commit it");
    assertThat(problems.get(1))
        .isEqualTo(
            ".github/workflows/azbuild.yml is missing; generate it with `mvn azbuild:ci-config` and commit it");
  }

  @Test
  void checkToleratesCrlfButNotATruncatedFile() throws Exception {
    Map<CiTarget, String> files =
        CiFiles.render(exampleGraph(), CiOptions.defaults(), EnumSet.of(CiTarget.GITHUB));
    CiFiles.write(tmp, files);
    Path file = tmp.resolve(CiTarget.GITHUB.path());
    String text = Files.readString(file);
    Files.writeString(file, text.replace("\n", "\r\n"));
    assertThat(CiFiles.check(tmp, files, "x")).isEmpty();
    Files.writeString(file, text.substring(0, text.lastIndexOf("\n", text.length() - 2) + 1));
    assertThat(CiFiles.check(tmp, files, "x"))
        .singleElement()
        .asString()
        .contains("found end of file");
  }

  // ---- bad input ----

  @Test
  void unknownTargetIsOneLineNamingTheParameter() {
    assertThatThrownBy(() -> CiTarget.parseList("circleci,gitlab", "azbuild.ciConfig.targets"))
        .isInstanceOf(CiConfigException.class)
        .hasMessage(
            "azbuild.ciConfig.targets: unknown target 'gitlab'; use circleci, github (comma-separated)");
  }

  @Test
  void targetsParse() throws Exception {
    assertThat(CiTarget.parseList(null, "p")).containsExactly(CiTarget.CIRCLECI, CiTarget.GITHUB);
    assertThat(CiTarget.parseList(" GitHub ", "p")).containsExactly(CiTarget.GITHUB);
    assertThat(CiTarget.parseList("github,circleci,", "p"))
        .containsExactly(CiTarget.CIRCLECI, CiTarget.GITHUB);
  }

  @Test
  void unwritableOutputDirIsOneLineNamingTheFile() throws Exception {
    // a file where the directory must go: unwritable even for root, which ignores permission bits
    Files.writeString(tmp.resolve(".circleci"), "not a directory\n");
    Map<CiTarget, String> files =
        CiFiles.render(exampleGraph(), CiOptions.defaults(), EnumSet.of(CiTarget.CIRCLECI));
    assertThatThrownBy(() -> CiFiles.write(tmp, files))
        .isInstanceOf(CiConfigException.class)
        .hasMessageStartingWith("cannot write " + tmp.resolve(".circleci/config.yml"))
        .hasMessageEndingWith("check that " + tmp.resolve(".circleci") + " is a writable directory")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void badSnippetsNameTheirElement() {
    assertThatThrownBy(
            () -> Yaml.snippet("run: [unclosed", "ciConfig/circleci/extraSteps[2]", Map.class))
        .isInstanceOf(CiConfigException.class)
        .hasMessageStartingWith("ciConfig/circleci/extraSteps[2] is not valid YAML (")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    assertThatThrownBy(() -> Yaml.snippet("ubuntu-latest", "ciConfig/circleci/executor", Map.class))
        .hasMessage("ciConfig/circleci/executor must be a YAML mapping, got: ubuntu-latest");
    assertThatThrownBy(() -> Yaml.snippet("  ", "ciConfig/github/extraSteps[1]", Map.class))
        .hasMessageStartingWith("ciConfig/github/extraSteps[1] is empty");
  }

  @Test
  void multiLineSnippetsSurviveMavensTrimming() throws Exception {
    // Maven trims the element text: the first line has lost its indentation, the others kept it
    assertThat(Yaml.snippet("name: Log in\n          run: ./login\n        ", "s", Map.class))
        .isEqualTo(Map.of("name", "Log in", "run", "./login"));
    assertThat(
            Yaml.snippet(
                "run:\n            name: Log in\n            command: |\n              a\n              b\n",
                "s",
                Map.class))
        .isEqualTo(Map.of("run", Map.of("name", "Log in", "command", "a\nb\n")));
    assertThat(Yaml.snippet("\n      with:\n        x: 1\n      ", "s", Map.class))
        .isEqualTo(Map.of("with", Map.of("x", 1)));
    assertThat(Yaml.snippet("setup_remote_docker", "s", Object.class))
        .isEqualTo("setup_remote_docker");
  }

  // ---- job names ----

  @Test
  void jobNamesAreValidAndUnique() {
    assertThat(CiGraph.jobSuffix("services/api")).isEqualTo("services-api");
    assertThat(CiGraph.jobSuffix("apps/my.app/v2")).isEqualTo("apps-my-app-v2");
    assertThat(CiGraph.jobSuffix("_x/")).isEqualTo("_x");
    assertThat(CiGraph.jobSuffix("Ünïcode")).isEqualTo("n-code");
    assertThat(CiGraph.jobSuffix("...")).isEqualTo("module");
    assertThat("build-" + CiGraph.jobSuffix("...")).matches(CiGraph.JOB_NAME);
  }
}
