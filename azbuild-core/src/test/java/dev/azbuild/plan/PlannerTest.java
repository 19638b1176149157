package dev.azbuild.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azbuild.git.GitException;
import dev.azbuild.git.GitRepo;
import dev.azbuild.graph.MavenInputs;
import dev.azbuild.graph.ModuleGraph;
import dev.azbuild.graph.ReactorModule;
import dev.azbuild.hashing.ArtifactResolver;
import dev.azbuild.io.Json;
import dev.azbuild.testing.GitFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decisions on a small monorepo: {@code libs/base} (an image), {@code services/api} (FROM base,
 * depends on it, default patterns), {@code services/web} (own {@code .rebuild_patterns}: its dir
 * and {@code shared/}).
 */
class PlannerTest {

  private static final String BASE = "g:base";
  private static final String API = "g:api";
  private static final String WEB = "g:web";

  @TempDir static Path shared;
  @TempDir Path tmp;

  private static GitFixture template;
  private static String initial;
  private GitFixture repo;
  private GitRepo git;

  @BeforeEach
  void setUp() throws GitException {
    repo = template.copyTo(tmp.resolve("repo"));
    git = repo.open();
  }

  @BeforeAll
  static void createTemplate() {
    GitFixture repo = GitFixture.init(shared.resolve("template"));
    template = repo;
    repo.write("libs/base/Dockerfile", "FROM alpine\nCOPY files /files\n")
        .write("libs/base/files/VERSION", "1\n")
        .write("services/api/Dockerfile", "FROM base\nCOPY src /src\n")
        .write("services/api/src/main.sh", "echo api\n")
        .write("services/web/Dockerfile", "FROM alpine\n")
        .write("services/web/static/index.html", "<html/>\n")
        .write(
            "services/web/.rebuild_patterns",
            "# web rebuilds for its files and shared config\n\n^services/web/\n^shared/\n")
        .write("shared/conf.txt", "conf\n")
        .write("other/readme.txt", "other\n")
        .write(".gitignore", "target/\n");
    for (String dir : List.of("", "libs/base", "services/api", "services/web")) {
      repo.write((dir.isEmpty() ? "" : dir + "/") + "pom.xml", "<project/>\n");
    }
    initial = repo.commit("initial");
  }

  @AfterEach
  void tearDown() {
    git.close();
  }

  private void reopen() throws GitException {
    git.close();
    git = repo.open();
  }

  private List<ReactorModule> reactor() {
    return List.of(
        module("parent", "", List.of()),
        module("base", "libs/base", List.of()),
        module("api", "services/api", List.of(BASE)),
        module("web", "services/web", List.of()));
  }

  private ReactorModule module(String artifactId, String dir, List<String> deps) {
    Path base = dir.isEmpty() ? repo.dir() : repo.path(dir);
    return new ReactorModule(
        "g:" + artifactId,
        base,
        deps,
        base.resolve("Dockerfile"),
        artifactId,
        base,
        Map.of(),
        base.resolve("pom.xml"));
  }

  private Plan diff(String base, String head) throws Exception {
    return planner()
        .plan(
            new Planner.Request(
                Mode.DIFF,
                Optional.of(ObjectId.fromString(base)),
                Optional.ofNullable(head).map(ObjectId::fromString),
                CacheProbe.NONE,
                "master",
                List.of()));
  }

  private Plan content(String head, CacheProbe probe) throws Exception {
    return planner()
        .plan(
            new Planner.Request(
                Mode.CONTENT,
                Optional.empty(),
                Optional.ofNullable(head).map(ObjectId::fromString),
                probe,
                "master",
                List.of()));
  }

  private Plan content(CacheProbe probe, RecordedImages recorded) throws Exception {
    return planner()
        .plan(
            new Planner.Request(
                Mode.CONTENT,
                Optional.empty(),
                Optional.empty(),
                probe,
                "master",
                List.of(),
                ArtifactResolver.NONE,
                InputTreeSource.NONE,
                Optional.of("main"),
                () -> recorded,
                () -> DeployedImages.NONE,
                4));
  }

  private Plan diff(String base, String head, CacheProbe probe, DeployedImages deployed)
      throws Exception {
    return planner()
        .plan(
            new Planner.Request(
                Mode.DIFF,
                Optional.of(ObjectId.fromString(base)),
                Optional.ofNullable(head).map(ObjectId::fromString),
                probe,
                "master",
                List.of(),
                ArtifactResolver.NONE,
                InputTreeSource.NONE,
                Optional.of("main"),
                () -> RecordedImages.NONE,
                () -> deployed,
                4));
  }

  private Planner planner() throws Exception {
    return new Planner(git, ModuleGraph.build(git, reactor()));
  }

  private static ModuleDecision decision(Plan plan, String id) {
    return plan.decision(id).orElseThrow();
  }

  private static String abbrev(String sha) {
    return sha.substring(0, 12);
  }

  // ---- diff mode ----

  @Test
  void nothingChangedNothingRebuildsAndSaysWhy() throws Exception {
    String head = repo.write("other/readme.txt", "changed elsewhere\n").commit("other");
    Plan plan = diff(initial, head);
    assertThat(plan.mode()).isEqualTo(Mode.DIFF);
    assertThat(plan.base()).isEqualTo(initial);
    assertThat(plan.head()).isEqualTo(head);
    assertThat(plan.modules()).extracting(ModuleDecision::id).containsExactly(BASE, API, WEB);
    assertThat(plan.modules()).noneMatch(ModuleDecision::rebuild);
    assertThat(decision(plan, BASE).reasons())
        .containsExactly("no file changed since " + abbrev(initial) + " matches ^libs/base/");
    assertThat(decision(plan, API).reasons())
        .containsExactly("no file changed since " + abbrev(initial) + " matches ^services/api/");
    assertThat(decision(plan, WEB).reasons())
        .containsExactly(
            "no file changed since " + abbrev(initial) + " matches services/web/.rebuild_patterns");
    assertThat(plan.modules()).allMatch(d -> d.inputHash() == null && d.inputTree().isEmpty());
    assertThat(plan.warnings()).isEmpty();
  }

  @Test
  void diffModeAsksOnlyAboutMasterImagesTheDeployRecordDoesNotName() throws Exception {
    String head = repo.write("other/readme.txt", "changed elsewhere\n").commit("other");
    DeployedImages deployed =
        new DeployedImages(
            "d".repeat(40),
            "master",
            Map.of("base", "sha256:" + "a".repeat(64), "api", "sha256:" + "b".repeat(64)));
    List<String> asked = new CopyOnWriteArrayList<>();
    Plan plan =
        diff(
            initial,
            head,
            (module, tag) -> {
              asked.add(module.image() + ":" + tag);
              return Optional.of(false);
            },
            deployed);
    // web is not in the record: asked, and missing there (the bash scripts' rule: rebuild)
    assertThat(asked).containsExactly("web:master");
    assertThat(decision(plan, BASE).rebuild()).isFalse();
    assertThat(decision(plan, API).rebuild()).isFalse();
    assertThat(decision(plan, WEB).rebuild()).isTrue();
    assertThat(decision(plan, WEB).reasons())
        .containsExactly("no image master in the cache registry");
  }

  @Test
  void aDeployRecordOfAnotherTagOrWithoutARegistryIsNotUsed() throws Exception {
    String head = repo.write("other/readme.txt", "changed elsewhere\n").commit("other");
    DeployedImages production =
        new DeployedImages(
            "d".repeat(40),
            "production",
            Map.of(
                "base",
                "sha256:" + "a".repeat(64),
                "api",
                "sha256:" + "b".repeat(64),
                "web",
                "sha256:" + "c".repeat(64)));
    List<String> asked = new CopyOnWriteArrayList<>();
    diff(
        initial,
        head,
        (module, tag) -> {
          asked.add(module.image() + ":" + tag);
          return Optional.of(true);
        },
        production);
    assertThat(asked).containsExactlyInAnyOrder("base:master", "api:master", "web:master");

    // without a registry nothing is asked and nothing is read: the record's supplier must not run
    Plan plan =
        planner()
            .plan(
                new Planner.Request(
                    Mode.DIFF,
                    Optional.of(ObjectId.fromString(initial)),
                    Optional.of(ObjectId.fromString(head)),
                    CacheProbe.NONE,
                    "master",
                    List.of(),
                    ArtifactResolver.NONE,
                    InputTreeSource.NONE,
                    Optional.of("main"),
                    () -> RecordedImages.NONE,
                    () -> {
                      throw new AssertionError("the deploy record was read without a registry");
                    },
                    4));
    assertThat(plan.modules()).noneMatch(ModuleDecision::rebuild);
  }

  @Test
  void baseChangePropagatesToDependents() throws Exception {
    String head = repo.write("libs/base/files/VERSION", "2\n").commit("bump base");
    Plan plan = diff(initial, head);
    assertThat(decision(plan, BASE).rebuild()).isTrue();
    assertThat(decision(plan, BASE).reasons())
        .containsExactly("libs/base/files/VERSION matched ^libs/base/");
    assertThat(decision(plan, API).rebuild()).isTrue();
    assertThat(decision(plan, API).reasons()).containsExactly("upstream g:base rebuilds");
    assertThat(decision(plan, API).upstream()).containsExactly(BASE);
    assertThat(decision(plan, WEB).rebuild()).isFalse();
    assertThat(decision(plan, API).logLine())
        .isEqualTo("services/api: rebuild (upstream g:base rebuilds)");
    assertThat(decision(plan, WEB).logLine())
        .startsWith("services/web: unchanged (no file changed since ");
  }

  @Test
  void ownAndUpstreamReasonsTogether() throws Exception {
    String head =
        repo.write("libs/base/files/VERSION", "2\n")
            .write("services/api/src/main.sh", "echo v2\n")
            .commit("both");
    assertThat(decision(diff(initial, head), API).reasons())
        .containsExactly(
            "services/api/src/main.sh matched ^services/api/", "upstream g:base rebuilds");
  }

  @Test
  void ownRebuildPatternsFileIsUsed() throws Exception {
    String head = repo.write("shared/conf.txt", "new conf\n").commit("shared");
    Plan plan = diff(initial, head);
    assertThat(decision(plan, WEB).rebuild()).isTrue();
    assertThat(decision(plan, WEB).reasons()).containsExactly("shared/conf.txt matched ^shared/");
    assertThat(decision(plan, BASE).rebuild()).isFalse();
    assertThat(decision(plan, API).rebuild()).isFalse();
  }

  @Test
  void deletionsAndBothSidesOfRenamesCount() throws Exception {
    String deleted =
        repo.rm("services/api/src/main.sh")
            .write("services/api/src/other.sh", "x\n")
            .commit("delete");
    assertThat(decision(diff(initial, deleted), API).rebuild()).isTrue();

    String movedOut =
        repo.mv("services/api/src/other.sh", "other/other.sh").commit("move out of api");
    assertThat(decision(diff(deleted, movedOut), API).reasons())
        .containsExactly("services/api/src/other.sh matched ^services/api/");

    String movedIn = repo.mv("other/readme.txt", "shared/readme.txt").commit("move into shared");
    Plan plan = diff(movedOut, movedIn);
    assertThat(decision(plan, WEB).reasons()).containsExactly("shared/readme.txt matched ^shared/");
    assertThat(decision(plan, API).rebuild()).isFalse();
  }

  @Test
  void emptyPatternsFileWarnsThatTheModuleNeverRebuilds() throws Exception {
    repo.write("services/web/.rebuild_patterns", "# nothing here\n\n   \n");
    String head =
        repo.write("services/web/static/index.html", "<html>v2</html>\n").commit("web change");
    Plan plan = diff(initial, head);
    assertThat(decision(plan, WEB).rebuild()).isFalse();
    assertThat(plan.warnings())
        .singleElement()
        .asString()
        .contains("services/web/.rebuild_patterns")
        .contains("never rebuilds");
    // content mode does not use the patterns to decide: no warning there
    assertThat(content(head, CacheProbe.NONE).warnings()).isEmpty();
  }

  @Test
  void workTreeChangesCountWhenNoHeadIsGiven() throws Exception {
    repo.write("services/api/src/main.sh", "uncommitted\n");
    repo.write("libs/base/files/NEW", "untracked\n");
    repo.write("services/web/target/out.txt", "ignored by git\n");
    Plan plan = diff(initial, null);
    assertThat(plan.head()).isEqualTo(initial);
    assertThat(decision(plan, BASE).reasons())
        .containsExactly("libs/base/files/NEW matched ^libs/base/");
    assertThat(decision(plan, API).reasons())
        .containsExactly(
            "services/api/src/main.sh matched ^services/api/", "upstream g:base rebuilds");
    assertThat(decision(plan, WEB).rebuild()).isFalse();
    // with a head, only committed changes count
    assertThat(diff(initial, initial).modules()).noneMatch(ModuleDecision::rebuild);
  }

  // ---- content mode ----

  @Test
  void contentModeWithoutRegistrySaysTheCacheWasNotChecked() throws Exception {
    Plan plan = content(null, CacheProbe.NONE);
    assertThat(plan.mode()).isEqualTo(Mode.CONTENT);
    assertThat(plan.base()).isNull();
    assertThat(plan.head()).isEqualTo(initial);
    for (ModuleDecision d : plan.modules()) {
      assertThat(d.rebuild()).isTrue();
      assertThat(d.inputHash()).matches("[0-9a-f]{64}");
      assertThat(d.inputTree()).isNotEmpty();
      assertThat(d.reasons().get(0))
          .isEqualTo("no image cache-" + d.inputHash().substring(0, 12) + " checked yet");
    }
    assertThat(decision(plan, API).reasons())
        .containsExactly(
            "no image cache-" + decision(plan, API).inputHash().substring(0, 12) + " checked yet",
            "upstream g:base rebuilds");
    assertThat(plan.modules()).extracting(ModuleDecision::inputHash).doesNotHaveDuplicates();
    // a clean work tree hashes like HEAD
    assertThat(content(initial, CacheProbe.NONE).modules())
        .extracting(ModuleDecision::inputHash)
        .isEqualTo(plan.modules().stream().map(ModuleDecision::inputHash).toList());
  }

  @Test
  void cachedImagesAreNotRebuilt() throws Exception {
    List<String> asked = new CopyOnWriteArrayList<>();
    Plan plan =
        content(
            null,
            (module, tag) -> {
              asked.add(module.id() + " " + tag);
              return Optional.of(true);
            });
    assertThat(plan.modules()).noneMatch(ModuleDecision::rebuild);
    List<String> expected = new ArrayList<>();
    for (ModuleDecision d : plan.modules()) {
      assertThat(d.reasons())
          .containsExactly("image cache-" + d.inputHash().substring(0, 12) + " exists");
      expected.add(d.id() + " cache-" + d.inputHash());
    }
    assertThat(asked)
        .containsExactlyInAnyOrderElementsOf(expected); // probed concurrently, once each
  }

  @Test
  void missingCacheImageRebuildsAndPropagates() throws Exception {
    Plan plan = content(null, (module, tag) -> Optional.of(!module.id().equals(BASE)));
    ModuleDecision base = decision(plan, BASE);
    assertThat(base.rebuild()).isTrue();
    assertThat(base.reasons())
        .containsExactly(
            "no image cache-" + base.inputHash().substring(0, 12) + " in the cache registry");
    assertThat(decision(plan, API).rebuild()).isTrue();
    assertThat(decision(plan, API).reasons()).containsExactly("upstream g:base rebuilds");
    assertThat(decision(plan, WEB).rebuild()).isFalse();
  }

  @Test
  void modulesWhoseInputsTheBuildRecordNamesAreNotProbed() throws Exception {
    Plan first = content(null, CacheProbe.NONE);
    Map<String, RecordedImages.Recorded> images = new java.util.HashMap<>();
    for (ModuleDecision d : first.modules()) {
      images.put(d.image(), new RecordedImages.Recorded(d.inputHash(), "sha256:" + "a".repeat(64)));
    }
    // web's recorded inputs are not today's: it alone is probed
    ModuleDecision web = decision(first, WEB);
    images.put(
        web.image(), new RecordedImages.Recorded("b".repeat(64), "sha256:" + "c".repeat(64)));
    RecordedImages recorded = new RecordedImages("main", "d".repeat(40), images);
    List<String> asked = new CopyOnWriteArrayList<>();

    Plan plan =
        content(
            (module, tag) -> {
              asked.add(module.id() + " " + tag);
              return Optional.of(true);
            },
            recorded);

    assertThat(asked).containsExactly(WEB + " cache-" + web.inputHash());
    assertThat(plan.modules()).noneMatch(ModuleDecision::rebuild);
    assertThat(decision(plan, BASE).reasons())
        .containsExactly(
            "image cache-"
                + decision(plan, BASE).inputHash().substring(0, 12)
                + " in the build record of main (dddddddddddd)");
    assertThat(decision(plan, WEB).reasons())
        .containsExactly("image cache-" + web.inputHash().substring(0, 12) + " exists");
  }

  @Test
  void aModuleTheRecordDoesNotNameIsProbedAndItsMissRebuildsDownstream() throws Exception {
    Plan first = content(null, CacheProbe.NONE);
    Map<String, RecordedImages.Recorded> images = new java.util.HashMap<>();
    for (ModuleDecision d : first.modules()) {
      if (!d.id().equals(BASE)) {
        images.put(
            d.image(), new RecordedImages.Recorded(d.inputHash(), "sha256:" + "a".repeat(64)));
      }
    }
    Plan plan =
        content(
            (module, tag) -> Optional.of(false),
            new RecordedImages("main", "d".repeat(40), images));

    assertThat(decision(plan, BASE).rebuild()).isTrue();
    assertThat(decision(plan, API).rebuild()).isTrue(); // never "unchanged" past a rebuilt upstream
    assertThat(decision(plan, API).reasons()).containsExactly("upstream g:base rebuilds");
  }

  @Test
  void withoutARegistryTheRecordIsNotRead() throws Exception {
    String baseHash = decision(content(null, CacheProbe.NONE), BASE).inputHash();
    Plan plan =
        content(
            CacheProbe.NONE,
            new RecordedImages(
                "main",
                "d".repeat(40),
                Map.of("base", new RecordedImages.Recorded(baseHash, "sha256:" + "a".repeat(64)))));
    assertThat(plan.modules()).allMatch(ModuleDecision::rebuild);
  }

  @Test
  void cacheProbeFailureIsAPlanError() {
    assertThatThrownBy(
            () ->
                content(
                    null,
                    (module, tag) -> {
                      throw new java.io.IOException("connection refused");
                    }))
        .isInstanceOf(PlanException.class)
        .hasMessageStartingWith("libs/base: cannot check the cache registry for base:cache-")
        .hasMessageEndingWith(": connection refused");
  }

  @Test
  void contentHashesFollowInputsAndUpstream() throws Exception {
    Plan before = content(null, CacheProbe.NONE);
    repo.write("libs/base/files/VERSION", "2\n");
    Plan afterBase = content(null, CacheProbe.NONE);
    assertThat(decision(afterBase, BASE).inputHash())
        .isNotEqualTo(decision(before, BASE).inputHash());
    assertThat(decision(afterBase, API).inputHash())
        .as("upstream hash propagates")
        .isNotEqualTo(decision(before, API).inputHash());
    assertThat(decision(afterBase, WEB).inputHash()).isEqualTo(decision(before, WEB).inputHash());
    assertThat(decision(afterBase, API).inputTree())
        .contains("upstream g:base " + decision(afterBase, BASE).inputHash());

    repo.write("libs/base/files/VERSION", "1\n").write("shared/conf.txt", "changed\n");
    Plan afterShared = content(null, CacheProbe.NONE);
    assertThat(decision(afterShared, BASE).inputHash())
        .isEqualTo(decision(before, BASE).inputHash());
    assertThat(decision(afterShared, WEB).inputHash())
        .as("extra pattern ^shared/ is an input")
        .isNotEqualTo(decision(before, WEB).inputHash());
    assertThat(decision(afterShared, API).inputHash()).isEqualTo(decision(before, API).inputHash());
  }

  @Test
  void dockerignoreOfTheContextIsReadAndTheModulesOwnFilesCountAnyway() throws Exception {
    repo.write("services/web/.dockerignore", "*.md\n")
        .write("services/web/README.md", "v1\n")
        .commit("ignore");
    ModuleDecision before = decision(content(null, CacheProbe.NONE), WEB);
    // not sent to docker, so not a context input; but a file of the module, so a source input
    assertThat(before.inputTree())
        .anyMatch(l -> l.startsWith("source ") && l.endsWith(" README.md"))
        .noneMatch(l -> l.startsWith("context ") && l.endsWith(" README.md"))
        .anyMatch(l -> l.startsWith("context ") && l.endsWith(" static/index.html"))
        .noneMatch(l -> l.startsWith("source ") && l.endsWith(" static/index.html"));
    repo.write("services/web/README.md", "v2\n");
    String readme = decision(content(null, CacheProbe.NONE), WEB).inputHash();
    assertThat(readme).isNotEqualTo(before.inputHash());
    repo.write("services/web/static/index.html", "v2\n");
    assertThat(decision(content(null, CacheProbe.NONE), WEB).inputHash()).isNotEqualTo(readme);
  }

  @Test
  void jarModulesCountTransitivelyWithTheirFilesPomsAndCoordinates() throws Exception {
    // services/api -> libs/lib (jar) -> libs/core (jar); api's image gets only the jar it builds
    repo.write("libs/lib/pom.xml", "<project/>\n")
        .write("libs/lib/src/Lib.java", "class Lib {}\n")
        .write("libs/core/pom.xml", "<project/>\n")
        .write("libs/core/src/Core.java", "class Core {}\n")
        .write("services/api/.dockerignore", "*\n!target/*.jar\n")
        .commit("jar modules");
    MavenInputs coreV1 =
        new MavenInputs(
            List.of(repo.path("pom.xml")),
            Optional.empty(),
            List.of("dependency com.example:json:jar::1.0:compile"),
            List.of());
    MavenInputs coreV2 =
        new MavenInputs(
            List.of(repo.path("pom.xml")),
            Optional.empty(),
            List.of("dependency com.example:json:jar::1.1:compile"),
            List.of());
    String before = hashOfApi(coreV1);
    assertThat(hashOfApi(coreV1)).isEqualTo(before);
    assertThat(hashOfApi(coreV2))
        .as("a dependency of a dependency's effective model")
        .isNotEqualTo(before);
    repo.write("libs/core/src/Core.java", "class Core { int c; }\n");
    String coreEdited = hashOfApi(coreV1);
    assertThat(coreEdited).as("a file of a jar module two levels down").isNotEqualTo(before);
    repo.write(
        "services/api/src/main.sh",
        "echo changed\n"); // dockerignored, still a source of the module
    String sourceEdited = hashOfApi(coreV1);
    assertThat(sourceEdited).isNotEqualTo(coreEdited);
    repo.write("libs/core/target/core.jar", "built\n")
        .write("services/api/target/api.jar", "built\n");
    assertThat(hashOfApi(coreV1)).as("build output: git ignores it").isEqualTo(sourceEdited);
  }

  private String hashOfApi(MavenInputs core) throws Exception {
    reopen();
    Path lib = repo.path("libs/lib");
    Path coreDir = repo.path("libs/core");
    List<ReactorModule> modules = new ArrayList<>(reactor());
    modules.set(
        2,
        new ReactorModule(
            API,
            repo.path("services/api"),
            List.of(BASE, "g:lib"),
            repo.path("services/api/Dockerfile"),
            "api",
            repo.path("services/api"),
            Map.of(),
            repo.path("services/api/pom.xml")));
    modules.add(
        new ReactorModule(
            "g:lib",
            lib,
            List.of("g:core"),
            lib.resolve("Dockerfile"),
            "lib",
            lib,
            Map.of(),
            lib.resolve("pom.xml")));
    modules.add(
        new ReactorModule(
            "g:core",
            coreDir,
            List.of(),
            coreDir.resolve("Dockerfile"),
            "core",
            coreDir,
            Map.of(),
            coreDir.resolve("pom.xml"),
            core));
    Plan plan =
        new Planner(git, ModuleGraph.build(git, modules))
            .plan(
                new Planner.Request(
                    Mode.CONTENT,
                    Optional.empty(),
                    Optional.empty(),
                    CacheProbe.NONE,
                    "master",
                    List.of()));
    ModuleDecision api = decision(plan, API);
    assertThat(api.inputTree())
        .anyMatch(l -> l.startsWith("dependency-source ") && l.endsWith(" libs/core/src/Core.java"))
        .anyMatch(l -> l.startsWith("pom ") && l.endsWith(" pom.xml"));
    return api.inputHash();
  }

  // ---- PlanService ----

  private static PlanSettings settings(Mode mode, String base, String head, String branch) {
    return new PlanSettings(
        mode,
        Optional.ofNullable(base),
        Optional.ofNullable(head),
        Optional.ofNullable(branch),
        Optional.empty(),
        Optional.empty(),
        false,
        CacheProbe.NONE,
        "master",
        Optional.empty());
  }

  @Test
  void diffModeWithoutBaseFallsBackToContentWithAWarning() throws Exception {
    // a single commit on main: no HEAD~1, no deploy marker, nothing to fetch
    Plan plan = PlanService.plan(git, reactor(), settings(Mode.DIFF, null, null, "main"));
    assertThat(plan.mode()).isEqualTo(Mode.CONTENT);
    assertThat(plan.base()).isNull();
    assertThat(plan.modules()).allMatch(d -> d.inputHash() != null);
    assertThat(plan.warnings()).anyMatch(w -> w.contains("falling back to content mode"));
  }

  @Test
  void diffModeOnTheDefaultBranchUsesTheParent() throws Exception {
    String head = repo.write("services/api/src/main.sh", "v2\n").commit("api");
    reopen(); // a GitRepo reads HEAD once, when opened
    Plan plan = PlanService.plan(git, reactor(), settings(Mode.DIFF, null, null, "main"));
    assertThat(plan.mode()).isEqualTo(Mode.DIFF);
    assertThat(plan.base()).isEqualTo(initial);
    assertThat(plan.head()).isEqualTo(head);
    assertThat(plan.modules())
        .filteredOn(ModuleDecision::rebuild)
        .extracting(ModuleDecision::id)
        .containsExactly(API);
    assertThat(plan.warnings()).anyMatch(w -> w.contains("HEAD~1"));
  }

  @Test
  void explicitBaseAndHead() throws Exception {
    String second = repo.write("libs/base/files/VERSION", "2\n").commit("base");
    repo.write("services/web/static/index.html", "v3\n").commit("web");
    Plan plan = PlanService.plan(git, reactor(), settings(Mode.DIFF, initial, second, null));
    assertThat(plan.base()).isEqualTo(initial);
    assertThat(plan.head()).isEqualTo(second);
    assertThat(plan.modules())
        .filteredOn(ModuleDecision::rebuild)
        .extracting(ModuleDecision::id)
        .containsExactly(BASE, API);
    assertThatThrownBy(
            () -> PlanService.plan(git, reactor(), settings(Mode.DIFF, "nope", null, null)))
        .isInstanceOf(GitException.class)
        .hasMessageContaining("azbuild.base=nope");
    assertThatThrownBy(
            () -> PlanService.plan(git, reactor(), settings(Mode.DIFF, null, "nope", "main")))
        .isInstanceOf(GitException.class)
        .hasMessageContaining("azbuild.head=nope");
  }

  @Test
  void modeParsing() {
    assertThat(Mode.parse(" Diff ")).isEqualTo(Mode.DIFF);
    assertThat(Mode.parse("content")).isEqualTo(Mode.CONTENT);
    assertThat(Mode.CONTENT.id()).isEqualTo("content");
    assertThatThrownBy(() -> Mode.parse("fast"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("azbuild.mode=fast")
        .hasMessageContaining("content")
        .hasMessageContaining("diff");
  }

  // ---- plan.json ----

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    Iterator<String> it = node.fieldNames();
    it.forEachRemaining(names::add);
    return names;
  }

  @Test
  void planJsonHasTheDocumentedShapeInDiffMode() throws Exception {
    String head = repo.write("libs/base/files/VERSION", "2\n").commit("bump");
    JsonNode root = Json.MAPPER.readTree(PlanReport.toJson(diff(initial, head)));
    assertThat(fieldNames(root)).containsExactly("mode", "base", "head", "modules", "warnings");
    assertThat(root.get("mode").asText()).isEqualTo("diff");
    assertThat(root.get("base").asText()).isEqualTo(initial);
    assertThat(root.get("head").asText()).isEqualTo(head);
    assertThat(root.get("warnings").isArray()).isTrue();
    JsonNode modules = root.get("modules");
    assertThat(modules.isArray()).isTrue();
    assertThat(modules).hasSize(3);
    for (JsonNode m : modules) {
      assertThat(fieldNames(m))
          .containsExactly("id", "dir", "image", "rebuild", "reasons", "inputHash", "upstream");
      assertThat(m.get("rebuild").isBoolean()).isTrue();
      assertThat(m.get("reasons").isArray()).isTrue();
      assertThat(m.get("reasons")).isNotEmpty().allMatch(JsonNode::isTextual);
      assertThat(m.get("inputHash").isNull()).isTrue();
      assertThat(m.get("upstream").isArray()).isTrue();
    }
    JsonNode api = modules.get(1);
    assertThat(api.get("id").asText()).isEqualTo(API);
    assertThat(api.get("dir").asText()).isEqualTo("services/api");
    assertThat(api.get("image").asText()).isEqualTo("api");
    assertThat(api.get("rebuild").asBoolean()).isTrue();
    assertThat(api.get("reasons").get(0).asText()).isEqualTo("upstream g:base rebuilds");
    assertThat(api.get("upstream")).extracting(JsonNode::asText).containsExactly(BASE);
    assertThat(modules.get(2).get("upstream")).isEmpty();
  }

  @Test
  void planJsonInContentModeAndOnDisk() throws Exception {
    Plan plan = content(null, CacheProbe.NONE);
    JsonNode root = Json.MAPPER.readTree(PlanReport.toJson(plan));
    assertThat(root.get("mode").asText()).isEqualTo("content");
    assertThat(root.get("base").isNull()).isTrue();
    assertThat(root.get("modules"))
        .extracting(m -> m.get("inputHash").asText())
        .allMatch(h -> h.matches("[0-9a-f]{64}"));

    Path file = tmp.resolve("out/target/azbuild/plan.json");
    PlanReport.write(plan, file);
    assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(PlanReport.toJson(plan));
    // the same document the object mapper wrote before the streaming writer replaced it
    assertThat(PlanReport.toJson(plan))
        .isEqualTo(
            Json.MAPPER
                    .writerWithDefaultPrettyPrinter()
                    .writeValueAsString(Json.MAPPER.readTree(PlanReport.toJson(plan)))
                + "\n");

    Path inputs = tmp.resolve("out/target/azbuild/inputs.txt");
    assertThat(PlanReport.writeInputTrees(plan, inputs)).isTrue();
    List<String> lines = Files.readAllLines(inputs);
    assertThat(lines).hasSize(plan.modules().stream().mapToInt(d -> d.inputTree().size()).sum());
    assertThat(
            lines.stream().filter(l -> l.startsWith("api ")).map(l -> l.substring("api ".length())))
        .containsExactlyElementsOf(decision(plan, API).inputTree());
    assertThat(lines.get(0)).isEqualTo("base " + dev.azbuild.hashing.InputHasher.FORMAT);

    List<String> table = PlanReport.table(plan);
    assertThat(table).hasSize(4);
    assertThat(table.get(0))
        .isEqualTo(String.format("%-12s  %-9s  %s", "MODULE", "DECISION", "REASON"));
    assertThat(table.get(2))
        .isEqualTo(
            String.format(
                "%-12s  %-9s  %s",
                "services/api", "rebuild", String.join("; ", decision(plan, API).reasons())));
    assertThat(table.get(2)).contains("upstream g:base rebuilds");
  }

  @Test
  void diffModeRemovesAnEarlierPlansInputTrees() throws Exception {
    Path inputs = tmp.resolve("out/target/azbuild/inputs.txt");
    assertThat(PlanReport.writeInputTrees(content(null, CacheProbe.NONE), inputs)).isTrue();
    String head = repo.write("libs/base/files/VERSION", "2\n").commit("bump");
    assertThat(PlanReport.writeInputTrees(diff(initial, head), inputs)).isFalse();
    assertThat(inputs).doesNotExist();
  }
}
