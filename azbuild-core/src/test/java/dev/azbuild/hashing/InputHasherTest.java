package dev.azbuild.hashing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.azbuild.dockerfile.DockerIgnore;
import dev.azbuild.git.GitRepo;
import dev.azbuild.git.RepoSnapshot;
import dev.azbuild.patterns.RebuildPatterns;
import dev.azbuild.testing.GitFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Content mode's hash: stable where it must be, sensitive where it must be. */
class InputHasherTest {

  @TempDir static Path shared;
  @TempDir Path tmp;

  private static GitFixture template;
  private GitFixture repo;

  @BeforeAll
  static void createTemplate() {
    template = GitFixture.init(shared.resolve("template"));
    populate(template, false);
    template.commit("initial");
  }

  @BeforeEach
  void setUp() {
    repo = template.copyTo(tmp.resolve("repo"));
  }

  private static void populate(GitFixture r, boolean reversed) {
    List<String[]> files =
        List.of(
            new String[] {"mod/Dockerfile", "FROM scratch\nCOPY . /app\n"},
            new String[] {"mod/src/a.txt", "a\n"},
            new String[] {"mod/src/b.txt", "b\n"},
            new String[] {"mod/README.md", "readme\n"},
            new String[] {"mod/run.sh", "#!/bin/sh\n"},
            new String[] {"lib/Lib.java", "class Lib {}\n"},
            new String[] {"shared/config.txt", "shared\n"},
            new String[] {"other/unrelated.txt", "other\n"},
            new String[] {".gitignore", "*.log\n"});
    for (int i = 0; i < files.size(); i++) {
      String[] f = files.get(reversed ? files.size() - 1 - i : i);
      r.write(f[0], f[1]);
    }
  }

  private static ModuleInputs inputs(String ignore) {
    return new ModuleInputs(
        "mod", "mod/Dockerfile", DockerIgnore.parse(ignore), List.of(), Map.of(), Optional.empty());
  }

  private static ModuleInputs plain() {
    return inputs("");
  }

  private static InputHash work(GitFixture r, ModuleInputs in) throws Exception {
    return work(r, in, Map.of());
  }

  private static InputHash work(GitFixture r, ModuleInputs in, Map<String, String> upstream)
      throws Exception {
    try (GitRepo git = r.open()) {
      return new InputHasher(RepoSnapshot.ofWorkingTree(git)).hash(in, upstream);
    }
  }

  private static InputHash commit(GitFixture r, String rev, ModuleInputs in) throws Exception {
    try (GitRepo git = r.open()) {
      return new InputHasher(RepoSnapshot.ofCommit(git, ObjectId.fromString(r.revParse(rev))))
          .hash(in, Map.of());
    }
  }

  @Test
  void hashIsSha256HexAndCacheTagUsesIt() throws Exception {
    InputHash h = work(repo, plain());
    assertThat(h.hash()).matches("[0-9a-f]{64}");
    assertThat(h.cacheTag()).isEqualTo("cache-" + h.hash());
    assertThat(h.shortHash()).isEqualTo(h.hash().substring(0, 12));
    assertThat(h.tree()).first().isEqualTo(InputHasher.FORMAT);
    assertThat(InputHasher.sha256(h.tree())).isEqualTo(h.hash());
  }

  @Test
  void treeListsContextFilesRelativeToTheContextWithGitBlobIds() throws Exception {
    InputHash h = work(repo, plain());
    String blob = repo.git("rev-parse", "HEAD:mod/src/a.txt").strip();
    assertThat(h.tree()).contains("context 100644 " + blob + " src/a.txt");
    assertThat(h.tree()).noneMatch(l -> l.contains("other/unrelated.txt") || l.contains("shared/"));
    assertThat(String.join("\n", h.tree())).doesNotContain(tmp.toString());
  }

  @Test
  void sameTreeInTwoClonesAtDifferentPathsGivesTheSameHash() throws Exception {
    GitFixture clone =
        GitFixture.clone(repo.dir().toString(), tmp.resolve("elsewhere/much/deeper/clone"));
    InputHash original = work(repo, plain());
    assertThat(work(clone, plain())).isEqualTo(original);
    assertThat(commit(clone, "HEAD", plain())).isEqualTo(original);
    assertThat(commit(repo, "HEAD", plain())).isEqualTo(original);
    // a clone's index has other stat data: still the same
    ModuleInputs withEverything =
        new ModuleInputs(
            "mod",
            "mod/Dockerfile",
            DockerIgnore.parse("*.md"),
            List.of("lib"),
            Map.of("V", "1"),
            Optional.of(RebuildPatterns.parse("p", "^shared/\n")));
    assertThat(work(clone, withEverything).hash()).isEqualTo(work(repo, withEverything).hash());
  }

  @Test
  void touchingFilesDoesNotChangeTheHash() throws Exception {
    String before = work(repo, plain()).hash();
    FileTime later = FileTime.from(Instant.now().plusSeconds(86_400));
    FileTime earlier = FileTime.from(Instant.parse("2001-01-01T00:00:00Z"));
    Files.setLastModifiedTime(repo.path("mod/src/a.txt"), later);
    Files.setLastModifiedTime(repo.path("mod/Dockerfile"), earlier);
    Files.setLastModifiedTime(repo.path("mod/src"), later);
    assertThat(work(repo, plain()).hash()).isEqualTo(before);
    // rewriting the same content is a touch too
    repo.write("mod/src/b.txt", "b\n");
    assertThat(work(repo, plain()).hash()).isEqualTo(before);
  }

  @Test
  void changingOneByteChangesTheHash() throws Exception {
    String before = work(repo, plain()).hash();
    repo.write("mod/src/a.txt", "b\n"); // same size
    String after = work(repo, plain()).hash();
    assertThat(after).isNotEqualTo(before);
    repo.write("mod/src/a.txt", "a\n");
    assertThat(work(repo, plain()).hash()).isEqualTo(before);
  }

  @Test
  void uncommittedChangeMovesTheWorkingHashButNotTheCommitHash() throws Exception {
    InputHash committed = commit(repo, "HEAD", plain());
    repo.write("mod/src/a.txt", "dirty\n");
    InputHash dirty = work(repo, plain());
    assertThat(dirty.hash()).isNotEqualTo(committed.hash());
    assertThat(commit(repo, "HEAD", plain())).isEqualTo(committed);
    // once committed, the commit's hash is the dirty work tree's hash
    repo.commit("commit the change");
    assertThat(commit(repo, "HEAD", plain())).isEqualTo(dirty);
  }

  @Test
  void dirtyWorkTreeHashesLikeTheCommitOfTheSameFiles() throws Exception {
    repo.write("mod/src/a.txt", "staged\n")
        .stage("mod/src/a.txt")
        .write("mod/src/a.txt", "staged then edited\n");
    repo.rm("mod/src/b.txt");
    repo.delete("mod/README.md");
    repo.write("mod/new/untracked.txt", "new\n");
    repo.chmodExecutable("mod/run.sh");
    repo.write("mod/ignored.log", "never\n");
    ModuleInputs in =
        new ModuleInputs(
            "mod",
            "mod/Dockerfile",
            DockerIgnore.none(),
            List.of("lib"),
            Map.of(),
            Optional.of(RebuildPatterns.parse("p", "^shared/\n")));
    InputHash dirty = work(repo, in);
    repo.commit("everything");
    assertThat(commit(repo, "HEAD", in)).isEqualTo(dirty);
    assertThat(dirty.tree())
        .anyMatch(l -> l.startsWith("context 100755 ") && l.endsWith(" run.sh"))
        .anyMatch(l -> l.endsWith(" new/untracked.txt"))
        .noneMatch(
            l -> l.endsWith(" README.md") || l.endsWith(" src/b.txt") || l.endsWith("ignored.log"));
  }

  @Test
  void modeChangeChangesTheHash() throws Exception {
    String before = work(repo, plain()).hash();
    repo.chmodExecutable("mod/run.sh");
    assertThat(work(repo, plain()).hash()).isNotEqualTo(before);
  }

  @Test
  void untrackedFilesCountUnlessGitIgnoresThemOrTheyLieOutsideTheContext() throws Exception {
    String before = work(repo, plain()).hash();
    repo.write("mod/debug.log", "ignored by .gitignore\n")
        .write("mod/src/deep/trace.log", "ignored\n");
    repo.write("other/untracked.txt", "outside the context\n");
    assertThat(work(repo, plain()).hash()).isEqualTo(before);
    repo.write("mod/src/untracked.txt", "counts\n");
    assertThat(work(repo, plain()).hash()).isNotEqualTo(before);
  }

  @Test
  void deletedFileChangesTheHash() throws Exception {
    String before = work(repo, plain()).hash();
    repo.delete("mod/src/b.txt");
    assertThat(work(repo, plain()).hash()).isNotEqualTo(before);
  }

  @Test
  void dockerignoredFilesDoNotCount() throws Exception {
    String rules = "# comment\n*.md\n**/*.swp\ndocs/\n!keep.md\n";
    repo.write("mod/.dockerignore", rules)
        .write("mod/docs/guide/intro.txt", "docs\n")
        .write("mod/keep.md", "keep\n")
        .write("mod/sub/notes.md", "nested md\n");
    repo.commit("dockerignore");
    ModuleInputs in = inputs(rules);
    String base = work(repo, in).hash();

    // ignored: root *.md, any *.swp (also at the root), anything under docs/
    repo.write("mod/README.md", "changed readme\n");
    repo.write("mod/.editor.swp", "swap\n").write("mod/src/deep/x.swp", "swap\n");
    repo.write("mod/docs/guide/intro.txt", "changed docs\n")
        .write("mod/docs/new/page.txt", "new docs\n");
    assertThat(work(repo, in).hash()).as("only ignored files changed").isEqualTo(base);

    // not ignored: keep.md (re-included), a nested .md (*.md is root-only), ordinary files
    for (String[] change :
        List.of(
            new String[] {"mod/keep.md", "changed keep\n"},
            new String[] {"mod/sub/notes.md", "changed nested md\n"},
            new String[] {"mod/src/a.txt", "changed source\n"},
            new String[] {"mod/docs.txt", "not under docs/\n"})) {
      String old = repo.exists(change[0]) ? repo.read(change[0]) : null;
      repo.write(change[0], change[1]);
      assertThat(work(repo, in).hash()).as("%s counts", change[0]).isNotEqualTo(base);
      if (old == null) {
        repo.delete(change[0]);
      } else {
        repo.write(change[0], old);
      }
      assertThat(work(repo, in).hash()).isEqualTo(base);
    }
  }

  @Test
  void dockerfileAlwaysCountsEvenWhenDockerignoreListsIt() throws Exception {
    String rules = "*\n";
    repo.write("mod/.dockerignore", rules);
    repo.commit("ignore everything");
    ModuleInputs in = inputs(rules);
    String base = work(repo, in).hash();
    repo.write("mod/src/a.txt", "ignored change\n");
    assertThat(work(repo, in).hash()).isEqualTo(base);
    repo.write("mod/Dockerfile", "FROM scratch\nCOPY . /srv\n");
    assertThat(work(repo, in).hash()).isNotEqualTo(base);
  }

  @Test
  void dockerfileOutsideTheContextCounts() throws Exception {
    repo.write("docker/mod.Dockerfile", "FROM scratch\n");
    repo.commit("external dockerfile");
    ModuleInputs in =
        new ModuleInputs(
            "mod",
            "docker/mod.Dockerfile",
            DockerIgnore.none(),
            List.of(),
            Map.of(),
            Optional.empty());
    String base = work(repo, in).hash();
    repo.write("docker/mod.Dockerfile", "FROM scratch\nLABEL x=1\n");
    assertThat(work(repo, in).hash()).isNotEqualTo(base);
    repo.delete("docker/mod.Dockerfile");
    assertThat(work(repo, in).tree()).contains("dockerfile docker/mod.Dockerfile missing");
  }

  @Test
  void extraPatternsAddFilesOutsideTheContext() throws Exception {
    RebuildPatterns patterns =
        RebuildPatterns.parse("mod/.rebuild_patterns", "^mod/\n^shared/\n\\.proto$\n");
    ModuleInputs in =
        new ModuleInputs(
            "mod",
            "mod/Dockerfile",
            DockerIgnore.none(),
            List.of(),
            Map.of(),
            Optional.of(patterns));
    String base = work(repo, in).hash();
    assertThat(work(repo, in).tree())
        .contains(
            "extra 100644 "
                + repo.git("rev-parse", "HEAD:shared/config.txt").strip()
                + " shared/config.txt")
        .noneMatch(l -> l.startsWith("extra ") && l.endsWith(" mod/src/a.txt"));

    repo.write("other/unrelated.txt", "not matched\n");
    assertThat(work(repo, in).hash()).isEqualTo(base);
    repo.write("shared/config.txt", "changed\n");
    String sharedChanged = work(repo, in).hash();
    assertThat(sharedChanged).isNotEqualTo(base);
    repo.write("other/deep/api.proto", "syntax\n"); // an unanchored pattern scans everything
    assertThat(work(repo, in).hash()).isNotEqualTo(sharedChanged);
    // without the patterns, shared/ is not an input
    assertThat(work(repo, plain()).hash()).isEqualTo(commit(repo, "HEAD", plain()).hash());
  }

  @Test
  void dependencyDirsCount() throws Exception {
    ModuleInputs in =
        new ModuleInputs(
            "mod",
            "mod/Dockerfile",
            DockerIgnore.none(),
            List.of("lib"),
            Map.of(),
            Optional.empty());
    String base = work(repo, in).hash();
    String plainBase = work(repo, plain()).hash();
    repo.write("lib/Lib.java", "class Lib { int x; }\n");
    assertThat(work(repo, in).hash()).isNotEqualTo(base);
    assertThat(work(repo, plain()).hash()).isEqualTo(plainBase);
  }

  @Test
  void upstreamHashesPropagate() throws Exception {
    String none = work(repo, plain()).hash();
    String a = work(repo, plain(), Map.of("g:base", "a".repeat(64))).hash();
    String b = work(repo, plain(), Map.of("g:base", "b".repeat(64))).hash();
    assertThat(List.of(none, a, b)).doesNotHaveDuplicates();
    Map<String, String> order1 = new LinkedHashMap<>();
    order1.put("g:x", "1");
    order1.put("g:y", "2");
    Map<String, String> order2 = new LinkedHashMap<>();
    order2.put("g:y", "2");
    order2.put("g:x", "1");
    assertThat(work(repo, plain(), order1)).isEqualTo(work(repo, plain(), order2));
  }

  @Test
  void buildArgsCountButNotTheirOrder() throws Exception {
    String none = work(repo, plain()).hash();
    ModuleInputs v1 =
        new ModuleInputs(
            "mod",
            "mod/Dockerfile",
            DockerIgnore.none(),
            List.of(),
            Map.of("V", "1"),
            Optional.empty());
    ModuleInputs v2 =
        new ModuleInputs(
            "mod",
            "mod/Dockerfile",
            DockerIgnore.none(),
            List.of(),
            Map.of("V", "2"),
            Optional.empty());
    assertThat(List.of(none, work(repo, v1).hash(), work(repo, v2).hash())).doesNotHaveDuplicates();
    Map<String, String> ab = new LinkedHashMap<>();
    ab.put("A", "1");
    ab.put("B", "2");
    Map<String, String> ba = new LinkedHashMap<>();
    ba.put("B", "2");
    ba.put("A", "1");
    assertThat(
            work(
                repo,
                new ModuleInputs(
                    "mod", "mod/Dockerfile", DockerIgnore.none(), List.of(), ab, Optional.empty())))
        .isEqualTo(
            work(
                repo,
                new ModuleInputs(
                    "mod",
                    "mod/Dockerfile",
                    DockerIgnore.none(),
                    List.of(),
                    ba,
                    Optional.empty())));
  }

  @Test
  void fileOrderOnDiskAndHistoryDoNotMatter() throws Exception {
    GitFixture other = GitFixture.init(tmp.resolve("other-order"));
    populate(other, true);
    other.commit("all at once, other order");
    GitFixture stepwise = GitFixture.init(tmp.resolve("stepwise"));
    stepwise.write("mod/src/b.txt", "b\n").write("mod/src/a.txt", "first version\n").commit("one");
    populate(stepwise, true);
    stepwise.commit("two");
    ModuleInputs in =
        new ModuleInputs(
            "mod",
            "mod/Dockerfile",
            DockerIgnore.parse("*.md"),
            List.of("lib"),
            Map.of("V", "1"),
            Optional.of(RebuildPatterns.parse("p", "^shared/\n")));
    InputHash expected = work(repo, in);
    assertThat(work(other, in)).isEqualTo(expected);
    assertThat(work(stepwise, in)).isEqualTo(expected);
    assertThat(commit(other, "HEAD", in)).isEqualTo(expected);
    assertThat(commit(stepwise, "HEAD", in)).isEqualTo(expected);
  }

  @Test
  void movingTheModuleAloneKeepsItsHash() throws Exception {
    String before = work(repo, plain()).hash();
    repo.mv("mod", "services/moved");
    repo.commit("move");
    ModuleInputs moved =
        new ModuleInputs(
            "services/moved",
            "services/moved/Dockerfile",
            DockerIgnore.none(),
            List.of(),
            Map.of(),
            Optional.empty());
    assertThat(work(repo, moved).hash()).isEqualTo(before);
  }

  @Test
  void contextAtTheRepositoryRoot() throws Exception {
    repo.write("Dockerfile", "FROM scratch\n");
    repo.commit("root dockerfile");
    ModuleInputs root =
        new ModuleInputs(
            "",
            "Dockerfile",
            DockerIgnore.none(),
            List.of(),
            Map.of(),
            Optional.of(RebuildPatterns.parse("p", "^shared/\n")));
    InputHash h = work(repo, root);
    assertThat(h.tree())
        .anyMatch(l -> l.endsWith(" other/unrelated.txt"))
        .noneMatch(l -> l.startsWith("extra "));
    repo.write("other/unrelated.txt", "x\n");
    assertThat(work(repo, root).hash()).isNotEqualTo(h.hash());
  }
}
