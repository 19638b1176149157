package dev.azbuild.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.azbuild.testing.GitFixture;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The base commit on real clones of a bare "origin": feature branches, the default branch, explicit
 * bases, detached HEADs and shallow clones that must be deepened.
 *
 * <p>History of origin: {@code c1 - c2 - c3 - c4 - c5} on main; {@code feature} forks at c3 with
 * f1, f2.
 */
class BaseCommitResolverTest {

  @TempDir static Path shared;
  @TempDir Path tmp;

  static GitFixture origin;

  /** Where origin's history was made: local main and feature, no remote. */
  static GitFixture work;

  static String c1;
  static String c2;
  static String c3;
  static String c4;
  static String c5;
  static String f2;
  static String f1;

  /** Full clones on main and on feature, shared by the tests that only read them. */
  static GitFixture mainClone;

  static GitFixture featureClone;

  @BeforeAll
  static void createOrigin() {
    origin = GitFixture.initBare(shared.resolve("origin.git"));
    work = GitFixture.init(shared.resolve("work"));
    c1 = work.write("a.txt", "1\n").commit("c1");
    c2 = work.write("a.txt", "2\n").commit("c2");
    c3 = work.write("a.txt", "3\n").commit("c3");
    work.checkoutNew("feature");
    f1 = work.write("f.txt", "1\n").commit("f1");
    f2 = work.write("f.txt", "2\n").commit("f2");
    work.checkout("main");
    c4 = work.write("a.txt", "4\n").commit("c4");
    c5 = work.write("a.txt", "5\n").commit("c5");
    work.push(origin.dir().toString(), "main", "feature");
    mainClone = GitFixture.clone(origin.dir().toString(), shared.resolve("main-clone"));
    featureClone =
        GitFixture.clone(origin.dir().toString(), shared.resolve("feature-clone"), "-b", "feature");
  }

  private static BaseCommitResolver.Request request(String branch) {
    return new BaseCommitResolver.Request(
        Optional.empty(), Optional.ofNullable(branch), Optional.empty(), Optional.empty(), true);
  }

  private static BaseCommit resolve(GitFixture clone, BaseCommitResolver.Request request)
      throws GitException {
    try (GitRepo git = clone.open()) {
      return new BaseCommitResolver(git).resolve(request, git.head());
    }
  }

  private static String detect(GitFixture clone) throws GitException {
    try (GitRepo git = clone.open()) {
      return new BaseCommitResolver(git).detectDefaultBranch();
    }
  }

  // ---- branches ----

  @Test
  void featureBranchUsesTheMergeBaseWithOriginMain() throws Exception {
    GitFixture clone = featureClone;
    BaseCommit base = resolve(clone, request("feature"));
    assertThat(base.sha()).contains(c3).contains(clone.mergeBase("HEAD", "origin/main"));
    assertThat(base.found()).isTrue();
    assertThat(base.branch()).isEqualTo("feature");
    assertThat(base.defaultBranch()).isEqualTo("main");
    assertThat(base.how()).isEqualTo("merge-base of feature and main");
    assertThat(base.warnings()).isEmpty();
  }

  @Test
  void withoutRemoteTheLocalDefaultBranchIsUsed() throws Exception {
    try (GitRepo git = work.open()) {
      BaseCommit base =
          new BaseCommitResolver(git).resolve(request("feature"), ObjectId.fromString(f2));
      assertThat(base.sha()).contains(c3);
      assertThat(base.defaultBranch()).isEqualTo("main");
    }
  }

  @Test
  void featureBranchAfterMergingMainUsesTheNewMergeBase() throws Exception {
    GitFixture clone =
        GitFixture.clone(origin.dir().toString(), tmp.resolve("clone"), "-b", "feature");
    clone.merge("origin/main");
    clone.write("f.txt", "3\n").commit("f3");
    BaseCommit base = resolve(clone, request("feature"));
    assertThat(base.sha()).contains(c5);
  }

  @Test
  void configuredDefaultBranchWins() throws Exception {
    GitFixture clone =
        GitFixture.clone(origin.dir().toString(), tmp.resolve("clone"), "-b", "main");
    clone.checkoutNew("topic");
    clone.write("t.txt", "t\n").commit("t1");
    // topic measured against feature: their merge-base is c3
    BaseCommit base =
        resolve(
            clone,
            new BaseCommitResolver.Request(
                Optional.empty(),
                Optional.of("topic"),
                Optional.of("feature"),
                Optional.empty(),
                false));
    assertThat(base.sha()).contains(c3);
    assertThat(base.defaultBranch()).isEqualTo("feature");
    // against the detected default (main): c5
    assertThat(resolve(clone, request("topic")).sha()).contains(c5);
  }

  @Test
  void aPullRequestIsComparedWithItsTargetBranchNotTheDefault() throws Exception {
    GitFixture clone =
        GitFixture.clone(origin.dir().toString(), tmp.resolve("clone"), "-b", "feature");
    clone.checkoutNew("topic");
    String t1 = clone.write("t.txt", "t\n").commit("t1");
    // topic targets feature (a stacked pull request): the base is feature's tip f2, not c3
    // (merge-base with main)
    BaseCommit base =
        resolve(
            clone,
            new BaseCommitResolver.Request(
                Optional.empty(),
                Optional.of("topic"),
                Optional.empty(),
                Optional.empty(),
                false,
                Optional.of("feature")));
    assertThat(base.sha()).contains(f2);
    assertThat(base.defaultBranch()).as("the default branch is still main").isEqualTo("main");
    assertThat(base.how()).isEqualTo("merge-base of topic and feature (pull request target)");
    assertThat(t1).isNotEqualTo(f2);
  }

  @Test
  void aPullRequestTargetEqualToTheBranchOrBlankFallsBackToTheDefaultBranch() throws Exception {
    for (String target : new String[] {"feature", " "}) {
      BaseCommit base =
          resolve(
              featureClone,
              new BaseCommitResolver.Request(
                  Optional.empty(),
                  Optional.of("feature"),
                  Optional.empty(),
                  Optional.empty(),
                  false,
                  Optional.of(target)));
      assertThat(base.sha()).as(target).contains(c3);
      assertThat(base.how()).isEqualTo("merge-base of feature and main");
    }
  }

  @Test
  void aPullRequestTargetMissingFromTheCloneSaysSo() throws Exception {
    BaseCommit base =
        resolve(
            featureClone,
            new BaseCommitResolver.Request(
                Optional.empty(),
                Optional.of("feature"),
                Optional.empty(),
                Optional.empty(),
                false,
                Optional.of("release-9")));
    assertThat(base.found()).isFalse();
    assertThat(base.warnings()).anySatisfy(w -> assertThat(w).contains("release-9"));
  }

  // ---- default branch detection ----

  @Test
  void defaultBranchFollowsOriginHead() throws Exception {
    GitFixture clone = mainClone;
    assertThat(detect(clone)).isEqualTo("main");

    GitFixture developOrigin = GitFixture.initBare(tmp.resolve("develop.git"));
    mainClone.push(
        developOrigin.dir().toString(), "main:refs/heads/main", "main:refs/heads/develop");
    developOrigin.git("symbolic-ref", "HEAD", "refs/heads/develop");
    GitFixture developClone =
        GitFixture.clone(developOrigin.dir().toString(), tmp.resolve("develop-clone"));
    assertThat(developClone.git("symbolic-ref", "refs/remotes/origin/HEAD").strip())
        .isEqualTo("refs/remotes/origin/develop");
    assertThat(detect(developClone)).isEqualTo("develop");
  }

  @Test
  void defaultBranchWithoutOriginHeadPrefersRemoteMainThenMasterThenLocal() throws Exception {
    GitFixture repo = GitFixture.init(tmp.resolve("repo"));
    String only = repo.write("x", "x\n").commit("x");
    repo.git("branch", "-m", "main", "trunk");
    assertThat(detect(repo)).as("nothing known").isEqualTo("main");
    repo.branch("master");
    assertThat(detect(repo)).as("local master").isEqualTo("master");
    repo.branch("main");
    assertThat(detect(repo)).as("local main before local master").isEqualTo("main");
    repo.git("update-ref", "refs/remotes/origin/master", only);
    assertThat(detect(repo)).as("remote master before local main").isEqualTo("master");
    repo.git("update-ref", "refs/remotes/origin/main", only);
    assertThat(detect(repo)).as("remote main before remote master").isEqualTo("main");
    repo.git("symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/master");
    assertThat(detect(repo)).as("origin/HEAD first").isEqualTo("master");
  }

  // ---- the default branch ----

  @Test
  void onTheDefaultBranchWithoutDeployMarkerUsesParentAndWarns() throws Exception {
    GitFixture clone = mainClone;
    BaseCommit base = resolve(clone, request("main"));
    assertThat(base.sha()).contains(c4);
    assertThat(base.how()).isEqualTo("HEAD~1");
    assertThat(base.warnings())
        .singleElement()
        .asString()
        .contains("no deployed-commit marker")
        .contains("HEAD~1")
        .contains("main");
  }

  @Test
  void onTheDefaultBranchTheDeployedCommitIsTheBase() throws Exception {
    GitFixture clone = mainClone;
    BaseCommit base =
        resolve(
            clone,
            new BaseCommitResolver.Request(
                Optional.empty(), Optional.of("main"), Optional.empty(), Optional.of(c2), true));
    assertThat(base.sha()).contains(c2);
    assertThat(base.how()).isEqualTo("last fully deployed commit " + c2.substring(0, 12));
    assertThat(base.warnings()).isEmpty();
  }

  @Test
  void deployedCommitOutsideHistoryFallsBackToParentWithWarning() throws Exception {
    GitFixture clone = mainClone;
    for (String deployed : new String[] {f1, "0123456789abcdef0123456789abcdef01234567"}) {
      BaseCommit base =
          resolve(
              clone,
              new BaseCommitResolver.Request(
                  Optional.empty(),
                  Optional.of("main"),
                  Optional.empty(),
                  Optional.of(deployed),
                  false));
      assertThat(base.sha()).contains(c4);
      assertThat(base.warnings())
          .singleElement()
          .asString()
          .contains(deployed.substring(0, 12))
          .contains("not in the history of HEAD");
    }
  }

  @Test
  void rootCommitOnTheDefaultBranchHasNoBase() throws Exception {
    GitFixture repo = GitFixture.init(tmp.resolve("repo"));
    repo.write("x", "x\n").commit("root");
    BaseCommit base = resolve(repo, request("main"));
    assertThat(base.found()).isFalse();
    assertThat(base.sha()).isEmpty();
    assertThat(base.warnings()).anyMatch(w -> w.contains("no parent"));
  }

  // ---- explicit base ----

  @Test
  void explicitBaseWins() throws Exception {
    GitFixture clone = featureClone;
    BaseCommit base =
        resolve(
            clone,
            new BaseCommitResolver.Request(
                Optional.of(c1),
                Optional.of("feature"),
                Optional.empty(),
                Optional.empty(),
                false));
    assertThat(base.sha()).contains(c1);
    assertThat(base.how()).isEqualTo("azbuild.base=" + c1);
    BaseCommit byRef =
        resolve(
            clone,
            new BaseCommitResolver.Request(
                Optional.of("HEAD~1"),
                Optional.of("feature"),
                Optional.empty(),
                Optional.empty(),
                false));
    assertThat(byRef.sha()).contains(f1);
  }

  @Test
  void explicitBaseThatIsNotACommitIsAnError() throws Exception {
    GitFixture clone = mainClone;
    for (String bad :
        new String[] {
          "no-such-ref",
          "0123456789abcdef0123456789abcdef01234567",
          clone.git("rev-parse", "HEAD^{tree}").strip()
        }) {
      assertThatThrownBy(
              () ->
                  resolve(
                      clone,
                      new BaseCommitResolver.Request(
                          Optional.of(bad),
                          Optional.of("main"),
                          Optional.empty(),
                          Optional.empty(),
                          false)))
          .isInstanceOf(GitException.class)
          .hasMessageContaining("azbuild.base=" + bad)
          .hasMessageContaining("is not a commit");
    }
  }

  @Test
  void explicitBaseThatIsNotAnAncestorIsAnError() throws Exception {
    GitFixture clone = mainClone;
    assertThatThrownBy(
            () ->
                resolve(
                    clone,
                    new BaseCommitResolver.Request(
                        Optional.of(f2),
                        Optional.of("main"),
                        Optional.empty(),
                        Optional.empty(),
                        false)))
        .isInstanceOf(GitException.class)
        .hasMessageContaining("azbuild.base=" + f2)
        .hasMessageContaining("not an ancestor of " + c5);
  }

  @Test
  void detachedHeadWithoutBranchSaysWhatToSet() throws Exception {
    GitFixture clone = GitFixture.clone(origin.dir().toString(), tmp.resolve("clone"));
    clone.detach();
    try (GitRepo git = clone.open()) {
      assertThat(git.currentBranch()).isEmpty();
    }
    assertThatThrownBy(() -> resolve(clone, request(null)))
        .isInstanceOf(GitException.class)
        .hasMessageContaining("-Dazbuild.branch")
        .hasMessageContaining("detached")
        .hasMessageNotContaining("\n");
    // a blank branch is no branch either
    assertThatThrownBy(() -> resolve(clone, request(" "))).hasMessageContaining("-Dazbuild.branch");
    // with the branch given, the detached HEAD is fine
    assertThat(resolve(clone, request("main")).sha()).contains(c4);
  }

  // ---- shallow clones ----

  @Test
  void shallowCloneOfAllBranchesIsDeepenedToFindTheMergeBase() throws Exception {
    GitFixture clone =
        GitFixture.clone(
            origin.url(),
            tmp.resolve("shallow"),
            "--depth",
            "1",
            "--no-single-branch",
            "-b",
            "feature");
    assertThat(clone.isShallow()).isTrue();
    try (GitRepo git = clone.open()) {
      assertThat(git.isShallow()).isTrue();
      assertThat(git.findCommit(c3)).isEmpty();
    }
    BaseCommit base = resolve(clone, request("feature"));
    assertThat(base.sha()).contains(c3);
    assertThat(base.how()).isEqualTo("merge-base of feature and main");
    assertThat(base.warnings())
        .isNotEmpty()
        .allMatch(w -> w.startsWith("shallow clone: fetched history"));
    assertThat(clone.git("cat-file", "-t", c3).strip()).isEqualTo("commit");
  }

  @Test
  void shallowCloneWithoutFetchingHasNoBase() throws Exception {
    GitFixture clone =
        GitFixture.clone(
            origin.url(),
            tmp.resolve("shallow"),
            "--depth",
            "1",
            "--no-single-branch",
            "-b",
            "feature");
    BaseCommit base =
        resolve(
            clone,
            new BaseCommitResolver.Request(
                Optional.empty(),
                Optional.of("feature"),
                Optional.empty(),
                Optional.empty(),
                false));
    assertThat(base.found()).isFalse();
    assertThat(base.how()).isEqualTo("no base");
    assertThat(base.warnings())
        .singleElement()
        .asString()
        .contains("no merge-base of feature and main");
    assertThat(clone.isShallow()).isTrue();
  }

  @Test
  void singleBranchShallowCloneFetchesTheDefaultBranch() throws Exception {
    GitFixture clone =
        GitFixture.clone(
            origin.url(), tmp.resolve("shallow"), "--depth", "1", "--branch", "feature");
    assertThat(clone.tryGit("rev-parse", "--verify", "-q", "refs/remotes/origin/main").exitCode())
        .isNotZero();

    BaseCommit without =
        resolve(
            clone,
            new BaseCommitResolver.Request(
                Optional.empty(),
                Optional.of("feature"),
                Optional.of("main"),
                Optional.empty(),
                false));
    assertThat(without.found()).isFalse();
    assertThat(without.warnings())
        .singleElement()
        .asString()
        .contains("origin/main")
        .contains("not in this clone");

    BaseCommit base =
        resolve(
            clone,
            new BaseCommitResolver.Request(
                Optional.empty(),
                Optional.of("feature"),
                Optional.of("main"),
                Optional.empty(),
                true));
    assertThat(base.sha()).contains(c3);
    assertThat(base.warnings()).anyMatch(w -> w.contains("fetched history"));
  }

  @Test
  void shallowCloneOnTheDefaultBranchDeepensToFindTheParent() throws Exception {
    GitFixture clone = GitFixture.clone(origin.url(), tmp.resolve("shallow"), "--depth", "1");
    BaseCommit without =
        resolve(
            clone,
            new BaseCommitResolver.Request(
                Optional.empty(), Optional.of("main"), Optional.empty(), Optional.empty(), false));
    assertThat(without.found()).isFalse();
    assertThat(without.warnings()).anyMatch(w -> w.contains("no parent"));

    BaseCommit base = resolve(clone, request("main"));
    assertThat(base.sha()).contains(c4);
    assertThat(base.warnings()).anyMatch(w -> w.startsWith("shallow clone: fetched history"));
  }

  @Test
  void shallowCloneFetchesAnExplicitBaseOrADeployedCommit() throws Exception {
    GitFixture clone = GitFixture.clone(origin.url(), tmp.resolve("shallow"), "--depth", "1");
    assertThatThrownBy(
            () ->
                resolve(
                    clone,
                    new BaseCommitResolver.Request(
                        Optional.of(c1),
                        Optional.of("main"),
                        Optional.empty(),
                        Optional.empty(),
                        false)))
        .isInstanceOf(GitException.class)
        .hasMessageContaining("azbuild.base=" + c1);
    BaseCommit deployed =
        resolve(
            clone,
            new BaseCommitResolver.Request(
                Optional.empty(), Optional.of("main"), Optional.empty(), Optional.of(c2), true));
    assertThat(deployed.sha()).contains(c2);
    assertThat(deployed.warnings()).anyMatch(w -> w.contains("fetched history"));

    GitFixture clone2 = GitFixture.clone(origin.url(), tmp.resolve("shallow2"), "--depth", "1");
    BaseCommit explicit =
        resolve(
            clone2,
            new BaseCommitResolver.Request(
                Optional.of(c1), Optional.of("main"), Optional.empty(), Optional.empty(), true));
    assertThat(explicit.sha()).contains(c1);
  }

  @Test
  void mergeBaseBeyondTheFirstDeepeningStepIsFoundByTheNext() throws Exception {
    GitFixture deepOrigin = GitFixture.initBare(tmp.resolve("deep.git"));
    GitFixture work =
        GitFixture.clone(origin.dir().toString(), tmp.resolve("work"), "-b", "feature");
    work.branch("main", "origin/main");
    String mainTip = work.appendCommits("main", 70, "bulk.txt");
    work.push(deepOrigin.dir().toString(), "main", "feature");

    GitFixture clone =
        GitFixture.clone(
            deepOrigin.url(),
            tmp.resolve("shallow"),
            "--depth",
            "1",
            "--no-single-branch",
            "-b",
            "feature");
    BaseCommit base = resolve(clone, request("feature"));
    assertThat(base.sha()).contains(c3);
    assertThat(clone.revParse("origin/main")).isEqualTo(mainTip);
    assertThat(base.warnings())
        .containsExactly(
            "shallow clone: fetched history to depth 50",
            "shallow clone: fetched history to depth 500");
  }

  @Test
  void shallowCloneWithoutOriginToDeepenFromHasNoBase() throws Exception {
    GitFixture clone = GitFixture.clone(origin.url(), tmp.resolve("shallow"), "--depth", "1");
    clone.git("remote", "remove", "origin");
    BaseCommit none = resolve(clone, request("main"));
    assertThat(none.found()).isFalse();
    assertThat(none.warnings())
        .anyMatch(w -> w.contains("could not fetch"))
        .anyMatch(w -> w.contains("no parent"));
  }

  @Test
  void resolvedHeadIsTheCheckedOutCommit() throws Exception {
    GitFixture clone = featureClone;
    try (GitRepo git = clone.open()) {
      assertThat(git.head()).isEqualTo(ObjectId.fromString(f2));
      assertThat(git.currentBranch()).contains("feature");
    }
  }
}
