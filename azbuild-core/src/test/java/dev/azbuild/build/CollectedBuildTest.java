package dev.azbuild.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.azbuild.plan.Mode;
import dev.azbuild.plan.ModuleDecision;
import dev.azbuild.plan.Plan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gate job's view: the build jobs' build.json files merged, and what was not built. */
class CollectedBuildTest {

  @TempDir Path tmp;

  static ModuleDecision decision(String id, String dir, boolean rebuild) {
    return new ModuleDecision(
        id,
        dir,
        dir.substring(dir.indexOf('/') + 1),
        rebuild,
        List.of("now: " + (rebuild ? "missing" : "found")),
        "h",
        List.of(),
        List.of());
  }

  static final Plan PLAN =
      new Plan(
          Mode.CONTENT,
          null,
          "c0ffee0123456789",
          List.of(
              decision("g:base", "libs/base", false),
              decision("g:api", "services/api", false),
              decision("g:web", "services/web", false)),
          List.of());

  Path report(String name, String commit, ModuleReport... modules) throws Exception {
    Path file = tmp.resolve(name).resolve("build.json");
    Files.createDirectories(file.getParent());
    new BuildReport(file, commit, List.of("g:base", "g:api", "g:web")).recordAll(List.of(modules));
    return file;
  }

  @Test
  void jobsReportsMergeAndEveryModuleBuiltOrRetaggedCompletesTheBuild() throws Exception {
    List<Path> files =
        List.of(
            report(
                "a",
                PLAN.head(),
                new ModuleReport(
                    "g:base",
                    "base",
                    ModuleReport.BUILT,
                    "sha256:1",
                    List.of("x"),
                    1,
                    0,
                    1.0,
                    List.of("no image cache-1"),
                    null)),
            report(
                "b",
                PLAN.head(),
                new ModuleReport(
                    "g:api",
                    "api",
                    ModuleReport.RETAGGED,
                    "sha256:2",
                    List.of(),
                    0,
                    0,
                    0.1,
                    List.of("cache-2 exists"),
                    null),
                new ModuleReport(
                    "g:web",
                    "web",
                    ModuleReport.BUILT,
                    "sha256:3",
                    List.of(),
                    0,
                    0,
                    1,
                    List.of("no image cache-3"),
                    null)),
            report(
                "old",
                "another-commit",
                ModuleReport.failed("g:web", "web", 1, List.of(), "old failure")));
    CollectedBuild collected = CollectedBuild.of(PLAN, BuildReport.read(files, PLAN.head()));
    assertThat(collected.complete()).isTrue();
    assertThat(collected.reports())
        .extracting(ModuleReport::id)
        .containsExactly("g:base", "g:api", "g:web");
    // the graph shows what the jobs did, with their reasons, not what a plan made afterwards finds
    assertThat(collected.plan().modules())
        .extracting(ModuleDecision::rebuild)
        .containsExactly(true, false, true);
    assertThat(collected.plan().modules().get(0).reasons()).containsExactly("no image cache-1");
  }

  @Test
  void aFailedOrMissingModuleIsOneLineNamingItAndWhy() throws Exception {
    List<Path> files =
        List.of(
            report(
                "a",
                PLAN.head(),
                new ModuleReport(
                    "g:base",
                    "base",
                    ModuleReport.RETAGGED,
                    "sha256:1",
                    List.of(),
                    0,
                    0,
                    0,
                    List.of(),
                    null),
                ModuleReport.failed(
                    "g:api", "api", 2, List.of("r"), "services/api: RUN exited with 3\nmore")));
    CollectedBuild collected = CollectedBuild.of(PLAN, BuildReport.read(files, PLAN.head()));
    assertThat(collected.complete()).isFalse();
    assertThat(collected.notBuilt()).containsOnlyKeys("g:api", "g:web");
    assertThat(collected.problem())
        .isEqualTo(
            "2 of 3 image modules were not built at c0ffee012345: services/api"
                + " (services/api: RUN exited with 3); services/web (no build report: its build job did not run, or stopped before"
                + " azbuild:build); the deploy jobs wait for this job: fix the cause and re-run those build jobs");
    assertThat(collected.plan().modules().get(1).rebuild())
        .isFalse(); // a failed re-tag stays an unchanged module
  }

  @Test
  void aReportThatIsNotJsonNamesTheFile() throws Exception {
    Path bad = tmp.resolve("build.json");
    Files.writeString(bad, "{not json");
    assertThatThrownBy(() -> BuildReport.read(List.of(bad), "c"))
        .hasMessageStartingWith(bad + " is not a build report (");
    assertThat(BuildReport.read(List.of(), "c")).isEqualTo(Map.of());
  }
}
