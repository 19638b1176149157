package dev.azbuild.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azbuild.git.GitRepo;
import dev.azbuild.graph.ModuleGraph;
import dev.azbuild.graph.ReactorModule;
import dev.azbuild.io.Json;
import dev.azbuild.migrate.ImportPlan.ImportedModule;
import dev.azbuild.plan.CacheProbe;
import dev.azbuild.plan.Mode;
import dev.azbuild.plan.ModuleDecision;
import dev.azbuild.plan.Plan;
import dev.azbuild.plan.Planner;
import dev.azbuild.testing.GitFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The key property: importing the sample manifest (list patterns, a pattern file kept in
 * place, a pattern file copied, default patterns, dependencies, a shared build directory) gives a
 * reactor whose diff-mode decisions equal the manifest's. The manifest's side is computed the way
 * its scripts do, independently of the importer: per project the words of its own patterns and of
 * every transitive dependency's, then {@code git diff --name-only --no-renames base head | grep -qE
 * -f <those patterns>} with the real grep.
 */
class ImportEquivalenceTest {

  /** Files the random commits write or delete; the pattern files themselves stay as imported. */
  private static final List<String> POOL =
      List.of(
          "base/VERSION",
          "base/Dockerfile",
          "proto/src/ping.proto",
          "proto/src/new.proto",
          "proto/README.md",
          "proto/Dockerfile",
          "services/api/src/server.sh",
          "services/api/README.md",
          "services/shared/config.env",
          "services/web/README.md",
          "services/web/static/index.html",
          "services/web/static/app.css",
          "services/web/Dockerfile",
          "tools/lint.conf",
          "tools/test/run.sh",
          "tools/protoc.version",
          "tools/Dockerfile.test",
          "docs/index.md",
          "README.md");

  @TempDir Path root;
  @TempDir Path scratch;

  private GitFixture repo;
  private ImportPlan imported;
  private String migration;

  @BeforeEach
  void importSample() throws Exception {
    SampleRepo.copyExample(root);
    repo = GitFixture.init(root);
    imported = SampleRepo.plan(root);
    ImportWriter.write(root, imported, false);
    migration = repo.commit("the sample monorepo, imported");
  }

  @Test
  void aChangeReachesTheSameProjectsAsTheManifestSays() throws Exception {
    repo.write("tools/protoc.version", "3.22\n");
    String head = repo.commit("protoc 3.22");
    // by hand: proto lists ^tools/protoc\.version$, tools-lint has the default ^tools/; api and
    // tools-test follow their dependencies; base and web see nothing
    assertThat(azbuildRebuilds(migration, head))
        .containsExactly("api", "proto", "tools-lint", "tools-test");
    assertThat(manifestRebuilds(migration, head))
        .containsExactly("api", "proto", "tools-lint", "tools-test");
  }

  @Test
  void randomHistoriesGiveTheSameDecisions() throws Exception {
    Random random = new Random(20261126L);
    List<String> commits = new ArrayList<>(List.of(migration));
    Set<String> everRebuilt = new TreeSet<>();
    Set<String> everUnchanged = new TreeSet<>();
    Set<String> projects =
        imported.modules().stream().map(ImportedModule::project).collect(Collectors.toSet());
    for (int i = 0; i < 16; i++) {
      int changes = 1 + random.nextInt(2);
      for (int c = 0; c < changes; c++) {
        String path = POOL.get(random.nextInt(POOL.size()));
        if (repo.exists(path) && random.nextInt(4) == 0) {
          repo.delete(path);
        } else {
          repo.write(path, "change " + i + "." + c + "\n");
        }
      }
      commits.add(repo.commit("change " + i));
      // mostly one commit, sometimes a longer stretch of history
      String base =
          commits.get(
              random.nextInt(3) > 0 ? commits.size() - 2 : random.nextInt(commits.size() - 1));
      String head = commits.get(commits.size() - 1);
      Set<String> expected = manifestRebuilds(base, head);
      assertThat(azbuildRebuilds(base, head))
          .as("%s..%s, changed %s", base, head, repo.diffNames(base, head))
          .isEqualTo(expected);
      everRebuilt.addAll(expected);
      projects.stream().filter(p -> !expected.contains(p)).forEach(everUnchanged::add);
    }
    // guards against a vacuous pass: every project is decided both ways somewhere
    assertThat(everRebuilt).isEqualTo(projects);
    assertThat(everUnchanged).isEqualTo(projects);
  }

  /** azbuild's decisions for the imported reactor (what MavenReactor would hand the graph). */
  private Set<String> azbuildRebuilds(String base, String head) throws Exception {
    Map<String, ImportedModule> byProject = new LinkedHashMap<>();
    imported.modules().forEach(m -> byProject.put(m.project(), m));
    List<ReactorModule> reactor = new ArrayList<>();
    for (String project : buildOrder(byProject)) {
      ImportedModule m = byProject.get(project);
      reactor.add(
          new ReactorModule(
              "org.example:" + m.artifactId(),
              root.resolve(m.dir()),
              m.dependencies().stream()
                  .map(d -> "org.example:" + byProject.get(d).artifactId())
                  .toList(),
              root.resolve(m.dockerfile()),
              m.project(),
              root.resolve(m.context()),
              Map.of(),
              root.resolve(m.dir()).resolve("pom.xml")));
    }
    try (GitRepo git = GitRepo.open(root)) {
      Plan plan =
          new Planner(git, ModuleGraph.build(git, reactor))
              .plan(
                  new Planner.Request(
                      Mode.DIFF,
                      Optional.of(ObjectId.fromString(base)),
                      Optional.of(ObjectId.fromString(head)),
                      CacheProbe.NONE,
                      "master",
                      List.of()));
      return plan.modules().stream()
          .filter(ModuleDecision::rebuild)
          .map(ModuleDecision::image)
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  private static List<String> buildOrder(Map<String, ImportedModule> modules) {
    Set<String> order = new LinkedHashSet<>();
    modules.keySet().forEach(p -> visit(p, modules, order));
    return List.copyOf(order);
  }

  private static void visit(
      String project, Map<String, ImportedModule> modules, Set<String> order) {
    if (!order.contains(project)) {
      modules.get(project).dependencies().forEach(d -> visit(d, modules, order));
      order.add(project);
    }
  }

  /** The manifest's decisions, computed as its scripts compute them. */
  private Set<String> manifestRebuilds(String base, String head) throws Exception {
    JsonNode manifest = Json.MAPPER.readTree(root.resolve("build_manifest.json").toFile());
    StringBuilder script =
        new StringBuilder(
            "changed=$(git diff --name-only --no-renames " + base + " " + head + ")\n");
    for (var it = manifest.fieldNames(); it.hasNext(); ) {
      String project = it.next();
      List<String> patterns = new ArrayList<>();
      for (String p : withTransitiveDependencies(manifest, project)) {
        patterns.addAll(ownPatternWords(manifest.get(p)));
      }
      Path file = scratch.resolve(project + ".patterns");
      Files.writeString(file, String.join("\n", patterns) + "\n");
      script
          .append("printf '%s\\n' \"$changed\" | grep -qE -f '")
          .append(file)
          .append("' && echo '")
          .append(project)
          .append("'\n");
    }
    GitFixture.Result grep = repo.bash(script + "exit 0\n");
    assertThat(grep.stderr()).isEmpty();
    return grep.stdout().lines().collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> withTransitiveDependencies(JsonNode manifest, String project) {
    Set<String> all = new LinkedHashSet<>(List.of(project));
    List<String> todo = new ArrayList<>(List.of(project));
    while (!todo.isEmpty()) {
      JsonNode deps = manifest.get(todo.remove(0)).get("dependencies");
      if (deps != null) {
        deps.forEach(
            d -> {
              if (!d.asText().isEmpty() && all.add(d.asText())) {
                todo.add(d.asText());
              }
            });
      }
    }
    return all;
  }

  /**
   * The words of a project's rebuildPatterns: an array, a file relative to projectDir, or
   * ^projectDir/.
   */
  private List<String> ownPatternWords(JsonNode project) throws Exception {
    String projectDir =
        project.has("projectDir")
            ? project.get("projectDir").asText()
            : project.get("buildDir").asText();
    JsonNode patterns = project.get("rebuildPatterns");
    String text;
    if (patterns == null) {
      text = "^" + projectDir + "/";
    } else if (patterns.isTextual()) {
      text = Files.readString(root.resolve(projectDir).resolve(patterns.asText()));
    } else {
      List<String> entries = new ArrayList<>();
      patterns.forEach(p -> entries.add(p.asText()));
      text = String.join(" ", entries);
    }
    return Arrays.stream(text.split("[ \t\n]+")).filter(w -> !w.isEmpty()).toList();
  }
}
