package dev.azbuild.change;

import static org.assertj.core.api.Assertions.assertThat;

import dev.azbuild.testing.GitFixture;
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
    template.write(".gitignore", "*.log\n/build/\n")
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
    repo.write("mod/new.txt", "new\n").write("x.log", "ignored\n").write("build/out/a.txt", "ignored\n");
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
        .isInstanceOf(GitException.class).hasMessageContaining(plain.toString())
        .hasMessageContaining("not inside a git repository");
  }
}
