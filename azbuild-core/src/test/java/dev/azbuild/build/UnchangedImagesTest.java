package dev.azbuild.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.azbuild.git.GitRepo;
import dev.azbuild.graph.ImageModule;
import dev.azbuild.graph.ModuleGraph;
import dev.azbuild.graph.ReactorModule;
import dev.azbuild.plan.Mode;
import dev.azbuild.plan.ModuleDecision;
import dev.azbuild.plan.Plan;
import dev.azbuild.plan.PlanService;
import dev.azbuild.plan.PlanSettings;
import dev.azbuild.plan.RecordedImages;
import dev.azbuild.registry.CredentialChain;
import dev.azbuild.registry.KnownManifests;
import dev.azbuild.registry.Registries;
import dev.azbuild.registry.Registry;
import dev.azbuild.registry.RegistryOptions;
import dev.azbuild.testing.GitFixture;
import dev.azbuild.testing.PrivateRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch re-tag of unchanged modules, on a real git repository, the real planner and a private
 * docker-registry whose access log counts the requests. An image here is a small OCI artifact (what
 * {@link Registry#putRecord} stores): a re-tag handles any manifest alike.
 */
class UnchangedImagesTest {

  private static final AtomicInteger PREFIXES = new AtomicInteger();

  @TempDir static Path registryDir;
  private static PrivateRegistry registry;

  @TempDir Path tmp;
  private GitFixture repo;
  private GitRepo git;
  private ModuleGraph graph;
  private Registry cache;
  private String commit;
  private String prefix;

  @BeforeAll
  static void startRegistry() throws Exception {
    registry = PrivateRegistry.start(registryDir);
  }

  @AfterAll
  static void stopRegistry() {
    registry.close();
  }

  @BeforeEach
  void setUp() throws Exception {
    repo = GitFixture.init(tmp.resolve("repo"));
    repo.write("libs/base/Dockerfile", "FROM alpine\n");
    repo.write(
        "services/api/Dockerfile",
        "FROM base AS builder\nRUN make\nFROM base\nCOPY --from=builder /app /app\n");
    repo.write("services/web/Dockerfile", "FROM base\n");
    repo.write("services/worker/Dockerfile", "FROM base AS builder\nFROM base\n");
    repo.write("libs/util/src/Util.java", "class Util {}\n");
    for (String dir :
        List.of("libs/base", "libs/util", "services/api", "services/web", "services/worker")) {
      repo.write(dir + "/pom.xml", "<project/>\n");
    }
    commit = repo.stageAll().commit("modules");
    git = repo.open();
    graph =
        ModuleGraph.build(
            git,
            List.of(
                module("base", "libs/base"),
                module("util", "libs/util"),
                module("api", "services/api", "base"),
                module("web", "services/web", "base"),
                module("worker", "services/worker", "base")));
    prefix = "unchanged" + PREFIXES.incrementAndGet();
    cache =
        Registries.forUrl(
            registry.host() + "/" + prefix,
            RegistryOptions.defaults()
                .withCredentials(CredentialChain.none())
                .withRetries(1, Duration.ofMillis(1)));
  }

  @AfterEach
  void tearDown() {
    git.close();
    cache.close();
  }

  @Test
  void everyUnchangedModuleGetsTheBranchAndCommitTagsOfItsImageWithOnlyThePutsAfterTheProbe()
      throws Exception {
    Plan built = buildEverything();
    KnownManifests probed = new KnownManifests();
    int before = registry.requests().size();
    Plan plan = plan(probed);
    List<String> probes = registry.requestsAfter(before);

    before = registry.requests().size();
    Map<String, UnchangedImages.Outcome> outcomes =
        batch(probed, false)
            .retag(
                UnchangedImages.select(
                    plan, graph, List.of("g:base", "g:util", "g:api", "g:web", "g:worker")))
            .outcomes();
    List<String> retags = registry.requestsAfter(before);

    assertThat(plan.modules()).noneMatch(ModuleDecision::rebuild);
    assertThat(outcomes).containsOnlyKeys("g:base", "g:api", "g:web", "g:worker");
    for (String id : outcomes.keySet()) {
      ModuleReport report = outcomes.get(id).report();
      String image = graph.module(id).orElseThrow().image();
      String digest = cache.digest(image, cacheTag(built, id)).orElseThrow();
      assertThat(report.action()).isEqualTo(ModuleReport.RETAGGED);
      assertThat(report.tags()).containsExactly("main", commit);
      assertThat(report.digest()).isEqualTo(digest);
      assertThat(cache.digest(image, "main")).contains(digest);
      assertThat(cache.digest(image, commit)).contains(digest);
    }
    // api's stage image exists, so its stage tags follow; worker was never built with its stage
    String stageDigest = cache.digest("api", "builder-" + cacheTag(built, "g:api")).orElseThrow();
    assertThat(cache.digest("api", "builder-main")).contains(stageDigest);
    assertThat(cache.digest("api", "builder-" + commit)).contains(stageDigest);
    assertThat(cache.exists("worker", "builder-main")).isFalse();
    assertThat(outcomes.get("g:web").logLine())
        .matches(
            "services/web: unchanged, re-tagged cache-[0-9a-f]{12} as \\[main, "
                + commit.substring(0, 12)
                + "\\] \\(no layer moved, \\d+\\.\\d s\\)");

    // the plan's probe is one GET per module; the re-tag only PUTs the known manifest, plus a GET
    // per named stage
    assertThat(probes)
        .hasSize(4)
        .allMatch(r -> r.startsWith("GET ") && r.contains("/manifests/cache-"));
    String v2 = "/v2/" + prefix + "/";
    assertThat(retags)
        .containsExactlyInAnyOrder(
            "PUT " + v2 + "base/manifests/main",
            "PUT " + v2 + "base/manifests/" + commit,
            "PUT " + v2 + "web/manifests/main",
            "PUT " + v2 + "web/manifests/" + commit,
            "PUT " + v2 + "api/manifests/main",
            "PUT " + v2 + "api/manifests/" + commit,
            "GET " + v2 + "api/manifests/builder-" + cacheTag(built, "g:api"),
            "PUT " + v2 + "api/manifests/builder-main",
            "PUT " + v2 + "api/manifests/builder-" + commit,
            "PUT " + v2 + "worker/manifests/main",
            "PUT " + v2 + "worker/manifests/" + commit,
            "GET " + v2 + "worker/manifests/builder-" + cacheTag(built, "g:worker"));
  }

  @Test
  void aRecordedImageIsVerifiedByTheBranchTagWhosePutIsThenSkipped() throws Exception {
    Plan built = buildEverything();
    KnownManifests probed = new KnownManifests();
    Plan plan = plan(probed);
    List<String> all = List.of("g:base", "g:api", "g:web", "g:worker");
    batch(probed, false).retag(UnchangedImages.select(plan, graph, all)); // main names each image
    RecordedImages recorded = recorded(built, "main", commit);
    String next = "1".repeat(40); // the next commit, nothing changed

    int before = registry.requests().size();
    UnchangedImages.Result result =
        batch(new KnownManifests(), next, recorded).retag(UnchangedImages.select(plan, graph, all));
    List<String> requests = registry.requestsAfter(before);

    assertThat(result.rebuild()).isEmpty();
    for (String id : all) {
      String image = graph.module(id).orElseThrow().image();
      String digest = cache.digest(image, cacheTag(built, id)).orElseThrow();
      assertThat(result.outcomes().get(id).report().action()).isEqualTo(ModuleReport.RETAGGED);
      assertThat(result.outcomes().get(id).report().digest()).isEqualTo(digest);
      assertThat(result.outcomes().get(id).report().tags()).containsExactly("main", next);
      assertThat(cache.digest(image, next)).contains(digest);
    }
    // per module one GET (the branch tag, which names the recorded digest) and one PUT (the
    // commit); no probe, no PUT of main; the stage images as before (not in the record)
    String v2 = "/v2/" + prefix + "/";
    assertThat(requests)
        .containsExactlyInAnyOrder(
            "GET " + v2 + "base/manifests/main",
            "PUT " + v2 + "base/manifests/" + next,
            "GET " + v2 + "web/manifests/main",
            "PUT " + v2 + "web/manifests/" + next,
            "GET " + v2 + "api/manifests/main",
            "PUT " + v2 + "api/manifests/" + next,
            "GET " + v2 + "api/manifests/builder-" + cacheTag(built, "g:api"),
            "PUT " + v2 + "api/manifests/builder-main",
            "PUT " + v2 + "api/manifests/builder-" + next,
            "GET " + v2 + "worker/manifests/main",
            "PUT " + v2 + "worker/manifests/" + next,
            "GET " + v2 + "worker/manifests/builder-" + cacheTag(built, "g:worker"));
  }

  @Test
  void aRecordedStageImageIsVerifiedByItsBranchTagWhosePutIsSkippedToo() throws Exception {
    Plan built = buildEverything();
    KnownManifests probed = new KnownManifests();
    Plan plan = plan(probed);
    List<String> all = List.of("g:base", "g:api", "g:web", "g:worker");
    UnchangedImages.Result first =
        batch(probed, false).retag(UnchangedImages.select(plan, graph, all));
    String stageDigest = cache.digest("api", "builder-" + cacheTag(built, "g:api")).orElseThrow();
    // what the build record keeps of the batch: api's stage image (worker has none)
    assertThat(first.stageDigests()).isEqualTo(Map.of("g:api", Map.of("builder", stageDigest)));
    String next = "6".repeat(40);

    RecordedImages recorded = recorded(built, "main", commit, first.stageDigests());
    int before = registry.requests().size();
    UnchangedImages.Result result =
        batch(new KnownManifests(), next, recorded)
            .retag(UnchangedImages.select(plan, graph, List.of("g:api")));
    List<String> requests = registry.requestsAfter(before);

    assertThat(result.outcomes().get("g:api").report().action()).isEqualTo(ModuleReport.RETAGGED);
    assertThat(cache.digest("api", "builder-" + next)).contains(stageDigest);
    assertThat(cache.digest("api", "builder-main")).contains(stageDigest);
    // the stage's branch tag names the recorded digest: read instead of its cache tag, not put
    // again
    String v2 = "/v2/" + prefix + "/";
    assertThat(requests)
        .containsExactlyInAnyOrder(
            "GET " + v2 + "api/manifests/main",
            "PUT " + v2 + "api/manifests/" + next,
            "GET " + v2 + "api/manifests/builder-main",
            "PUT " + v2 + "api/manifests/builder-" + next);

    // a recorded stage digest the branch tag does not name: its cache tag is read, both tags put
    String other = "7".repeat(40);
    RecordedImages wrongStage =
        recorded(
            built, "main", commit, Map.of("g:api", Map.of("builder", "sha256:" + "0".repeat(64))));
    before = registry.requests().size();
    batch(new KnownManifests(), other, wrongStage)
        .retag(UnchangedImages.select(plan, graph, List.of("g:api")));
    assertThat(registry.requestsAfter(before))
        .containsExactlyInAnyOrder(
            "GET " + v2 + "api/manifests/main",
            "PUT " + v2 + "api/manifests/" + other,
            "GET " + v2 + "api/manifests/builder-main",
            "GET " + v2 + "api/manifests/builder-" + cacheTag(built, "g:api"),
            "PUT " + v2 + "api/manifests/builder-main",
            "PUT " + v2 + "api/manifests/builder-" + other);
    assertThat(cache.digest("api", "builder-" + other)).contains(stageDigest);
  }

  @Test
  void aRecordOfAnotherBranchIsVerifiedByTheCacheTag() throws Exception {
    Plan built = buildEverything();
    Plan plan = plan(new KnownManifests());
    RecordedImages recorded = recorded(built, "develop", "2".repeat(40));

    int before = registry.requests().size();
    UnchangedImages.Result result =
        batch(new KnownManifests(), commit, recorded)
            .retag(UnchangedImages.select(plan, graph, List.of("g:web")));

    assertThat(result.outcomes().get("g:web").report().action()).isEqualTo(ModuleReport.RETAGGED);
    String v2 = "/v2/" + prefix + "/";
    assertThat(registry.requestsAfter(before))
        .containsExactlyInAnyOrder(
            "GET " + v2 + "web/manifests/" + cacheTag(built, "g:web"),
            "PUT " + v2 + "web/manifests/main",
            "PUT " + v2 + "web/manifests/" + commit);
  }

  @Test
  void aBranchTagMovedByAnotherBuildIsPutAgain() throws Exception {
    Plan built = buildEverything();
    Plan plan = plan(new KnownManifests());
    // main names another image than the recorded one (another build of main moved it)
    cache.putRecord("web", "main", "{\"other\":true}".getBytes(StandardCharsets.UTF_8));
    String next = "3".repeat(40);

    UnchangedImages.Result result =
        batch(new KnownManifests(), next, recorded(built, "main", commit))
            .retag(UnchangedImages.select(plan, graph, List.of("g:web")));

    String digest = cache.digest("web", cacheTag(built, "g:web")).orElseThrow();
    assertThat(result.outcomes().get("g:web").report().digest()).isEqualTo(digest);
    assertThat(cache.digest("web", "main")).contains(digest);
    assertThat(cache.digest("web", next)).contains(digest);
  }

  @Test
  void aRecordedImageThatIsGoneIsBuiltAfterAllAndSoAreTheModulesOnIt() throws Exception {
    Plan built = buildEverything();
    KnownManifests probed = new KnownManifests();
    Plan plan = plan(probed);
    List<String> all = List.of("g:base", "g:api", "g:web", "g:worker");
    batch(probed, false).retag(UnchangedImages.select(plan, graph, all));
    RecordedImages recorded = recorded(built, "main", commit);
    deleteManifest("base", cacheTag(built, "g:base")); // garbage-collected: every tag of it gone
    String next = "4".repeat(40);

    int before = registry.requests().size();
    UnchangedImages.Result result =
        batch(new KnownManifests(), next, recorded).retag(UnchangedImages.select(plan, graph, all));

    assertThat(result.outcomes()).isEmpty();
    assertThat(result.rebuild()).containsOnlyKeys("g:base", "g:api", "g:web", "g:worker");
    assertThat(result.rebuild().get("g:base"))
        .matches(
            "its image sha256:[0-9a-f]{12} in the build record of main \\("
                + commit.substring(0, 12)
                + "\\) is gone from the cache registry, and so is cache-[0-9a-f]{12}");
    assertThat(result.rebuild().get("g:web")).isEqualTo("upstream g:base rebuilds");
    // nothing was tagged: the modules built on the gone image are built again too
    assertThat(registry.requestsAfter(before)).noneMatch(r -> r.startsWith("PUT "));
    for (String id : all) {
      assertThat(cache.exists(graph.module(id).orElseThrow().image(), next)).isFalse();
    }
    Plan amended = result.amend(plan);
    assertThat(amended.decision("g:base").orElseThrow().rebuild()).isTrue();
    assertThat(amended.decision("g:base").orElseThrow().reasons())
        .containsExactly(result.rebuild().get("g:base"));
    assertThat(amended.decision("g:api").orElseThrow().reasons())
        .containsExactly("upstream g:base rebuilds");
    assertThat(amended.decision("g:util")).isEmpty(); // not an image module
    assertThat(result.amend(plan).modules()).allMatch(ModuleDecision::rebuild);
    assertThat(UnchangedImages.Result.EMPTY.amend(plan)).isSameAs(plan);
  }

  @Test
  void inDiffModeAMasterImageGoneSinceTheDeployRecordIsBuiltAfterAll() throws Exception {
    Plan built = buildEverything();
    for (ImageModule m : graph.modules()) {
      cache.retag(m.image(), cacheTag(built, m.id()), PlanSettings.DEFAULT_MASTER_TAG);
    }
    // the deploy record named web's master image; it was deleted since (every tag of it)
    deleteManifest("web", PlanSettings.DEFAULT_MASTER_TAG);
    PlanSettings diff =
        new PlanSettings(
            Mode.DIFF,
            Optional.of(commit),
            Optional.of(commit),
            Optional.of("main"),
            Optional.empty(),
            Optional.empty(),
            false,
            (module, tag) -> Optional.of(true),
            PlanSettings.DEFAULT_MASTER_TAG,
            Optional.empty());
    Plan plan = PlanService.plan(git, graph, diff);
    assertThat(plan.modules()).noneMatch(ModuleDecision::rebuild);
    String next = "5".repeat(40);
    BuildSettings settings =
        new BuildSettings(
            next,
            "main",
            PlanSettings.DEFAULT_MASTER_TAG,
            "",
            Optional.empty(),
            false,
            Optional.empty(),
            repo.dir(),
            repo.dir());

    UnchangedImages.Result result =
        new UnchangedImages(
                cache, settings, Mode.DIFF, new KnownManifests(), RecordedImages.NONE, 4)
            .retag(
                UnchangedImages.select(
                    plan, graph, List.of("g:base", "g:api", "g:web", "g:worker")));

    assertThat(result.rebuild())
        .containsExactly(Map.entry("g:web", "no image master in the cache registry"));
    assertThat(result.amend(plan).decision("g:web").orElseThrow().rebuild()).isTrue();
    for (String id : List.of("g:base", "g:api", "g:worker")) {
      assertThat(result.outcomes().get(id).failed()).isFalse();
      String image = graph.module(id).orElseThrow().image();
      assertThat(cache.digest(image, next))
          .isEqualTo(cache.digest(image, PlanSettings.DEFAULT_MASTER_TAG));
    }
    assertThat(cache.exists("web", next)).isFalse();
  }

  @Test
  void aModuleWhoseRetagFailsGetsItsOwnOneLineErrorAndTheOthersAreRetagged() throws Exception {
    Plan built = buildEverything();
    Plan plan = plan(new KnownManifests());
    deleteManifest("web", cacheTag(built, "g:web")); // gone since the plan looked

    Map<String, UnchangedImages.Outcome> outcomes =
        batch(new KnownManifests(), false)
            .retag(
                UnchangedImages.select(
                    plan, graph, List.of("g:base", "g:api", "g:web", "g:worker")))
            .outcomes();

    UnchangedImages.Outcome web = outcomes.get("g:web");
    assertThat(web.failed()).isTrue();
    assertThat(web.report().action()).isEqualTo(ModuleReport.FAILED);
    assertThat(web.report().error())
        .startsWith("services/web: 404 Not Found from " + registry.host())
        .contains("web:" + cacheTag(built, "g:web"))
        .doesNotContain("\n");
    assertThat(web.logLine())
        .isEqualTo("services/web: unchanged, re-tag failed: " + web.report().error());
    assertThat(cache.exists("web", commit)).isFalse();
    for (String id : List.of("g:base", "g:api", "g:worker")) {
      assertThat(outcomes.get(id).failed()).isFalse();
      assertThat(cache.exists(graph.module(id).orElseThrow().image(), commit)).isTrue();
    }
  }

  @Test
  void aSubsetOfProjectsRetagsOnlyItsUnchangedModules() throws Exception {
    buildEverything();
    KnownManifests probed = new KnownManifests();
    Plan plan = plan(probed);

    List<UnchangedImages.Unchanged> selected =
        UnchangedImages.select(plan, graph, List.of("g:util", "g:web"));
    int before = registry.requests().size();
    Map<String, UnchangedImages.Outcome> outcomes = batch(probed, false).retag(selected).outcomes();

    assertThat(selected).extracting(u -> u.module().id()).containsExactly("g:web");
    assertThat(outcomes.get("g:web").report().action()).isEqualTo(ModuleReport.RETAGGED);
    assertThat(registry.requestsAfter(before))
        .hasSize(2)
        .allMatch(r -> r.contains("/web/manifests/"));
    assertThat(cache.exists("base", commit)).isFalse();
    assertThat(cache.exists("api", commit)).isFalse();
  }

  @Test
  void skipPushReportsEveryModuleSkippedWithoutARequest() throws Exception {
    buildEverything();
    Plan plan = plan(new KnownManifests());
    int before = registry.requests().size();

    Map<String, UnchangedImages.Outcome> outcomes =
        batch(new KnownManifests(), true)
            .retag(UnchangedImages.select(plan, graph, List.of("g:base", "g:web")))
            .outcomes();

    assertThat(outcomes.values())
        .extracting(o -> o.report().action())
        .containsOnly(ModuleReport.SKIPPED);
    assertThat(outcomes.get("g:web").logLine())
        .startsWith("services/web: unchanged (")
        .endsWith("); nothing to build, push skipped");
    assertThat(registry.requestsAfter(before)).isEmpty();
  }

  @Test
  void aModuleTheBuildRebuildsIsNotSelected() throws Exception {
    Plan plan = plan(new KnownManifests()); // nothing in the registry: every module rebuilds

    assertThat(UnchangedImages.select(plan, graph, List.of("g:base", "g:web"))).isEmpty();
  }

  /**
   * Plans with nothing in the registry, then stores every module's image (and api's stage) under
   * its cache tag.
   */
  private Plan buildEverything() throws Exception {
    Plan first = plan(new KnownManifests());
    for (ImageModule m : graph.modules()) {
      cache.putRecord(
          m.image(),
          cacheTag(first, m.id()),
          ("{\"image\":\"" + m.image() + "\"}").getBytes(StandardCharsets.UTF_8));
    }
    cache.putRecord(
        "api",
        "builder-" + cacheTag(first, "g:api"),
        "{\"stage\":\"builder\"}".getBytes(StandardCharsets.UTF_8));
    return first;
  }

  private Plan plan(KnownManifests probed) throws Exception {
    PlanSettings settings =
        new PlanSettings(
            Mode.CONTENT,
            Optional.empty(),
            Optional.empty(),
            Optional.of("main"),
            Optional.empty(),
            Optional.empty(),
            false,
            (module, tag) -> Optional.of(probed.probe(cache, module.image(), tag)),
            PlanSettings.DEFAULT_MASTER_TAG,
            Optional.empty());
    return PlanService.plan(git, graph, settings);
  }

  private UnchangedImages batch(KnownManifests probed, boolean skipPush) {
    BuildSettings settings =
        new BuildSettings(
            commit,
            "main",
            PlanSettings.DEFAULT_MASTER_TAG,
            "",
            Optional.empty(),
            skipPush,
            Optional.empty(),
            repo.dir(),
            repo.dir());
    return new UnchangedImages(cache, settings, Mode.CONTENT, probed);
  }

  private UnchangedImages batch(KnownManifests probed, String commit, RecordedImages recorded) {
    BuildSettings settings =
        new BuildSettings(
            commit,
            "main",
            PlanSettings.DEFAULT_MASTER_TAG,
            "",
            Optional.empty(),
            false,
            Optional.empty(),
            repo.dir(),
            repo.dir());
    return new UnchangedImages(cache, settings, Mode.CONTENT, probed, recorded, 4);
  }

  /**
   * What a build of {@code commit} on {@code branch} recorded: the images under their cache tags.
   */
  private RecordedImages recorded(Plan built, String branch, String commit) throws Exception {
    return recorded(built, branch, commit, Map.of());
  }

  /** The same, with the stage images' digests it names (module id to stage to digest). */
  private RecordedImages recorded(
      Plan built, String branch, String commit, Map<String, Map<String, String>> stages)
      throws Exception {
    Map<String, RecordedImages.Recorded> images = new java.util.HashMap<>();
    for (ImageModule m : graph.modules()) {
      String hash = built.decision(m.id()).orElseThrow().inputHash();
      images.put(
          m.image(),
          new RecordedImages.Recorded(
              hash,
              cache.digest(m.image(), "cache-" + hash).orElseThrow(),
              stages.getOrDefault(m.id(), Map.of())));
    }
    return new RecordedImages(branch, commit, images);
  }

  private static String cacheTag(Plan plan, String id) {
    return BuildTags.cacheTag(plan.decision(id).orElseThrow());
  }

  private ReactorModule module(String name, String dir, String... deps) {
    Path base = repo.path(dir);
    return new ReactorModule(
        "g:" + name,
        base,
        List.of(deps).stream().map(d -> "g:" + d).toList(),
        base.resolve("Dockerfile"),
        name,
        base,
        Map.of(),
        base.resolve("pom.xml"));
  }

  private void deleteManifest(String image, String tag) throws Exception {
    String digest = cache.digest(image, tag).orElseThrow();
    String url =
        "http://" + registry.host() + "/v2/" + prefix + "/" + image + "/manifests/" + digest;
    HttpResponse<Void> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url)).DELETE().build(),
                HttpResponse.BodyHandlers.discarding());
    assertThat(response.statusCode()).isEqualTo(202);
  }
}
