package dev.azbuild.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.azbuild.testing.GitFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ChangedFiles} must say exactly what {@code git diff --name-only --no-renames} says. */
class ChangedFilesTest {

  @TempDir static Path shared;
  @TempDir Path tmp;

  private static GitFixture template;
  private static String initial;
  private GitFixture repo;

  @BeforeAll
  static void createTemplate() {
    template = GitFixture.init(shared.resolve("template"));
    template
        .write("README.md", "readme\n")
        .write("mod/a.txt", "a\n")
        .write("mod/b.txt", "b\n")
        .write("mod/deep/er/c.txt", "c\n")
        .write("other/x.sh", "#!/bin/sh\necho x\n")
        .write("keep.txt", "keep\n");
    initial = template.commit("initial");
  }

  @BeforeEach
  void setUp() {
    repo = template.copyTo(tmp.resolve("repo"));
  }

  /**
   * between(base, head) as a set, and the same set git reports; also checks the list has no
   * duplicates.
   */
  private Set<String> between(String base, String head) throws GitException {
    try (GitRepo git = repo.open()) {
      List<String> list =
          ChangedFiles.between(git, ObjectId.fromString(base), ObjectId.fromString(head));
      assertThat(list).doesNotHaveDuplicates();
      Set<String> set = Set.copyOf(list);
      assertThat(set)
          .as("git diff --name-only --no-renames %s %s", base, head)
          .isEqualTo(repo.diffNames(base, head));
      return set;
    }
  }

  @Test
  void modificationsAdditionsAndDeletions() throws Exception {
    repo.write("mod/a.txt", "a changed\n").write("mod/new.txt", "new\n").rm("mod/b.txt");
    String head = repo.commit("edit");
    assertThat(between(initial, head))
        .containsExactlyInAnyOrder("mod/a.txt", "mod/new.txt", "mod/b.txt");
  }

  @Test
  void noChangeIsEmpty() throws Exception {
    String head = repo.commit("empty");
    assertThat(between(initial, head)).isEmpty();
    assertThat(between(initial, initial)).isEmpty();
  }

  @Test
  void reverseDirectionIsTheSameSet() throws Exception {
    repo.write("mod/a.txt", "a2\n").write("added.txt", "x\n").rm("keep.txt");
    String head = repo.commit("edit");
    assertThat(between(head, initial))
        .isEqualTo(between(initial, head))
        .containsExactlyInAnyOrder("mod/a.txt", "added.txt", "keep.txt");
  }

  @Test
  void renamesCountOnBothSides() throws Exception {
    repo.mv("mod/a.txt", "moved/elsewhere/a.txt").mv("mod/deep", "mod/shallow");
    String head = repo.commit("rename");
    assertThat(between(initial, head))
        .containsExactlyInAnyOrder(
            "mod/a.txt", "moved/elsewhere/a.txt", "mod/deep/er/c.txt", "mod/shallow/er/c.txt");
  }

  @Test
  void modeChangeCounts() throws Exception {
    repo.chmodExecutable("other/x.sh");
    String head = repo.commit("chmod +x");
    assertThat(repo.git("ls-files", "-s", "other/x.sh")).startsWith("100755");
    assertThat(between(initial, head)).containsExactly("other/x.sh");
  }

  @Test
  void symlinkAndTypeChanges() throws Exception {
    Files.createSymbolicLink(repo.path("link"), Path.of("keep.txt"));
    String withLink = repo.commit("symlink");
    assertThat(between(initial, withLink)).containsExactly("link");
    // a file replaced by a directory of the same name, and a symlink replaced by a file
    repo.delete("keep.txt")
        .write("keep.txt/inner.txt", "inner\n")
        .delete("link")
        .write("link", "now a file\n");
    String typeChanged = repo.commit("type changes");
    assertThat(between(withLink, typeChanged))
        .containsExactlyInAnyOrder("keep.txt", "keep.txt/inner.txt", "link");
  }

  @Test
  void mergesMeasuredFromTheMergeBase() throws Exception {
    repo.checkoutNew("feature");
    repo.write("mod/a.txt", "feature\n").write("feature-only.txt", "f\n");
    repo.commit("feature 1");
    repo.checkout("main");
    repo.write("other/x.sh", "main side\n").rm("keep.txt");
    String mainTip = repo.commit("main 1");
    repo.checkout("feature");
    String merged = repo.merge("main");
    repo.write("mod/deep/er/c.txt", "after merge\n");
    String feature = repo.commit("feature 2");

    String base = repo.mergeBase("feature", "main");
    assertThat(base).isEqualTo(mainTip);
    // after merging main, only the feature's own changes are left since the merge-base
    assertThat(between(base, feature))
        .containsExactlyInAnyOrder("mod/a.txt", "feature-only.txt", "mod/deep/er/c.txt");
    // the merge commit against its first parent brings main's changes
    assertThat(between(repo.revParse(merged + "^1"), merged))
        .containsExactlyInAnyOrder("other/x.sh", "keep.txt");
    // and against the initial commit: both sides
    assertThat(between(initial, feature))
        .containsExactlyInAnyOrder(
            "mod/a.txt", "feature-only.txt", "mod/deep/er/c.txt", "other/x.sh", "keep.txt");
  }

  @Test
  void awkwardPathNames() throws Exception {
    String[] names = {
      "with space/file name.txt",
      "ü.txt",
      "日本/x",
      "-rf/file",
      "--/--",
      "-leading.txt",
      "a/b/c/d/e/f/g.txt",
      "quote'and\"double.txt",
      "tab\tin name",
      "back\\slash",
      "star*?.txt",
      "trailing space /x",
      "#hash",
      "e\u0301.txt",
      "mod0",
      "mod.txt",
      "mod-x/y"
    };
    for (String name : names) {
      repo.write(name, name + "\n");
    }
    String added = repo.commit("awkward names");
    assertThat(between(initial, added)).containsExactlyInAnyOrder(names);

    repo.write("ü.txt", "changed\n").rm("日本/x").mv("-rf/file", "with space/-rf moved");
    String changed = repo.commit("edit awkward names");
    assertThat(between(added, changed))
        .containsExactlyInAnyOrder("ü.txt", "日本/x", "-rf/file", "with space/-rf moved");
  }

  @Test
  void nestedDirectoriesAreListedAsFiles() throws Exception {
    repo.write("n1/n2/n3/n4/leaf.txt", "x\n").write("n1/n2/sibling.txt", "y\n").rm("mod");
    String head = repo.commit("nest");
    assertThat(between(initial, head))
        .containsExactlyInAnyOrder(
            "n1/n2/n3/n4/leaf.txt",
            "n1/n2/sibling.txt",
            "mod/a.txt",
            "mod/b.txt",
            "mod/deep/er/c.txt");
  }

  // ---- the work tree ----

  /**
   * Changes since base including the work tree, read through the git command and with JGit alike.
   */
  private Set<String> sinceWithWorkTree(String base) throws GitException {
    Set<String> cli = sinceWithWorkTree(base, GitRepo.Backend.AUTO);
    assertThat(cli)
        .as("git command vs JGit")
        .isEqualTo(sinceWithWorkTree(base, GitRepo.Backend.JGIT));
    return cli;
  }

  private Set<String> sinceWithWorkTree(String base, GitRepo.Backend backend) throws GitException {
    try (GitRepo git = repo.open(backend)) {
      assertThat(git.cli().isPresent()).isEqualTo(backend == GitRepo.Backend.AUTO);
      List<String> list = ChangedFiles.since(git, ObjectId.fromString(base), Optional.empty());
      assertThat(list).doesNotHaveDuplicates().isSorted();
      return Set.copyOf(list);
    }
  }

  @Test
  void workTreeCountsStagedUnstagedUntrackedAndDeletedButNotIgnored() throws Exception {
    repo.write(".gitignore", "*.log\nbuild/\n/target\n");
    repo.write("mod/a.txt", "committed change\n");
    String head = repo.commit("ignore rules");

    repo.write("mod/b.txt", "staged\n").stage("mod/b.txt"); // staged modification
    repo.write("mod/deep/er/c.txt", "unstaged\n"); // unstaged modification
    repo.write("untracked.txt", "u\n").write("newdir/sub/u2.txt", "u2\n"); // untracked, also nested
    repo.write("staged-new.txt", "s\n").stage("staged-new.txt"); // staged addition
    repo.delete("keep.txt"); // deleted, not staged
    repo.rm("README.md"); // deleted, staged
    repo.write("debug.log", "ignored\n")
        .write("build/out.bin", "ignored\n") // ignored
        .write("mod/nested.log", "ignored\n")
        .write("target/classes/A.class", "ignored\n");

    Set<String> expected =
        Set.of(
            ".gitignore",
            "mod/a.txt",
            "mod/b.txt",
            "mod/deep/er/c.txt",
            "untracked.txt",
            "newdir/sub/u2.txt",
            "staged-new.txt",
            "keep.txt",
            "README.md");
    assertThat(sinceWithWorkTree(initial))
        .isEqualTo(expected)
        .isEqualTo(repo.workTreeChangesSince(initial));
    // since HEAD: only what is not committed yet
    assertThat(sinceWithWorkTree(head))
        .isEqualTo(repo.workTreeChangesSince(head))
        .containsExactlyInAnyOrder(
            "mod/b.txt",
            "mod/deep/er/c.txt",
            "untracked.txt",
            "newdir/sub/u2.txt",
            "staged-new.txt",
            "keep.txt",
            "README.md");
  }

  @Test
  void cleanWorkTreeSinceHeadIsEmpty() throws Exception {
    repo.write("mod/a.txt", "x\n");
    String head = repo.commit("c");
    assertThat(sinceWithWorkTree(head)).isEmpty();
    assertThat(sinceWithWorkTree(initial)).containsExactly("mod/a.txt");
  }

  @Test
  void trackedFileMatchingGitignoreStillCounts() throws Exception {
    repo.write(".gitignore", "*.gen\n").write("forced.gen", "v1\n");
    repo.git("add", "-f", "forced.gen");
    String head = repo.commit("force-add");
    repo.write("forced.gen", "v2 with another length\n").write("other.gen", "ignored\n");
    assertThat(sinceWithWorkTree(head))
        .containsExactly("forced.gen")
        .isEqualTo(repo.workTreeChangesSince(head));
  }

  @Test
  void unstagedChmodAndRenameInWorkTree() throws Exception {
    repo.chmodExecutable("other/x.sh");
    Files.move(
        repo.path("mod/a.txt"),
        repo.path("mod/renamed.txt")); // unstaged rename: delete + untracked
    assertThat(sinceWithWorkTree(initial))
        .isEqualTo(repo.workTreeChangesSince(initial))
        .containsExactlyInAnyOrder("other/x.sh", "mod/a.txt", "mod/renamed.txt");
  }

  @Test
  void racilyCleanSameSizeEditIsSeen() throws Exception {
    // racy git: the file was written in the same clock tick as the index, then edited keeping size
    // and
    // mtime; only a content check can see it (git does one, so must we)
    String head = racilyCleanEdit(repo);
    assertThat(repo.workTreeChangesSince(head)).containsExactly("mod/a.txt");
    assertThat(sinceWithWorkTree(head)).containsExactly("mod/a.txt");
  }

  @Test
  void sameSizeEditWithRestoredMtimeIsSeen() throws Exception {
    // not racy (the index is newer than the file): mtime and size match the index entry; git also
    // compares ctime and sees the entry as stat-dirty, and the JGit reader hashes files whose ctime
    // is not older than the index, so both see the edit
    Path file = repo.path("mod/a.txt");
    var old = java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 3_600_000L);
    Files.setLastModifiedTime(file, old);
    String head = repo.commit("c");
    nextSecond(); // git compares ctime in whole seconds (nanoseconds only when built with USE_NSEC)
    repo.write("mod/a.txt", "B\n"); // same size as "a\n"
    Files.setLastModifiedTime(file, old);
    assertThat(repo.workTreeChangesSince(head)).containsExactly("mod/a.txt");
    assertThat(sinceWithWorkTree(head)).containsExactly("mod/a.txt");
  }

  @Test
  void stagedThenRevertedInTheWorkTreeIsNoChange() throws Exception {
    // status lists the path (index differs from HEAD and from the work tree), but the work tree
    // holds HEAD's content
    repo.write("mod/a.txt", "staged\n").stage("mod/a.txt").write("mod/a.txt", "a\n");
    assertThat(sinceWithWorkTree(initial)).isEmpty();
    // an intent-to-add entry (git add -N) is in the index with no content yet: the file counts as
    // new
    repo.write("intent.txt", "i\n");
    repo.git("add", "-N", "intent.txt");
    assertThat(sinceWithWorkTree(initial)).containsExactly("intent.txt");
  }

  /**
   * Commits mod/a.txt = "A" with the index's mtime equal to the file's, then edits it to "B"
   * keeping the mtime.
   */
  static String racilyCleanEdit(GitFixture repo) throws java.io.IOException {
    Path file = repo.path("mod/a.txt");
    var tick =
        java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() / 1000 * 1000);
    repo.write("mod/a.txt", "A\n");
    Files.setLastModifiedTime(file, tick);
    String head = repo.commit("c");
    Files.setLastModifiedTime(repo.path(".git/index"), tick);
    repo.write("mod/a.txt", "B\n");
    Files.setLastModifiedTime(file, tick);
    return head;
  }

  /**
   * Waits until the clock's second changes, so a file written now gets another ctime second than
   * the index entry.
   */
  static void nextSecond() throws InterruptedException {
    long second = System.currentTimeMillis() / 1000;
    while (System.currentTimeMillis() / 1000 == second) {
      Thread.sleep(20);
    }
  }
}
