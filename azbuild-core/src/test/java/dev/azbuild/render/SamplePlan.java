package dev.azbuild.render;

import dev.azbuild.git.GitRepo;
import dev.azbuild.graph.ReactorModule;
import dev.azbuild.plan.CacheProbe;
import dev.azbuild.plan.Mode;
import dev.azbuild.plan.Plan;
import dev.azbuild.plan.PlanService;
import dev.azbuild.plan.PlanSettings;
import dev.azbuild.testing.GitFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A diff-mode plan of a real repository with three layers: {@code libs/base} → {@code services/api}
 * → {@code services/gateway}, and {@code services/web} alone. The branch adds to api a file whose
 * name holds every character the formats must escape, so api's reason (and gateway's, through its
 * upstream) carries it.
 */
final class SamplePlan {

  static final String BASE = "g:base";
  static final String API = "g:api";
  static final String WEB = "g:web";
  static final String GATEWAY = "g:gateway";
  static final List<String> IDS = List.of(BASE, API, WEB, GATEWAY);

  /**
   * A file name with quotes, markup, an entity, a backslash, a Mermaid entity code and a DOT
   * escape.
   */
  static final String HOSTILE_FILE = "services/api/src/we\"ird <b>&amp; \\N #35; 'x'`{|}.txt";

  private SamplePlan() {}

  static Plan create(Path dir) throws Exception {
    GitFixture repo = GitFixture.init(dir);
    repo.write("libs/base/Dockerfile", "FROM alpine\n")
        .write("services/api/Dockerfile", "FROM base\nCOPY src /src\n")
        .write("services/api/src/main.sh", "echo api\n")
        .write("services/gateway/Dockerfile", "FROM api\n")
        .write("services/web/Dockerfile", "FROM alpine\n");
    for (String d : List.of("", "libs/base", "services/api", "services/gateway", "services/web")) {
      repo.write((d.isEmpty() ? "" : d + "/") + "pom.xml", "<project/>\n");
    }
    String base = repo.commit("initial");
    repo.checkoutNew("feature");
    String head = repo.write(HOSTILE_FILE, "odd\n").commit("odd file");
    List<ReactorModule> reactor =
        List.of(
            module(repo, "base", "libs/base", List.of()),
            module(repo, "api", "services/api", List.of(BASE)),
            module(repo, "web", "services/web", List.of()),
            module(repo, "gateway", "services/gateway", List.of(API)));
    PlanSettings settings =
        new PlanSettings(
            Mode.DIFF,
            Optional.of(base),
            Optional.of(head),
            Optional.of("feature"),
            Optional.of("main"),
            Optional.empty(),
            false,
            CacheProbe.NONE,
            PlanSettings.DEFAULT_MASTER_TAG,
            Optional.empty());
    try (GitRepo git = repo.open()) {
      return PlanService.plan(git, reactor, settings);
    }
  }

  private static ReactorModule module(
      GitFixture repo, String artifactId, String dir, List<String> deps) {
    Path basedir = repo.path(dir);
    return new ReactorModule(
        "g:" + artifactId,
        basedir,
        deps,
        basedir.resolve("Dockerfile"),
        artifactId,
        basedir,
        Map.of(),
        basedir.resolve("pom.xml"));
  }
}
