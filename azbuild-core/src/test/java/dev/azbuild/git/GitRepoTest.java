package dev.azbuild.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.azbuild.testing.GitFixture;
import java.nio.file.Path;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening a repository through the git command (JGit only on demand) and with JGit alone agree. */
class GitRepoTest {

  @TempDir Path tmp;

  private GitFixture repoWithOneCommit() {
    GitFixture repo = GitFixture.init(tmp.resolve("repo"));
    repo.write("mod/a.txt", "a\n").commit("initial");
    return repo;
  }

  @Test
  void theGitCommandFindsTheRepositoryAndHeadWithoutJGit() throws Exception {
    GitFixture repo = repoWithOneCommit();
    Path below = repo.path("mod");
    try (GitRepo cli = GitRepo.open(below, GitRepo.Backend.AUTO);
        GitRepo jgit = GitRepo.open(below, GitRepo.Backend.JGIT)) {
      assertThat(cli.cli()).as("git is on the PATH of the test machine").isPresent();
      assertThat(cli.workTree()).isEqualTo(jgit.workTree()).isEqualTo(repo.dir().toRealPath());
      assertThat(cli.head()).isEqualTo(jgit.head()).isEqualTo(ObjectId.fromString(repo.head()));
      assertThat(cli.currentBranch()).isEqualTo(jgit.currentBranch()).contains("main");
      // what content mode reads: no JGit repository opened
      RepoSnapshot.ofWorkingTree(cli);
      RepoSnapshot.ofCommit(cli, cli.head());
      cli.relativize(below);
      assertThat(cli.jgitOpened()).isFalse();
      // history needs JGit: opened on first use
      assertThat(cli.findCommit("HEAD")).contains(jgit.head());
      assertThat(cli.jgitOpened()).isTrue();
      assertThat(jgit.jgitOpened()).isTrue();
    }
  }

  @Test
  void aRepositoryWithoutACommitSaysToCommitFirst() throws Exception {
    GitFixture repo = GitFixture.init(tmp.resolve("empty"));
    repo.write("pom.xml", "<project/>\n");
    for (GitRepo.Backend backend : GitRepo.Backend.values()) {
      try (GitRepo git = repo.open(backend)) {
        Throwable error = catchThrowable(git::head);
        assertThat(error)
            .as(backend.name())
            .isInstanceOf(GitException.class)
            .hasMessage(
                repo.dir().toRealPath()
                    + " has no commit yet (HEAD names the branch main, which does not exist until"
                    + " its first commit); commit the files first (git add -A && git commit -m"
                    + " 'first commit'): azbuild plans, tags and deploys commits");
      }
    }
  }

  @Test
  void aWorkTreeReadAheadIsTakenOnceByTheNextSnapshot() throws Exception {
    GitFixture repo = repoWithOneCommit();
    repo.write("mod/untracked.txt", "u\n");
    try (GitRepo git = repo.open(GitRepo.Backend.AUTO);
        GitRepo jgit = repo.open(GitRepo.Backend.JGIT)) {
      git.readWorkTreeAhead();
      RepoSnapshot ahead = RepoSnapshot.ofWorkingTree(git);
      RepoSnapshot reference = RepoSnapshot.ofWorkingTree(jgit);
      assertThat(ahead.size()).isEqualTo(reference.size()).isEqualTo(2);
      assertThat(RepoSnapshot.changedPaths(ahead, reference)).isEmpty();
      // taken: the next snapshot reads the work tree again
      repo.write("mod/a.txt", "changed\n");
      assertThat(RepoSnapshot.changedPaths(ahead, RepoSnapshot.ofWorkingTree(git)))
          .containsExactly("mod/a.txt");
      jgit.readWorkTreeAhead(); // without the git command: nothing to read ahead
      assertThat(jgit.takeWorkTreeAhead()).isEmpty();
      assertThat(git.jgitOpened()).isFalse();
    }
  }

  @Test
  void aDetachedHeadHasNoBranchEitherWay() throws Exception {
    GitFixture repo = repoWithOneCommit();
    repo.detach();
    try (GitRepo cli = repo.open(GitRepo.Backend.AUTO);
        GitRepo jgit = repo.open(GitRepo.Backend.JGIT)) {
      assertThat(cli.currentBranch()).isEmpty();
      assertThat(jgit.currentBranch()).isEmpty();
      assertThat(cli.head()).isEqualTo(jgit.head());
      assertThat(cli.jgitOpened()).isFalse();
    }
  }

  @Test
  void headIsReadOnceWhenOpened() throws Exception {
    GitFixture repo = repoWithOneCommit();
    String first = repo.head();
    for (GitRepo.Backend backend : GitRepo.Backend.values()) {
      try (GitRepo git = repo.open(backend)) {
        String second = repo.write("mod/a.txt", "a " + backend + "\n").commit("during the plan");
        assertThat(git.head()).as(backend.name()).isEqualTo(ObjectId.fromString(first));
        try (GitRepo reopened = repo.open(backend)) {
          assertThat(reopened.head()).isEqualTo(ObjectId.fromString(second));
        }
        first = second;
      }
    }
  }

  @Test
  void aRepositoryWithoutCommitsOpensButHasNoHead() throws Exception {
    GitFixture repo = GitFixture.init(tmp.resolve("empty"));
    for (GitRepo.Backend backend : GitRepo.Backend.values()) {
      try (GitRepo git = repo.open(backend)) {
        assertThat(catchThrowable(git::head))
            .as(backend.name())
            .isInstanceOf(GitException.class)
            .hasMessageStartingWith(repo.dir().toRealPath() + " has no commit yet");
        assertThat(git.currentBranch()).as(backend.name()).contains("main");
      }
    }
  }

  @Test
  void aBareRepositorySaysSoWithEitherBackend() {
    GitFixture bare = GitFixture.initBare(tmp.resolve("bare.git"));
    for (GitRepo.Backend backend : GitRepo.Backend.values()) {
      assertThat(catchThrowable(() -> GitRepo.open(bare.dir(), backend)))
          .as(backend.name())
          .isInstanceOf(GitException.class)
          .hasMessageContaining("is a bare git repository");
    }
  }
}
