package dev.azbuild.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.azbuild.git.GitRepo;
import dev.azbuild.graph.ModuleGraph;
import dev.azbuild.graph.ReactorModule;
import dev.azbuild.testing.GitFixture;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The bash scripts' semantics, exactly: for random repositories, random {@code .rebuild_patterns}
 * and random base/head commits, a module rebuilds in diff mode iff {@code git diff --name-only
 * --no-renames base head | grep -qE -f <patterns>}.
 *
 * <p>Each try is one repository made by a single {@code git fast-import}; git and grep run in one
 * bash process per try, so the property stays fast. The patterns are ones POSIX ERE and Java regex
 * read alike, so the property holds for the pattern translator whatever it does with harder ones.
 */
class DiffModePropertyTest {

  private static final List<String> MODULES = List.of("mod1", "mod2", "mod3");

  /** Paths the random commits touch; none is a prefix directory of another. */
  private static final List<String> POOL =
      List.of(
          "mod1/a.txt",
          "mod1/b2.md",
          "mod1/sub/c.txt",
          "mod1/x y.txt",
          "mod2/a.txt",
          "mod2/sub/b1.txt",
          "mod2/sub/d.md",
          "mod2/zz",
          "mod3/ü.txt",
          "mod3/-rf.md",
          "mod3/deep/er/d.txt",
          "mod3/c.md",
          "shared/conf.txt",
          "shared/b7.md",
          "root.txt",
          "ab.md",
          "other/cd.md",
          "日本/x",
          "mod10/a.txt");

  /**
   * Patterns POSIX ERE (grep -E) and Java regex read the same way, plus comments and blank lines.
   */
  private static final List<String> LINES =
      List.of(
          "^mod1/",
          "\\.txt$",
          "^mod2/sub/",
          "a",
          "^shared/",
          "b[0-9]",
          "(c|d)\\.md$",
          "^mod3/[^/]*$",
          "^root\\.txt$",
          "^mod1",
          "x y",
          "ü",
          "/-",
          "# a comment",
          "#^mod2/",
          "");

  private static final List<String> CONTENTS = List.of("one\n", "two\n", "three\n");

  /** One change: 0 write, 1 delete, 2 rename to {@code target}, 3 toggle the executable bit. */
  record Op(int kind, int path, int target, int content) {}

  /**
   * A pattern file per module ({@code null}: no file, default patterns), commits, and base/head
   * pairs.
   */
  record Scenario(List<List<String>> patterns, List<List<Op>> commits, List<int[]> pairs) {
    @Override
    public String toString() {
      StringBuilder s =
          new StringBuilder("patterns=")
              .append(patterns)
              .append(" commits=")
              .append(commits)
              .append(" pairs=");
      pairs.forEach(p -> s.append(p[0]).append("..").append(p[1]).append(' '));
      return s.toString();
    }
  }

  @Provide
  Arbitrary<Scenario> scenarios() {
    Arbitrary<Op> op =
        Combinators.combine(
                Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, POOL.size() - 1),
                Arbitraries.integers().between(0, POOL.size() - 1),
                Arbitraries.integers().between(0, CONTENTS.size() - 1))
            .as(Op::new);
    Arbitrary<List<List<Op>>> commits =
        op.list().ofMinSize(1).ofMaxSize(5).list().ofMinSize(2).ofMaxSize(5);
    Arbitrary<List<String>> patternFile = Arbitraries.of(LINES).list().ofMaxSize(4).injectNull(0.3);
    Arbitrary<List<List<String>>> patterns = patternFile.list().ofSize(MODULES.size());
    Arbitrary<int[]> pair = Arbitraries.integers().between(0, 4).array(int[].class).ofSize(2);
    Arbitrary<List<int[]>> pairs = pair.list().ofMinSize(1).ofMaxSize(3);
    return Combinators.combine(patterns, commits, pairs).as(Scenario::new);
  }

  record FileState(String content, boolean executable) {}

  @Property(tries = 50, shrinking = ShrinkingMode.BOUNDED)
  void diffModeAgreesWithGitDiffAndGrep(@ForAll("scenarios") Scenario scenario) throws Exception {
    Path dir = Files.createTempDirectory("azbuild-diff-property");
    try {
      check(dir, scenario);
    } finally {
      GitFixture.deleteRecursively(dir);
    }
  }

  private void check(Path dir, Scenario scenario) throws Exception {
    Path repoDir = dir.resolve("repo");
    Files.createDirectories(repoDir);
    int n = scenario.commits().size();

    // the history: every commit is a full snapshot of the random state
    TreeMap<String, FileState> state = new TreeMap<>();
    for (String m : MODULES) {
      state.put(m + "/Dockerfile", new FileState("FROM scratch\n", false));
    }
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    for (int c = 0; c < n; c++) {
      for (Op op : scenario.commits().get(c)) {
        apply(state, op);
      }
      emitCommit(stream, c, state);
    }
    Files.write(dir.resolve("history.fi"), stream.toByteArray());

    // pattern files: on disk for the planner, comment- and blank-free for grep
    for (int m = 0; m < MODULES.size(); m++) {
      String module = MODULES.get(m);
      Files.createDirectories(repoDir.resolve(module));
      Files.writeString(repoDir.resolve(module).resolve("Dockerfile"), "FROM scratch\n");
      List<String> lines = scenario.patterns().get(m);
      List<String> effective;
      if (lines == null) {
        effective = List.of("^" + module + "/");
      } else {
        Files.writeString(
            repoDir.resolve(module).resolve(".rebuild_patterns"), String.join("\n", lines) + "\n");
        effective = lines.stream().filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
      }
      Files.writeString(
          dir.resolve("p" + m), effective.isEmpty() ? "" : String.join("\n", effective) + "\n");
    }

    // git diff | grep -qE -f patterns, for every pair and module, in one bash
    List<int[]> pairs = scenario.pairs().stream().map(p -> new int[] {p[0] % n, p[1] % n}).toList();
    try (var init =
        org.eclipse.jgit.api.Git.init()
            .setDirectory(repoDir.toFile())
            .setInitialBranch("main")
            .call()) {
      // an empty repository (no template hooks to copy); git itself writes the history
    }
    StringBuilder script =
        new StringBuilder("set -e\ncd repo\n").append("git fast-import --quiet < ../history.fi\n");
    for (int i = 0; i < pairs.size(); i++) {
      script
          .append("git -c core.quotepath=false diff --name-only --no-renames c")
          .append(pairs.get(i)[0])
          .append(" c")
          .append(pairs.get(i)[1])
          .append(" > ../d")
          .append(i)
          .append('\n');
    }
    script.append("cd ..\nset +e\n");
    for (int m = 0; m < MODULES.size(); m++) {
      // grep -l names the diffs with a matching path, i.e. where grep -q would succeed
      script.append("grep -lE -f p").append(m);
      for (int i = 0; i < pairs.size(); i++) {
        script.append(" d").append(i);
      }
      script.append(" > g").append(m).append('\n');
    }
    script.append("exit 0\n"); // grep exits 1 when nothing matches
    GitFixture.Result result = GitFixture.bash(dir, script.toString());
    assertThat(result.exitCode()).as("bash: %s", result.stderr()).isZero();
    Set<String> grepSays = new HashSet<>();
    for (int m = 0; m < MODULES.size(); m++) {
      for (String file : Files.readAllLines(dir.resolve("g" + m))) {
        grepSays.add(m + " " + file);
      }
    }

    try (GitRepo git = GitRepo.open(repoDir)) {
      List<ReactorModule> reactor = new ArrayList<>();
      for (String m : MODULES) {
        Path base = repoDir.resolve(m);
        reactor.add(
            new ReactorModule(
                "g:" + m,
                base,
                List.of(),
                base.resolve("Dockerfile"),
                m,
                base,
                Map.of(),
                base.resolve("pom.xml")));
      }
      Planner planner = new Planner(git, ModuleGraph.build(git, reactor));
      for (int i = 0; i < pairs.size(); i++) {
        ObjectId base = git.repository().resolve("refs/tags/c" + pairs.get(i)[0]);
        ObjectId head = git.repository().resolve("refs/tags/c" + pairs.get(i)[1]);
        Plan plan =
            planner.plan(
                new Planner.Request(
                    Mode.DIFF,
                    Optional.of(base),
                    Optional.of(head),
                    CacheProbe.NONE,
                    "master",
                    List.of()));
        Set<String> changed =
            Set.copyOf(Files.readAllLines(dir.resolve("d" + i), StandardCharsets.UTF_8));
        for (int m = 0; m < MODULES.size(); m++) {
          ModuleDecision d = plan.decision("g:" + MODULES.get(m)).orElseThrow();
          boolean expected = grepSays.contains(m + " d" + i);
          assertThat(d.rebuild())
              .as(
                  "%s for c%d..c%d, changed %s, patterns %s: %s",
                  MODULES.get(m),
                  pairs.get(i)[0],
                  pairs.get(i)[1],
                  changed,
                  Files.readString(dir.resolve("p" + m)).strip().replace('\n', ' '),
                  d.reasons())
              .isEqualTo(expected);
          if (expected) {
            String reason = d.reasons().get(0);
            String[] parts = reason.split(" matched ", 2);
            assertThat(changed).as(reason).contains(parts[0]);
            assertThat(Files.readAllLines(dir.resolve("p" + m))).as(reason).contains(parts[1]);
          }
        }
      }
    }
  }

  private static void apply(TreeMap<String, FileState> state, Op op) {
    String path = POOL.get(op.path());
    String target = POOL.get(op.target());
    String content = CONTENTS.get(op.content());
    FileState current = state.get(path);
    switch (op.kind()) {
      case 1 -> {
        if (current != null) {
          state.remove(path);
        } else {
          state.put(path, new FileState(content, false));
        }
      }
      case 2 -> {
        if (current != null && !state.containsKey(target)) {
          state.remove(path);
          state.put(target, current);
        } else {
          state.put(target, new FileState(content, false));
        }
      }
      case 3 ->
          state.put(
              path,
              current == null
                  ? new FileState(content, true)
                  : new FileState(current.content(), !current.executable()));
      default -> state.put(path, new FileState(content, current != null && current.executable()));
    }
  }

  private static void emitCommit(
      ByteArrayOutputStream out, int index, TreeMap<String, FileState> state) {
    long time = 1_700_000_000L + 60L * index;
    String message = "commit " + index;
    write(out, "commit refs/heads/main\nmark :" + (index + 1) + "\n");
    write(out, "committer Azbuild Test <test@azbuild.dev> " + time + " +0000\n");
    data(out, message);
    write(out, "deleteall\n");
    state.forEach(
        (path, file) -> {
          write(out, "M " + (file.executable() ? "100755" : "100644") + " inline " + path + "\n");
          data(out, file.content());
        });
    write(out, "reset refs/tags/c" + index + "\nfrom :" + (index + 1) + "\n\n");
  }

  private static void data(ByteArrayOutputStream out, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    write(out, "data " + bytes.length + "\n");
    out.writeBytes(bytes);
    write(out, "\n");
  }

  private static void write(ByteArrayOutputStream out, String text) {
    out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
  }
}
