package dev.azbuild.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.azbuild.testing.GitFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One suite for both ways of reading a repository ({@link SnapshotReader}): every case runs with
 * the git command ({@code AUTO}) and with JGit ({@code JGIT}), and the oracle is git itself: {@code
 * git ls-files -s} after {@code git add -A} in a copy of the repository (the work tree as git sees
 * it), {@code git ls-tree} (a commit), {@code git diff} plus untracked files (what is uncommitted).
 */
class RepoSnapshotTest {

  @TempDir static Path shared;
  @TempDir Path tmp;

  private static GitFixture template;
  private static String head;
  private GitFixture repo;
  private int copies;

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

  // ---- the oracle: git's own output ----

  /** path -> "mode id" as {@code git ls-files -s} shows them. */
  private static Map<String, String> lsFiles(GitFixture repo) {
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

  /**
   * The work tree as git sees it: what {@code git add -A} would stage, in a copy so the repository
   * under test keeps its index.
   */
  private Map<String, String> gitWorkTree() {
    GitFixture copy = repo.copyTo(tmp.resolve("oracle-" + copies++));
    copy.git("add", "-A");
    return lsFiles(copy);
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

  private static Map<String, String> entries(RepoSnapshot s) {
    Map<String, String> result = new LinkedHashMap<>();
    for (int i = 0; i < s.size(); i++) {
      result.put(s.path(i), RepoSnapshot.modeString(s.mode(i)) + " " + s.id(i).name());
    }
    return result;
  }

  private static String blobIdOf(String content) {
    return new ObjectInserter.Formatter()
        .idFor(Constants.OBJ_BLOB, content.getBytes(StandardCharsets.UTF_8))
        .name();
  }

  private GitRepo open(GitRepo.Backend backend) throws GitException {
    GitRepo git = repo.open(backend);
    assertThat(git.cli().isPresent())
        .as("git is on the PATH of the test machine; JGIT never uses it")
        .isEqualTo(backend == GitRepo.Backend.AUTO);
    return git;
  }

  /**
   * The backend's work tree, commit and uncommitted paths, each equal to git's own; returns the
   * work tree.
   */
  private RepoSnapshot asGitSeesIt(GitRepo.Backend backend) throws Exception {
    try (GitRepo git = open(backend)) {
      RepoSnapshot work = RepoSnapshot.ofWorkingTree(git);
      assertThat(entries(work))
          .as("work tree (%s) vs git add -A", backend)
          .isEqualTo(gitWorkTree());
      assertThat(entries(RepoSnapshot.ofCommit(git, ObjectId.fromString(repo.head()))))
          .as("commit (%s) vs git ls-tree", backend)
          .isEqualTo(lsTree(repo.head()));
      assertThat(ChangedFiles.uncommitted(git))
          .as("uncommitted (%s) vs git diff HEAD + untracked", backend)
          .containsExactlyInAnyOrderElementsOf(
              repo.workTreeChangesSince(repo.head()).stream()
                  .map(p -> p.endsWith("/") ? p.substring(0, p.length() - 1) : p) // nested clones
                  .toList());
      return work;
    }
  }

  // ---- the cases ----

  @ParameterizedTest
  @EnumSource(GitRepo.Backend.class)
  void cleanWorkTreeEqualsTheCommitAndGitLsFiles(GitRepo.Backend backend) throws Exception {
    try (GitRepo git = open(backend)) {
      RepoSnapshot work = RepoSnapshot.ofWorkingTree(git);
      RepoSnapshot commit = RepoSnapshot.ofCommit(git, ObjectId.fromString(head));
      assertThat(entries(work)).isEqualTo(entries(commit)).isEqualTo(lsFiles(repo));
      assertThat(RepoSnapshot.changedPaths(commit, work)).isEmpty();
    }
    asGitSeesIt(backend);
  }

  @ParameterizedTest
  @EnumSource(GitRepo.Backend.class)
  void pathsAreSorted(GitRepo.Backend backend) throws Exception {
    repo.write("Z-upper.txt", "z\n").write("a-lower/x.txt", "x\n").write("mod/0.txt", "0\n");
    try (GitRepo git = open(backend)) {
      RepoSnapshot s = RepoSnapshot.ofWorkingTree(git);
      List<String> paths = new ArrayList<>();
      for (int i = 0; i < s.size(); i++) {
        paths.add(s.path(i));
      }
      assertThat(paths).isSorted().doesNotHaveDuplicates();
    }
  }

  @ParameterizedTest
  @EnumSource(GitRepo.Backend.class)
  void workTreeHasUntrackedNotIgnoredAndNotDeleted(GitRepo.Backend backend) throws Exception {
    repo.write("mod/new.txt", "new\n")
        .write("x.log", "ignored\n")
        .write("build/out/a.txt", "ignored\n");
    repo.write("mod/a.txt", "modified\n");
    repo.delete("mod/sub/b.txt");
    RepoSnapshot work = asGitSeesIt(backend);
    assertThat(work.indexOf("mod/new.txt")).isNotNegative();
    assertThat(work.indexOf("x.log")).isEqualTo(-1);
    assertThat(work.indexOf("build/out/a.txt")).isEqualTo(-1);
    assertThat(work.indexOf("mod/sub/b.txt")).isEqualTo(-1);
    assertThat(work.id(work.indexOf("mod/new.txt")).name())
        .isEqualTo(repo.git("hash-object", "mod/new.txt").strip());
    try (GitRepo git = open(backend)) {
      RepoSnapshot commit = RepoSnapshot.ofCommit(git, ObjectId.fromString(head));
      assertThat(RepoSnapshot.changedPaths(commit, work))
          .containsExactly("mod/a.txt", "mod/new.txt", "mod/sub/b.txt");
    }
  }

  @ParameterizedTest
  @EnumSource(GitRepo.Backend.class)
  void rangeUnderADirectoryExcludesLookalikeSiblings(GitRepo.Backend backend) throws Exception {
    try (GitRepo git = open(backend)) {
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

  @ParameterizedTest
  @EnumSource(GitRepo.Backend.class)
  void notAGitRepositorySaysSo(GitRepo.Backend backend) {
    Path plain = tmp.resolve("plain");
    plain.toFile().mkdirs();
    assertThat(catchThrowable(() -> GitRepo.open(plain, backend)))
        .isInstanceOf(GitException.class)
        .hasMessageContaining(plain.toString())
        .hasMessageContaining("not inside a git repository");
  }

  @ParameterizedTest
  @EnumSource(GitRepo.Backend.class)
  void everyKindOfChange(GitRepo.Backend backend) throws Exception {
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
    RepoSnapshot s = asGitSeesIt(backend);
    assertThat(s.indexOf("new\nline.txt")).isNotNegative();
    assertThat(s.indexOf("mod0/z.txt")).isEqualTo(-1);
    assertThat(s.indexOf("x.log")).isEqualTo(-1);
    assertThat(RepoSnapshot.modeString(s.mode(s.indexOf("modx/w.txt")))).isEqualTo("100755");
    assertThat(s.id(s.indexOf("日本/ファイル.txt")).name())
        .isEqualTo(repo.git("hash-object", "日本/ファイル.txt").strip());
    try (GitRepo git = open(backend)) {
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

  @ParameterizedTest
  @EnumSource(GitRepo.Backend.class)
  void symlinks(GitRepo.Backend backend) throws Exception {
    Files.createSymbolicLink(repo.path("link"), Path.of("mod.txt"));
    Files.createSymbolicLink(repo.path("dirlink"), Path.of("mod"));
    repo.commit("links");
    Files.delete(repo.path("link"));
    Files.createSymbolicLink(repo.path("link"), Path.of("mod0/z.txt")); // retargeted
    Files.createSymbolicLink(repo.path("newlink"), Path.of("missing")); // new, dangling
    RepoSnapshot s = asGitSeesIt(backend);
    assertThat(RepoSnapshot.modeString(s.mode(s.indexOf("link")))).isEqualTo("120000");
    assertThat(s.id(s.indexOf("link")).name())
        .as("a symlink's blob is its target")
        .isEqualTo(blobIdOf("mod0/z.txt"));
    assertThat(s.indexOf("dirlink/a.txt"))
        .as("git does not follow a symlinked directory")
        .isEqualTo(-1);
  }

  @ParameterizedTest
  @EnumSource(GitRepo.Backend.class)
  void submodulesAreTheirCheckedOutCommitAndUninitializedOnesTheIndexs(GitRepo.Backend backend)
      throws Exception {
    GitFixture lib = GitFixture.init(tmp.resolve("lib"));
    String libFirst = lib.write("lib.txt", "1\n").commit("lib 1");
    String libSecond = lib.write("lib.txt", "2\n").commit("lib 2");
    repo.git("submodule", "add", "-q", lib.url(), "libs/lib");
    repo.git("-C", "libs/lib", "checkout", "-q", libFirst);
    repo.stageAll();
    // an uninitialized submodule (a CI checkout without --recursive): a gitlink in the index, an
    // empty directory; git status (and the commit) keep it, so must the snapshot
    repo.git("update-index", "--add", "--cacheinfo", "160000," + libSecond + ",libs/empty");
    Files.createDirectories(repo.path("libs/empty"));
    repo.commitStaged("submodules");
    RepoSnapshot clean = asGitSeesIt(backend);
    assertThat(clean.id(clean.indexOf("libs/empty")).name()).isEqualTo(libSecond);
    assertThat(clean.id(clean.indexOf("libs/lib")).name()).isEqualTo(libFirst);

    repo.git("-C", "libs/lib", "checkout", "-q", libSecond); // submodule moved, not staged
    repo.write("libs/lib/untracked-inside.txt", "dirty submodule content does not count\n");
    GitFixture.init(repo.path("nested"))
        .write("n.txt", "n\n")
        .commit("nested"); // an untracked nested clone
    // the moved submodule is its checked-out commit: what the image would be built from
    RepoSnapshot s = asGitSeesIt(backend);
    assertThat(s.id(s.indexOf("libs/lib")).name()).isEqualTo(libSecond);
    assertThat(RepoSnapshot.modeString(s.mode(s.indexOf("libs/lib")))).isEqualTo("160000");
    assertThat(s.indexOf("nested")).isNotNegative();
    assertThat(s.id(s.indexOf("libs/empty")).name()).isEqualTo(libSecond);
    try (GitRepo git = open(backend)) {
      assertThat(ChangedFiles.uncommitted(git)).containsExactly("libs/lib", "nested");
    }
  }

  @ParameterizedTest
  @EnumSource(GitRepo.Backend.class)
  void aRacilyCleanEditIsSeen(GitRepo.Backend backend) throws Exception {
    // racy git: file and index written in the same second, then a same-size edit keeping the mtime
    ChangedFilesTest.racilyCleanEdit(repo);
    RepoSnapshot s = asGitSeesIt(backend);
    assertThat(s.id(s.indexOf("mod/a.txt")).name()).isEqualTo(blobIdOf("B\n"));
  }

  @ParameterizedTest
  @EnumSource(GitRepo.Backend.class)
  void aSameSizeEditWithRestoredMtimeIsSeen(GitRepo.Backend backend) throws Exception {
    // not racy (the index is newer than the file): mtime and size match the index entry; only the
    // ctime, which the edit moved, says the file changed (git compares it; the JGit reader hashes
    // files whose ctime is not older than the index)
    Path file = repo.path("mod/a.txt");
    FileTime old = FileTime.fromMillis(System.currentTimeMillis() - 3_600_000L);
    Files.setLastModifiedTime(file, old);
    repo.commit("c");
    ChangedFilesTest.nextSecond(); // git compares ctime in whole seconds (ns only with USE_NSEC)
    repo.write("mod/a.txt", "b\n"); // same size as "a\n"
    Files.setLastModifiedTime(file, old);
    try (GitRepo git = open(backend)) {
      RepoSnapshot s = RepoSnapshot.ofWorkingTree(git);
      assertThat(s.id(s.indexOf("mod/a.txt")).name()).isEqualTo(blobIdOf("b\n"));
      assertThat(ChangedFiles.uncommitted(git)).containsExactly("mod/a.txt");
    }
  }

  @Test
  void bothBackendsGiveTheSameSnapshot() throws Exception {
    repo.write("mod/a.txt", "edited\n").write("untracked.txt", "u\n").delete("mod0/z.txt");
    Map<String, RepoSnapshot> byBackend = new LinkedHashMap<>();
    for (GitRepo.Backend backend : GitRepo.Backend.values()) {
      try (GitRepo git = open(backend)) {
        byBackend.put(backend.name(), RepoSnapshot.ofWorkingTree(git));
      }
    }
    assertThat(entries(byBackend.get("AUTO"))).isEqualTo(entries(byBackend.get("JGIT")));
    assertThat(Set.copyOf(byBackend.keySet())).hasSize(2);
  }

  @Test
  void unknownBackendIsAOneLineError() {
    assertThat(catchThrowable(() -> GitRepo.Backend.parse("svn", "azbuild.git")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("azbuild.git=svn")
        .hasMessageContaining("auto")
        .hasMessageContaining("jgit");
    assertThat(GitRepo.Backend.parse(" jgit ", "azbuild.git")).isEqualTo(GitRepo.Backend.JGIT);
    assertThat(GitRepo.Backend.parse(null, "azbuild.git")).isEqualTo(GitRepo.Backend.AUTO);
  }
}
