package dev.azbuild.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.azbuild.docker.BuildRequest;
import dev.azbuild.docker.ImageLabels;
import dev.azbuild.env.Namespace;
import dev.azbuild.git.GitRepo;
import dev.azbuild.graph.ModuleGraph;
import dev.azbuild.graph.ReactorModule;
import dev.azbuild.plan.Plan;
import dev.azbuild.plan.PlanSettings;
import dev.azbuild.registry.KnownManifests;
import dev.azbuild.registry.Registry;
import dev.azbuild.terraform.TerraformDiagnostic;
import dev.azbuild.terraform.TerraformRunner;
import dev.azbuild.terraform.TerraformValidation;
import dev.azbuild.terraform.TerraformWorkspace;
import dev.azbuild.testing.GitFixture;
import dev.azbuild.testing.InMemoryRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ModuleBuild} and {@link ParentImages} in the unit tier: a real git repository and plan, an
 * {@link InMemoryRegistry} for the cache registry and a {@link FakeDaemon} for Docker, so the order
 * of builds, pushes and tags, the pinned parents and the refusals are checked without Docker. What
 * the real daemon does with the same requests is {@code ModuleBuildIT}'s.
 */
class ModuleBuildTest {

  private static final String HOST = "127.0.0.1:5999";
  private static final String OUTSIDE = HOST + "/team/busybox:1";

  @TempDir Path tmp;
  private GitFixture repo;
  private GitRepo git;
  private ModuleGraph graph;
  private InMemoryRegistry registry;
  private FakeDaemon daemon;
  private String commit;

  @BeforeEach
  void setUp() throws Exception {
    repo = GitFixture.init(tmp.resolve("repo"));
    repo.write("libs/base/Dockerfile", "FROM " + OUTSIDE + "\nRUN echo base > /base.txt\n");
    repo.write(
        "services/app/Dockerfile",
        """
        FROM base AS builder
        RUN echo built > /built.txt
        FROM base
        COPY --from=builder /built.txt /built.txt
        """);
    repo.write("services/app/terraform/main.tf", "variable \"image\" {}\n");
    for (String dir : List.of("libs/base", "services/app")) {
      repo.write(dir + "/pom.xml", "<project/>\n");
    }
    commit = repo.stageAll().commit("modules");
    git = repo.open();
    graph =
        ModuleGraph.build(
            git, List.of(module("base", "libs/base"), module("app", "services/app", "base")));
    registry = new InMemoryRegistry(HOST, "team");
    daemon = new FakeDaemon(registry);
    // the outside base image, in the registry as docker would find it
    registry.push("busybox", "1", daemon.tag(OUTSIDE, List.of("layer-busybox")));
  }

  @AfterEach
  void tearDown() {
    git.close();
  }

  @Test
  void everyStageAndTheImageAreBuiltBeforeAnythingIsPushedAndTheCommitTagComesLast()
      throws Exception {
    KnownManifests known = new KnownManifests();
    Plan plan = plan(known, true);
    ModuleReport base = build("g:base", plan, known, registry, settings(false));
    int afterBase = daemon.calls().size();
    ModuleReport app = build("g:app", plan, known, registry, settings(false));

    String baseTag = cacheTag(plan, "g:base");
    String appTag = cacheTag(plan, "g:app");
    assertThat(registry.tags("base")).containsExactly(baseTag, "main", commit);
    assertThat(registry.tags("app"))
        .containsExactly(
            "builder-" + appTag, "builder-main", "builder-" + commit, appTag, "main", commit);
    assertThat(base.digest()).isEqualTo(registry.digest("base", commit).orElseThrow());
    assertThat(app.action()).isEqualTo(ModuleReport.BUILT);
    assertThat(app.tags()).containsExactly(appTag, "main", commit);
    assertThat(app.digest()).isEqualTo(registry.digest("app", commit).orElseThrow());

    List<String> appCalls = daemon.calls().subList(afterBase, daemon.calls().size());
    int lastBuild = lastIndexStartingWith(appCalls, "build ");
    int firstPush = appCalls.indexOf("push " + HOST + "/team/app:builder-" + appTag);
    assertThat(lastBuild).isNotNegative().isLessThan(firstPush);
    assertThat(appCalls.subList(firstPush, appCalls.size()))
        .containsExactly(
            "push " + HOST + "/team/app:builder-" + appTag, "push " + HOST + "/team/app:" + appTag);
    // its base image was rebuilt by this plan: no old app image can serve as layer cache
    assertThat(appCalls).noneMatch(c -> c.startsWith("pull " + HOST + "/team/app:"));
  }

  @Test
  void theInRepoParentIsTheDigestThisBuildResolvedAndTheImageSaysSo() throws Exception {
    KnownManifests known = new KnownManifests();
    Plan plan = plan(known, true);
    build("g:base", plan, known, registry, settings(false));
    // another project's "base" on the same daemon: a plain name must not decide the parent
    daemon.tag("base:latest", List.of("layer-of-another-project"));
    int before = daemon.builds().size();

    build("g:app", plan, known, registry, settings(false));

    String digest = registry.digest("base", cacheTag(plan, "g:base")).orElseThrow();
    List<BuildRequest> appBuilds = daemon.builds().subList(before, daemon.builds().size());
    assertThat(appBuilds).hasSize(2);
    for (BuildRequest request : appBuilds) {
      assertThat(request.parents())
          .containsExactly(Map.entry("base", HOST + "/team/base@" + digest));
      assertThat(request.labels()).containsEntry(ImageLabels.PARENTS, "base=" + digest);
    }
    assertThat(appBuilds.get(0).target()).contains("builder");
    assertThat(appBuilds.get(1).target()).isEmpty();
    assertThat(daemon.calls()).contains("pull " + HOST + "/team/base@" + digest);
  }

  @Test
  void anImageNotOnItsParentIsRefusedAndNothingIsPushed() throws Exception {
    KnownManifests known = new KnownManifests();
    Plan plan = plan(known, true);
    build("g:base", plan, known, registry, settings(false));
    daemon.buildOnAForeignBase();

    assertThatThrownBy(() -> build("g:app", plan, known, registry, settings(false)))
        .isInstanceOf(BuildFailure.class)
        .hasMessageStartingWith(
            "services/app: " + HOST + "/team/app:builder-" + cacheTag(plan, "g:app"))
        .hasMessageContaining(" is not built on its parent base (" + HOST + "/team/base@sha256:")
        .hasMessageEndingWith("its layers do not start with the parent's; nothing was pushed");
    assertThat(daemon.calls()).noneMatch(c -> c.startsWith("push " + HOST + "/team/app"));
    assertThat(registry.tags("app")).isEmpty();
  }

  @Test
  void aLayerCacheIsPrimedFromTheBranchElseTheDefaultBranchWhenTheBaseIsUnchanged()
      throws Exception {
    // base unchanged: its cache image is in the registry before the plan; app has only a master
    String baseTag = cacheTag(plan(new KnownManifests(), false), "g:base");
    registry.push("base", baseTag, daemon.tag("old-base", List.of("layer-busybox", "layer-b")));
    registry.push("app", "master", daemon.tag("old-app", List.of("layer-busybox", "layer-a")));
    KnownManifests known = new KnownManifests();
    Plan plan = plan(known, true);
    assertThat(plan.decision("g:base").orElseThrow().rebuild()).isFalse();

    build("g:app", plan, known, registry, settings(false));

    String app = HOST + "/team/app:";
    assertThat(daemon.calls())
        .containsSubsequence(
            "pull " + app + "main", "pull " + app + "master", "pull " + app + "builder-main");
    BuildRequest image = daemon.builds().get(daemon.builds().size() - 1);
    assertThat(image.cacheFrom()).contains(app + "master");
    assertThat(image.parents())
        .containsExactly(
            Map.entry("base", HOST + "/team/base@" + registry.digest("base", baseTag).get()));
  }

  @Test
  void skipPushBuildsOnTheDaemonOnlyAndPinsParentsByImageId() throws Exception {
    Registry local = new NoRegistry(Namespace.of("ns"));
    Plan plan = plan(new KnownManifests(), false);
    build("g:base", plan, new KnownManifests(), local, settings(true));
    int requestsBefore = registry.requests().size();

    ModuleReport app = build("g:app", plan, new KnownManifests(), local, settings(true));

    String baseId = daemon.imageId("ns/base:" + cacheTag(plan, "g:base")).orElseThrow();
    BuildRequest image = daemon.builds().get(daemon.builds().size() - 1);
    assertThat(image.parents()).containsExactly(Map.entry("base", baseId));
    assertThat(image.labels()).containsEntry(ImageLabels.PARENTS, "base=" + baseId);
    assertThat(daemon.calls()).noneMatch(c -> c.startsWith("push "));
    assertThat(app.tags()).containsExactly("ns/app:" + cacheTag(plan, "g:app"), "ns/app:" + commit);
    assertThat(app.digest()).isNull();
    // the outside base image is pulled (azbuild.pull=always); nothing else asks the registry
    assertThat(registry.requests().subList(requestsBefore, registry.requests().size()))
        .allMatch(r -> r.endsWith("busybox:1"));
  }

  @Test
  void aModuleWhoseTerraformIsInvalidFailsBeforeAnythingIsBuilt() throws Exception {
    KnownManifests known = new KnownManifests();
    Plan plan = plan(known, true);
    TerraformRunner invalid =
        new TerraformRunner() {
          @Override
          public TerraformValidation validate(Path moduleDir) {
            assertThat(moduleDir).isEqualTo(repo.path("services/app/terraform"));
            return new TerraformValidation(
                false,
                List.of(
                    new TerraformDiagnostic(
                        "error", "Reference to undeclared input variable", "", "main.tf", 2)));
          }

          @Override
          public boolean apply(TerraformWorkspace workspace, Map<String, String> vars) {
            throw new AssertionError("build never applies");
          }

          @Override
          public Map<String, String> outputs(TerraformWorkspace workspace) {
            throw new AssertionError("build never reads outputs");
          }
        };
    BuildSettings settings =
        new BuildSettings(
            commit,
            "main",
            PlanSettings.DEFAULT_MASTER_TAG,
            "",
            Optional.empty(),
            false,
            Optional.of(invalid),
            repo.dir(),
            repo.dir());

    assertThatThrownBy(() -> build("g:app", plan, known, registry, settings))
        .isInstanceOf(BuildFailure.class)
        .hasMessageStartingWith("services/app: terraform validate failed: ")
        .hasMessageContaining("Reference to undeclared input variable");
    assertThat(daemon.builds()).isEmpty();
    assertThat(registry.tags("app")).isEmpty();
  }

  // ---- helpers ----

  private ModuleReport build(
      String id, Plan plan, KnownManifests known, Registry cache, BuildSettings settings)
      throws Exception {
    return new ModuleBuild(
            graph.module(id).orElseThrow(), plan, graph, cache, known, daemon, settings, null)
        .call();
  }

  private static int lastIndexStartingWith(List<String> calls, String prefix) {
    for (int i = calls.size() - 1; i >= 0; i--) {
      if (calls.get(i).startsWith(prefix)) {
        return i;
      }
    }
    return -1;
  }

  private Plan plan(KnownManifests known, boolean probe) throws Exception {
    return BuildFixtures.contentPlan(git, graph, registry, known, probe);
  }

  private BuildSettings settings(boolean skipPush) {
    return BuildFixtures.settings(repo, commit, skipPush);
  }

  private static String cacheTag(Plan plan, String id) {
    return BuildFixtures.cacheTag(plan, id);
  }

  private ReactorModule module(String name, String dir, String... deps) {
    return BuildFixtures.module(repo, name, name, dir, deps);
  }
}
