package dev.azbuild.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.azbuild.docker.ImageLabels;
import dev.azbuild.git.GitRepo;
import dev.azbuild.graph.MavenInputs;
import dev.azbuild.graph.ModuleGraph;
import dev.azbuild.graph.ReactorModule;
import dev.azbuild.plan.Mode;
import dev.azbuild.plan.ModuleDecision;
import dev.azbuild.plan.Plan;
import dev.azbuild.plan.PlanService;
import dev.azbuild.plan.PlanSettings;
import dev.azbuild.registry.KnownManifests;
import dev.azbuild.registry.Registries;
import dev.azbuild.registry.Registry;
import dev.azbuild.registry.RegistryOptions;
import dev.azbuild.testing.GitFixture;
import dev.azbuild.testing.LocalServices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rebuild reasons that name the change: real git repository, real planner, images built by the
 * Docker daemon with azbuild's labels and pushed to the cache registry of scripts/services. {@code
 * svc-a} has an image under the branch's tag, {@code svc-c} only under {@code master}, {@code
 * svc-b} (FROM svc-a's image) none.
 */
class RebuildReasonsIT {

  private static final String CACHE = LocalServices.CACHE;
  private static final String BASE_IMAGE = LocalServices.BASE_IMAGE;

  @TempDir Path tmp;
  private GitFixture repo;
  private Registry cache;
  private String prefix;

  @BeforeEach
  void setUp() throws Exception {
    repo = GitFixture.init(tmp.resolve("repo"));
    repo.write("pom.xml", "<project/>\n")
        .write(".gitignore", "target/\n")
        .write("lib/pom.xml", "<project/>\n")
        .write("lib/src/main/java/lib/Lib.java", "class Lib {}\n");
    for (String svc : List.of("svc-a", "svc-b", "svc-c")) {
      repo.write(svc + "/pom.xml", "<project/>\n")
          .write(
              svc + "/Dockerfile",
              (svc.equals("svc-b") ? "FROM svc-a\n" : "FROM " + BASE_IMAGE + "\n")
                  + "COPY *.jar /app/\n")
          .write(svc + "/src/main/java/app/Main.java", "class Main {}\n");
    }
    for (int i = 0; i < 5; i++) {
      repo.write("svc-c/src/main/resources/r" + i + ".txt", "r" + i + "\n");
    }
    repo.commit("java services");
    repo.checkoutNew("feature/names");
    prefix = "it-reasons-" + System.nanoTime();
    cache = Registries.forUrl(CACHE + "/" + prefix, RegistryOptions.defaults());
  }

  @AfterEach
  void tearDown() {
    cache.close();
  }

  private List<ReactorModule> reactor() {
    List<ReactorModule> modules = new ArrayList<>();
    modules.add(module("lib", List.of()));
    modules.add(module("svc-a", List.of("g:lib")));
    modules.add(module("svc-b", List.of("g:svc-a")));
    modules.add(module("svc-c", List.of()));
    return modules;
  }

  private ReactorModule module(String name, List<String> deps) {
    Path dir = repo.path(name);
    MavenInputs maven =
        new MavenInputs(
            List.of(repo.path("pom.xml")),
            Optional.of(repo.path(".mvn")),
            List.of("dependency com.example:json:jar::1.0:compile"),
            List.of());
    return new ReactorModule(
        "g:" + name,
        dir,
        deps,
        dir.resolve("Dockerfile"),
        name,
        dir.resolve("target"),
        Map.of(),
        dir.resolve("pom.xml"),
        maven);
  }

  private Plan plan(boolean withRegistry) throws Exception {
    try (GitRepo git = repo.open()) {
      PlanSettings settings =
          new PlanSettings(
              Mode.CONTENT,
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              false,
              dev.azbuild.plan.CacheProbe.NONE,
              "master",
              Optional.empty());
      if (withRegistry) {
        KnownManifests probed = new KnownManifests();
        settings =
            settings
                .withCache((module, tag) -> Optional.of(probed.probe(cache, module.image(), tag)))
                .withEarlierTrees(new RegistryInputTrees(cache));
      }
      return PlanService.plan(git, ModuleGraph.build(git, reactor()), settings);
    }
  }

  /**
   * An image of the module labelled as a build of {@code decision} would be, pushed under {@code
   * tag}.
   */
  private void push(ModuleDecision decision, String tag, boolean withTree) throws Exception {
    Path context = Files.createDirectories(tmp.resolve("image-" + decision.image()));
    Files.writeString(context.resolve("Dockerfile"), "FROM " + BASE_IMAGE + "\n");
    String ref = CACHE + "/" + prefix + "/" + decision.image() + ":" + tag;
    List<String> build = new ArrayList<>(List.of("docker", "build", "-q", "-t", ref));
    if (withTree) {
      ImageLabels.of(
              "",
              "",
              Optional.empty(),
              decision.inputHash(),
              String.join("\n", decision.inputTree()))
          .forEach((k, v) -> build.addAll(List.of("--label", k + "=" + v)));
    }
    build.add(context.toString());
    run(build);
    run(List.of("docker", "push", "-q", ref));
    run(List.of("docker", "rmi", "-f", ref));
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", command) + ": " + out).isZero();
  }

  @Test
  void aRebuildNamesWhatChangedSinceTheImageTheCacheIsPrimedFrom() throws Exception {
    Plan first = plan(false);
    push(first.decision("g:svc-a").orElseThrow(), "feature-names", true); // the branch's image
    push(first.decision("g:svc-c").orElseThrow(), "master", true); // the default branch's only

    repo.write("svc-a/src/main/java/app/Main.java", "class Main { int a; }\n");
    for (int i = 0; i < 5; i++) {
      repo.write("svc-c/src/main/resources/r" + i + ".txt", "changed " + i + "\n");
    }
    Plan plan = plan(true);

    ModuleDecision a = plan.decision("g:svc-a").orElseThrow();
    assertThat(a.rebuild()).isTrue();
    assertThat(a.reasons()).containsExactly("svc-a/src/main/java/app/Main.java changed");
    assertThat(a.logLine()).isEqualTo("svc-a: rebuild (svc-a/src/main/java/app/Main.java changed)");
    // no earlier image: the cache miss stays the reason; the upstream one follows
    ModuleDecision b = plan.decision("g:svc-b").orElseThrow();
    assertThat(b.reasons())
        .containsExactly(
            "no image cache-" + b.inputHash().substring(0, 12) + " in the cache registry",
            "upstream g:svc-a rebuilds");
    // three named, the rest counted
    ModuleDecision c = plan.decision("g:svc-c").orElseThrow();
    assertThat(c.reasons())
        .containsExactly(
            "svc-c/src/main/resources/r0.txt changed, svc-c/src/main/resources/r1.txt"
                + " changed, svc-c/src/main/resources/r2.txt changed and 2 more");
  }

  @Test
  void anImageWithoutTheTreeLabelKeepsTheCacheMissAsTheReason() throws Exception {
    Plan first = plan(false);
    push(first.decision("g:svc-a").orElseThrow(), "feature-names", false);
    push(
        first.decision("g:svc-a").orElseThrow(),
        "master",
        true); // not used: the branch's image comes first
    repo.write("svc-a/src/main/java/app/Main.java", "class Main { int a; }\n");
    ModuleDecision a = plan(true).decision("g:svc-a").orElseThrow();
    assertThat(a.reasons())
        .containsExactly(
            "no image cache-" + a.inputHash().substring(0, 12) + " in the cache registry");
  }

  @Test
  void aLibraryEditAndADependencyBumpAreNamed() throws Exception {
    Plan first = plan(false);
    push(first.decision("g:svc-a").orElseThrow(), "feature-names", true);
    repo.write("lib/src/main/java/lib/Lib.java", "class Lib { int l; }\n");
    ModuleDecision a = plan(true).decision("g:svc-a").orElseThrow();
    assertThat(a.reasons()).containsExactly("lib/src/main/java/lib/Lib.java changed");
  }
}
