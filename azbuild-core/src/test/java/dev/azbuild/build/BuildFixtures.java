package dev.azbuild.build;

import dev.azbuild.git.GitRepo;
import dev.azbuild.graph.ModuleGraph;
import dev.azbuild.graph.ReactorModule;
import dev.azbuild.plan.CacheProbe;
import dev.azbuild.plan.Mode;
import dev.azbuild.plan.Plan;
import dev.azbuild.plan.PlanService;
import dev.azbuild.plan.PlanSettings;
import dev.azbuild.registry.KnownManifests;
import dev.azbuild.registry.Registry;
import dev.azbuild.testing.GitFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The plan, settings and modules the build tests (unit and integration tier) build from. */
final class BuildFixtures {

  private BuildFixtures() {}

  /** A module {@code g:<name>} in {@code dir} with a Dockerfile, building FROM {@code deps}. */
  static ReactorModule module(
      GitFixture repo, String name, String image, String dir, String... deps) {
    Path basedir = repo.path(dir);
    return new ReactorModule(
        "g:" + name,
        basedir,
        List.of(deps).stream().map(d -> "g:" + d).toList(),
        basedir.resolve("Dockerfile"),
        image,
        basedir,
        Map.of(),
        basedir.resolve("pom.xml"));
  }

  /**
   * A content-mode plan of branch {@code main}; with {@code probe}, the cache tags are looked up in
   * {@code cache} (and kept in {@code known}, as the build's plan does).
   */
  static Plan contentPlan(
      GitRepo git, ModuleGraph graph, Registry cache, KnownManifests known, boolean probe)
      throws Exception {
    CacheProbe cacheProbe =
        probe
            ? (module, tag) -> Optional.of(known.probe(cache, module.image(), tag))
            : CacheProbe.NONE;
    return PlanService.plan(
        git,
        graph,
        new PlanSettings(
            Mode.CONTENT,
            Optional.empty(),
            Optional.empty(),
            Optional.of("main"),
            Optional.empty(),
            Optional.empty(),
            false,
            cacheProbe,
            PlanSettings.DEFAULT_MASTER_TAG,
            Optional.empty()));
  }

  /** Build settings of branch {@code main} at {@code commit}, no terraform. */
  static BuildSettings settings(GitFixture repo, String commit, boolean skipPush) {
    return new BuildSettings(
        commit,
        "main",
        PlanSettings.DEFAULT_MASTER_TAG,
        "",
        Optional.empty(),
        skipPush,
        Optional.empty(),
        repo.dir(),
        repo.dir());
  }

  /** The {@code cache-<hash>} tag the plan gives a module. */
  static String cacheTag(Plan plan, String id) {
    return BuildTags.cacheTag(plan.decision(id).orElseThrow());
  }
}
