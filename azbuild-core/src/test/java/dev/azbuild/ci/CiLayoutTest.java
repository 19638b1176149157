package dev.azbuild.ci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The generated files at scale, on graphs shaped like {@code bench/gen-monorepo}'s (5 layers, one
 * root, up to 3 upstream modules each): they grow linearly, stay within the vendors' limits at
 * 1,000 modules with room to spare, and grouping keeps the build chain as short as the graph's
 * layers.
 */
class CiLayoutTest {

  /**
   * gen-monorepo's DAG: modules spread over {@code depth} levels, each needs one module of the
   * level below and up to fanIn - 1 lower ones.
   */
  static CiGraph benchGraph(int n, int depth, int fanIn, long seed) {
    Random rng = new Random(seed);
    List<List<Integer>> levels = new ArrayList<>();
    levels.add(List.of(0));
    List<Integer> rest = new ArrayList<>();
    for (int i = 1; i < n; i++) {
      rest.add(i);
    }
    double per = rest.size() / (double) Math.max(1, depth - 1);
    for (int d = 1; d < depth; d++) {
      int a = (int) Math.round((d - 1) * per);
      int b = d < depth - 1 ? (int) Math.round(d * per) : rest.size();
      if (b > a) {
        levels.add(rest.subList(a, b));
      }
    }
    List<CiModule> modules = new ArrayList<>();
    List<Integer> lower = new ArrayList<>();
    for (int d = 0; d < levels.size(); d++) {
      for (int m : levels.get(d)) {
        List<String> ups = new ArrayList<>();
        if (d > 0) {
          List<Integer> below = levels.get(d - 1);
          ups.add(job(below.get(rng.nextInt(below.size()))));
          for (int k = rng.nextInt(fanIn); k > 0; k--) {
            String c = job(lower.get(rng.nextInt(lower.size())));
            if (!ups.contains(c)) {
              ups.add(c);
            }
          }
        }
        String dir = String.format("modules/m%04d", m);
        modules.add(
            new CiModule(
                dir,
                dir,
                "build-" + CiGraph.jobSuffix(dir),
                "deploy-" + CiGraph.jobSuffix(dir),
                ups));
      }
      lower.addAll(levels.get(d));
    }
    return new CiGraph(modules, "main");
  }

  private static String job(int m) {
    return "build-" + CiGraph.jobSuffix(String.format("modules/m%04d", m));
  }

  static Map<CiTarget, Long> sizes(CiGraph graph, CiOptions options) {
    Map<CiTarget, String> files = CiFiles.render(graph, options, EnumSet.allOf(CiTarget.class));
    Map<CiTarget, Long> sizes = new java.util.EnumMap<>(CiTarget.class);
    files.forEach((t, text) -> sizes.put(t, t.measuredSize(text)));
    return sizes;
  }

  @Test
  void filesGrowLinearlyEvenWithAJobPerModule() {
    CiOptions ungrouped = CiOptions.defaults().withGroupAbove(Integer.MAX_VALUE);
    Map<CiTarget, Long> hundred = sizes(benchGraph(100, 5, 3, 1), ungrouped);
    Map<CiTarget, Long> thousand = sizes(benchGraph(1000, 5, 3, 1), ungrouped);
    for (CiTarget t : CiTarget.values()) {
      // every deploy job listing every build job made this about 100 (28.6 MB at 1,000 modules)
      assertThat((double) thousand.get(t) / hundred.get(t))
          .as("%s size(1000)/size(100)", t)
          .isLessThanOrEqualTo(11.0);
    }
    // but a job per module does not fit GitHub's 500 KB at 1,000 modules: that is what grouping is
    // for
    assertThat(thousand.get(CiTarget.GITHUB)).isGreaterThan(CiTarget.GITHUB.maxBytes());
    assertThat(thousand.get(CiTarget.CIRCLECI)).isLessThan(CiTarget.CIRCLECI.maxBytes());
  }

  @Test
  void defaultsStayWellWithinTheVendorsLimitsAtAThousandModules() {
    for (int n : List.of(10, 100, 1000, 2000)) {
      Map<CiTarget, Long> sizes = sizes(benchGraph(n, 5, 3, 1), CiOptions.defaults());
      assertThat(sizes.get(CiTarget.GITHUB))
          .as("GitHub workflow at %d modules", n)
          .isLessThan(CiTarget.GITHUB.maxBytes() / 2);
      assertThat(sizes.get(CiTarget.CIRCLECI))
          .as("CircleCI compiled config at %d modules", n)
          .isLessThan(CiTarget.CIRCLECI.maxBytes() / 10);
    }
    Map<CiTarget, Long> ten = sizes(benchGraph(10, 5, 3, 1), CiOptions.defaults());
    Map<CiTarget, Long> thousand = sizes(benchGraph(1000, 5, 3, 1), CiOptions.defaults());
    assertThat((double) thousand.get(CiTarget.GITHUB) / ten.get(CiTarget.GITHUB)).isLessThan(110.0);
  }

  @Test
  void groupingKeepsTheBuildChainAtTheNumberOfLayers() {
    CiGraph graph = benchGraph(1000, 5, 3, 1);
    CiLayout layout = CiLayout.of(graph, 100);
    assertThat(layout.groupSize()).isEqualTo(10);
    assertThat(layout.builds().size()).isBetween(100, 105);
    assertThat(layout.deploys()).hasSize(5); // one per layer
    // builds: one job per layer on the longest chain, then the gate, then the deploys one after the
    // other
    assertThat(layout.criticalPath()).isEqualTo(5 + 1 + 5);
    // every module is built by exactly one job, and deployed by exactly one
    Set<String> built = new HashSet<>();
    layout.builds().forEach(j -> j.modules().forEach(m -> assertThat(built.add(m.dir())).isTrue()));
    assertThat(built).hasSize(1000);
    assertThat(layout.deploys().stream().mapToInt(j -> j.modules().size()).sum()).isEqualTo(1000);
    // a group needs the groups of its modules' upstream modules, all from lower layers
    Map<String, CiJob> byId = new java.util.HashMap<>();
    layout.builds().forEach(j -> byId.put(j.id(), j));
    for (CiJob job : layout.builds()) {
      assertThat(job.modules()).hasSizeLessThanOrEqualTo(10);
      int layer = Integer.parseInt(job.id().replaceAll("build-layer(\\d+)-\\d+", "$1"));
      for (String need : job.needs()) {
        assertThat(Integer.parseInt(need.replaceAll("build-layer(\\d+)-\\d+", "$1")))
            .isLessThan(layer);
        assertThat(byId).containsKey(need);
      }
      Set<String> upstream = new HashSet<>();
      job.modules().forEach(m -> upstream.addAll(m.upstreamBuildJobs()));
      for (String u : upstream) {
        String dir = u.substring("build-".length()).replace("modules-", "modules/");
        assertThat(
                job.needs().stream()
                    .anyMatch(
                        n -> byId.get(n).modules().stream().anyMatch(m -> m.dir().equals(dir))))
            .as("%s waits for the job that builds %s", job.id(), dir)
            .isTrue();
      }
    }
    String github = GithubWorkflow.render(layout, CiOptions.defaults());
    CiStructure.github(github, "main");
    CiStructure.circleci(CircleCiConfig.render(layout, CiOptions.defaults()), "main");
    assertThat(github).contains("run: mvn -B azbuild:build -pl modules/m0001,");
  }

  @Test
  void aJobPerModuleUpToTheBound() {
    CiLayout layout = CiLayout.of(benchGraph(100, 5, 3, 1), 100);
    assertThat(layout.groupSize()).isEqualTo(1);
    assertThat(layout.builds()).hasSize(100);
    assertThat(layout.deploys()).hasSize(100);
    assertThat(layout.criticalPath()).isEqualTo(5 + 1 + 100);
    assertThat(CiLayout.of(benchGraph(101, 5, 3, 1), 100).groupSize()).isEqualTo(2);
  }

  @Test
  void mavenBuiltModulesArePackagedFirst() {
    CiModule lib =
        new CiModule(
            "libs/base", "libs/base", "build-libs-base", "deploy-libs-base", List.of(), false);
    CiModule app =
        new CiModule(
            "services/hello",
            "services/hello",
            "build-services-hello",
            "deploy-services-hello",
            List.of("build-libs-base"),
            true);
    CiGraph graph = new CiGraph(List.of(lib, app), "main");
    String github = GithubWorkflow.render(graph, CiOptions.defaults());
    assertThat(github)
        .contains(
            "      - name: Maven package services/hello\n        run: mvn -B package -pl services/hello -am -Dazbuild.skip=true\n"
                + "      - name: azbuild build services/hello\n");
    assertThat(github.split("mvn -B package", -1))
        .hasSize(2); // libs/base (a pom module) is not packaged
    assertThat(CircleCiConfig.render(graph, CiOptions.defaults()))
        .contains("command: mvn -B package -pl services/hello -am -Dazbuild.skip=true\n");
  }

  @Test
  void oversizedFilesAreOneLineEach() {
    Map<CiTarget, String> files =
        CiFiles.render(
            benchGraph(1000, 5, 3, 1),
            CiOptions.defaults().withGroupAbove(5000),
            EnumSet.allOf(CiTarget.class));
    List<String> problems = CiFiles.oversized(files, "lower it");
    assertThat(problems)
        .singleElement()
        .asString()
        .startsWith(".github/workflows/azbuild.yml would be ")
        .contains("over GitHub's 500 KB (512,000 bytes) limit per workflow file")
        .endsWith("; lower it")
        .doesNotContain("\n");
    assertThat(
            CiFiles.oversized(
                CiFiles.render(
                    benchGraph(1000, 5, 3, 1), CiOptions.defaults(), EnumSet.allOf(CiTarget.class)),
                "x"))
        .isEmpty();
  }

  @Test
  void groupAboveMustBePositive() {
    assertThatThrownBy(() -> CiOptions.defaults().withGroupAbove(0))
        .hasMessage("azbuild.ciConfig.groupAbove must be at least 1, got 0");
  }

  @Test
  void longModuleDirsGiveJobIdsShorterThanAHundredCharacters() {
    String dir = "a/" + "very-long-directory-name/".repeat(8) + "service";
    String suffix = CiGraph.jobSuffix(dir);
    assertThat(("deploy-" + suffix + "-12").length()).isLessThan(100);
    assertThat(suffix).isNotEqualTo(CiGraph.jobSuffix(dir + "2")).matches("[A-Za-z0-9_-]+");
  }
}
