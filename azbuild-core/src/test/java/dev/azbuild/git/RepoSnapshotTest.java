package dev.azbuild.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.azbuild.testing.GitFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepoSnapshotTest {

  @TempDir static Path shared;
  @TempDir Path tmp;

  private static GitFixture template;
  private static String head;
  private GitFixture repo;

  @BeforeEach
  void setUp() {
    repo = template.copyTo(tmp.resolve("repo"));
  }

  @BeforeAll
  static void createTemplate() {
    template = GitFixture.init(shared.resolve("template"));
    template
        .write(".gitignore", "*.log\n/build/\n")
        .write("mod/a.txt", "a\n")
        .write("mod/sub/b.txt", "b\n")
        .write("mod.txt", "sibling file\n")
        .write("mod-x/y.txt", "dash dir\n")
        .write("mod0/z.txt", "zero dir\n")
        .write("modx/w.txt", "x dir\n")
        .write("ü/ä.txt", "unicode\n")
        .write("with space/f.txt", "space\n");
    head = template.commit("initial");
  }

  /** path -> "mode id" as {@code git ls-files -s} shows them. */
  private Map<String, String> lsFiles() {
    Map<String, String> result = new LinkedHashMap<>();
    for (String line : repo.git("ls-files", "-s", "-z").split("\0")) {
      if (line.isEmpty()) {
        continue;
      }
      String[] meta = line.substring(0, line.indexOf('\t')).split(" ");
      result.put(line.substring(line.indexOf('\t') + 1), meta[0] + " " + meta[1]);
    }
    return result;
  }

  private static Map<String, String> entries(RepoSnapshot s) {
    Map<String, String> result = new LinkedHashMap<>();
    for (int i = 0; i < s.size(); i++) {
      result.put(s.path(i), RepoSnapshot.modeString(s.mode(i)) + " " + s.id(i).name());
    }
    return result;
  }

  @Test
  void cleanWorkTreeEqualsTheCommitAndGitLsFiles() throws Exception {
    try (GitRepo git = repo.open()) {
      RepoSnapshot work = RepoSnapshot.ofWorkingTree(git);
      RepoSnapshot commit = RepoSnapshot.ofCommit(git, ObjectId.fromString(head));
      assertThat(entries(work)).isEqualTo(entries(commit)).isEqualTo(lsFiles());
      assertThat(RepoSnapshot.changedPaths(commit, work)).isEmpty();
    }
  }

  @Test
  void pathsAreSorted() throws Exception {
    try (GitRepo git = repo.open()) {
      RepoSnapshot s = RepoSnapshot.ofWorkingTree(git);
      List<String> paths = new ArrayList<>();
      for (int i = 0; i < s.size(); i++) {
        paths.add(s.path(i));
      }
      assertThat(paths).isSorted().doesNotHaveDuplicates();
    }
  }

  @Test
  void workTreeHasUntrackedNotIgnoredAndNotDeleted() throws Exception {
    repo.write("mod/new.txt", "new\n")
        .write("x.log", "ignored\n")
        .write("build/out/a.txt", "ignored\n");
    repo.write("mod/a.txt", "modified\n");
    repo.delete("mod/sub/b.txt");
    try (GitRepo git = repo.open()) {
      RepoSnapshot work = RepoSnapshot.ofWorkingTree(git);
      assertThat(work.indexOf("mod/new.txt")).isNotNegative();
      assertThat(work.indexOf("x.log")).isEqualTo(-1);
      assertThat(work.indexOf("build/out/a.txt")).isEqualTo(-1);
      assertThat(work.indexOf("mod/sub/b.txt")).isEqualTo(-1);
      assertThat(work.id(work.indexOf("mod/new.txt")).name())
          .isEqualTo(repo.git("hash-object", "mod/new.txt").strip());
      assertThat(work.id(work.indexOf("mod/a.txt")).name())
          .isEqualTo(repo.git("hash-object", "mod/a.txt").strip());
      RepoSnapshot commit = RepoSnapshot.ofCommit(git, ObjectId.fromString(head));
      assertThat(RepoSnapshot.changedPaths(commit, work))
          .containsExactly("mod/a.txt", "mod/new.txt", "mod/sub/b.txt");
    }
  }

  @Test
  void rangeUnderADirectoryExcludesLookalikeSiblings() throws Exception {
    try (GitRepo git = repo.open()) {
      RepoSnapshot s = RepoSnapshot.ofWorkingTree(git);
      assertThat(pathsIn(s, s.rangeUnder("mod"))).containsExactly("mod/a.txt", "mod/sub/b.txt");
      assertThat(pathsIn(s, s.rangeUnder("mod/sub"))).containsExactly("mod/sub/b.txt");
      assertThat(pathsIn(s, s.rangeUnder("ü"))).containsExactly("ü/ä.txt");
      assertThat(pathsIn(s, s.rangeUnder("missing"))).isEmpty();
      assertThat(pathsIn(s, s.rangeUnder(""))).hasSize(s.size()).hasSize(repo.tracked().size());
    }
  }

  private static List<String> pathsIn(RepoSnapshot s, int[] range) {
    List<String> result = new ArrayList<>();
    for (int i = range[0]; i < range[1]; i++) {
      result.add(s.path(i));
    }
    return result;
  }

  @Test
  void notAGitRepositorySaysSo() {
    Path plain = tmp.resolve("plain");
    plain.toFile().mkdirs();
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> GitRepo.open(plain)))
        .isInstanceOf(GitException.class)
        .hasMessageContaining(plain.toString())
        .hasMessageContaining("not inside a git repository");
  }

  // ---- the git command and JGit read the same state ----

  /**
   * Snapshots and uncommitted changes through the git command equal JGit's (the reference), and
   * git's own view.
   */
  private RepoSnapshot sameWithBothBackends() throws Exception {
    return sameWithBothBackends(java.util.Set.of());
  }

  /**
   * As above, except for paths where the git command is right and JGit's walk is not (compared
   * apart by the caller).
   */
  private RepoSnapshot sameWithBothBackends(java.util.Set<String> jgitDiffers) throws Exception {
    RepoSnapshot cli;
    try (GitRepo git = repo.open(GitRepo.Backend.AUTO);
        GitRepo jgit = repo.open(GitRepo.Backend.JGIT)) {
      assertThat(git.cli()).as("git is on the PATH of the test machine").isPresent();
      assertThat(jgit.cli()).isEmpty();
      cli = RepoSnapshot.ofWorkingTree(git);
      Map<String, String> cliEntries = entries(cli);
      Map<String, String> jgitEntries = entries(RepoSnapshot.ofWorkingTree(jgit));
      cliEntries.keySet().removeAll(jgitDiffers);
      jgitEntries.keySet().removeAll(jgitDiffers);
      assertThat(cliEntries).as("work tree: git command vs JGit").isEqualTo(jgitEntries);
      ObjectId commit = ObjectId.fromString(repo.head());
      assertThat(entries(RepoSnapshot.ofCommit(git, commit)))
          .as("commit: git command vs JGit")
          .isEqualTo(entries(RepoSnapshot.ofCommit(jgit, commit)))
          .isEqualTo(lsTree(repo.head()));
      List<String> jgitUncommitted = new ArrayList<>(ChangedFiles.uncommitted(jgit));
      jgitUncommitted.removeAll(jgitDiffers);
      List<String> cliUncommitted = new ArrayList<>(ChangedFiles.uncommitted(git));
      cliUncommitted.removeAll(jgitDiffers);
      assertThat(cliUncommitted).as("uncommitted: git command vs JGit").isEqualTo(jgitUncommitted);
    }
    return cli;
  }

  private Map<String, String> lsTree(String commit) {
    Map<String, String> result = new LinkedHashMap<>();
    for (String line : repo.git("ls-tree", "-r", "-z", "--full-tree", commit).split("\0")) {
      if (!line.isEmpty()) {
        String[] meta = line.substring(0, line.indexOf('\t')).split(" ");
        result.put(line.substring(line.indexOf('\t') + 1), meta[0] + " " + meta[2]);
      }
    }
    return result;
  }

  @Test
  void gitCommandAndJGitAgreeOnACleanCheckout() throws Exception {
    RepoSnapshot s = sameWithBothBackends();
    assertThat(entries(s)).isEqualTo(lsFiles());
  }

  @Test
  void gitCommandAndJGitAgreeOnEveryKindOfChange() throws Exception {
    repo.write("mod/a.txt", "modified, longer\n") // unstaged
        .write("mod/sub/b.txt", "staged\n")
        .stage("mod/sub/b.txt") // staged
        .write("mod.txt", "staged\n")
        .stage("mod.txt")
        .write("mod.txt", "sibling file\n") // staged, reverted on disk
        .write("mod/new.txt", "untracked\n")
        .write("deep/er/still/new.txt", "untracked, nested\n")
        .write("x.log", "ignored\n")
        .write("build/out/a.txt", "ignored\n")
        .write("staged-new.txt", "s\n")
        .stage("staged-new.txt")
        .rm("mod-x/y.txt") // staged deletion
        .delete("mod0/z.txt") // unstaged deletion
        .write("ü/ä.txt", "unicode, edited\n")
        .write("with space/f.txt", "space, edited\n")
        .write("with space/new file.txt", "new\n")
        .write("new\nline.txt", "newline in the name\n")
        .write("tab\there.txt", "tab in the name\n")
        .write("日本/ファイル.txt", "CJK\n")
        .write("-dash.txt", "leading dash\n")
        .chmodExecutable("modx/w.txt"); // mode change only
    repo.git("rm", "-q", "--cached", "with space/f.txt"); // staged deletion, file kept on disk
    RepoSnapshot s = sameWithBothBackends();
    assertThat(s.indexOf("new\nline.txt")).isNotNegative();
    assertThat(s.indexOf("mod0/z.txt")).isEqualTo(-1);
    assertThat(s.indexOf("x.log")).isEqualTo(-1);
    assertThat(RepoSnapshot.modeString(s.mode(s.indexOf("modx/w.txt")))).isEqualTo("100755");
    assertThat(s.id(s.indexOf("日本/ファイル.txt")).name())
        .isEqualTo(repo.git("hash-object", "日本/ファイル.txt").strip());
    try (GitRepo git = repo.open()) {
      assertThat(ChangedFiles.uncommitted(git))
          .containsExactlyInAnyOrder(
              "mod/a.txt",
              "mod/sub/b.txt",
              "mod/new.txt",
              "deep/er/still/new.txt",
              "staged-new.txt",
              "mod-x/y.txt",
              "mod0/z.txt",
              "ü/ä.txt",
              "with space/f.txt",
              "with space/new file.txt",
              "new\nline.txt",
              "tab\there.txt",
              "日本/ファイル.txt",
              "-dash.txt",
              "modx/w.txt");
    }
  }

  @Test
  void gitCommandAndJGitAgreeOnSymlinks() throws Exception {
    Files.createSymbolicLink(repo.path("link"), Path.of("mod.txt"));
    Files.createSymbolicLink(repo.path("dirlink"), Path.of("mod"));
    repo.commit("links");
    Files.delete(repo.path("link"));
    Files.createSymbolicLink(repo.path("link"), Path.of("mod0/z.txt")); // retargeted
    Files.createSymbolicLink(repo.path("newlink"), Path.of("missing")); // new, dangling
    RepoSnapshot s = sameWithBothBackends();
    assertThat(RepoSnapshot.modeString(s.mode(s.indexOf("link")))).isEqualTo("120000");
    assertThat(s.id(s.indexOf("link")).name())
        .as("a symlink's blob is its target")
        .isEqualTo(blobIdOf("mod0/z.txt"));
    assertThat(s.indexOf("dirlink/a.txt"))
        .as("git does not follow a symlinked directory")
        .isEqualTo(-1);
  }

  private static String blobIdOf(String content) {
    return new org.eclipse.jgit.lib.ObjectInserter.Formatter()
        .idFor(
            org.eclipse.jgit.lib.Constants.OBJ_BLOB,
            content.getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .name();
  }

  @Test
  void gitCommandAndJGitAgreeOnSubmodulesAndNestedClones() throws Exception {
    GitFixture lib = GitFixture.init(tmp.resolve("lib"));
    String libFirst = lib.write("lib.txt", "1\n").commit("lib 1");
    String libSecond = lib.write("lib.txt", "2\n").commit("lib 2");
    repo.git("submodule", "add", "-q", lib.url(), "libs/lib");
    repo.git("-C", "libs/lib", "checkout", "-q", libFirst);
    repo.stageAll();
    // an uninitialized submodule (a CI checkout without --recursive): a gitlink in the index, an
    // empty directory
    repo.git("update-index", "--add", "--cacheinfo", "160000," + libSecond + ",libs/empty");
    Files.createDirectories(repo.path("libs/empty"));
    repo.commitStaged("submodules");
    // JGit's walk takes the empty directory for a deletion of the gitlink; git status (and the
    // commit) keep it
    RepoSnapshot clean = sameWithBothBackends(java.util.Set.of("libs/empty"));
    assertThat(clean.id(clean.indexOf("libs/empty")).name()).isEqualTo(libSecond);
    try (GitRepo git = repo.open()) {
      assertThat(ChangedFiles.uncommitted(git)).isEmpty();
    }

    repo.git("-C", "libs/lib", "checkout", "-q", libSecond); // submodule moved, not staged
    repo.write("libs/lib/untracked-inside.txt", "dirty submodule content does not count\n");
    GitFixture.init(repo.path("nested"))
        .write("n.txt", "n\n")
        .commit("nested"); // an untracked nested clone
    // JGit's walk keeps the index's commit for a moved submodule; git (status, diff) sees the
    // checked-out one,
    // which is what the image would be built from
    RepoSnapshot s = sameWithBothBackends(java.util.Set.of("libs/empty", "libs/lib"));
    assertThat(s.id(s.indexOf("libs/lib")).name()).isEqualTo(libSecond);
    assertThat(s.indexOf("nested")).isNotNegative();
    try (GitRepo git = repo.open()) {
      assertThat(ChangedFiles.uncommitted(git)).containsExactly("libs/lib", "nested");
    }
    assertThat(repo.git("diff", "--name-only", "HEAD").strip()).isEqualTo("libs/lib");
    assertThat(RepoSnapshot.modeString(s.mode(s.indexOf("libs/lib")))).isEqualTo("160000");
    assertThat(s.id(s.indexOf("libs/empty")).name()).isEqualTo(libSecond);
  }

  @Test
  void gitCommandSeesARacilyCleanEdit() throws Exception {
    // racy git: file and index written in the same second, then a same-size edit keeping the mtime
    ChangedFilesTest.racilyCleanEdit(repo);
    RepoSnapshot s = sameWithBothBackends();
    assertThat(s.id(s.indexOf("mod/a.txt")).name()).isEqualTo(blobIdOf("B\n"));
  }

  @Test
  void sameSizeEditWithRestoredMtimeChangesTheSnapshotThroughTheGitCommand() throws Exception {
    Path file = repo.path("mod/a.txt");
    var old = java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 3_600_000L);
    Files.setLastModifiedTime(file, old);
    repo.commit("c");
    ChangedFilesTest
        .nextSecond(); // git compares ctime in whole seconds (nanoseconds only when built with
    // USE_NSEC)
    repo.write("mod/a.txt", "b\n"); // same size as "a\n"
    Files.setLastModifiedTime(file, old);
    try (GitRepo git = repo.open()) {
      RepoSnapshot s = RepoSnapshot.ofWorkingTree(git);
      assertThat(s.id(s.indexOf("mod/a.txt")).name()).isEqualTo(blobIdOf("b\n"));
    }
  }

  @Test
  void unknownBackendIsAOneLineError() {
    assertThat(
            org.assertj.core.api.Assertions.catchThrowable(
                () -> GitRepo.Backend.parse("svn", "azbuild.git")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("azbuild.git=svn")
        .hasMessageContaining("auto")
        .hasMessageContaining("jgit");
    assertThat(GitRepo.Backend.parse(" jgit ", "azbuild.git")).isEqualTo(GitRepo.Backend.JGIT);
    assertThat(GitRepo.Backend.parse(null, "azbuild.git")).isEqualTo(GitRepo.Backend.AUTO);
  }
}
