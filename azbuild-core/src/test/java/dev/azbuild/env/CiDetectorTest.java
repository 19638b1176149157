package dev.azbuild.env;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CiDetectorTest {

  private static CiInfo info(
      CiVendor vendor,
      String branch,
      String commit,
      String defaultBranch,
      String prTarget,
      String url) {
    return new CiInfo(
        vendor,
        Optional.ofNullable(branch),
        Optional.ofNullable(commit),
        Optional.ofNullable(defaultBranch),
        Optional.ofNullable(prTarget),
        Optional.ofNullable(url));
  }

  @Test
  void noMarkersIsLocalWithNothingKnown() {
    CiInfo ci = CiDetector.detect(Map.of("HOME", "/home/me", "GIT_COMMIT", "abc"));
    assertThat(ci).isEqualTo(CiInfo.local());
    assertThat(ci.vendor()).isEqualTo(CiVendor.LOCAL);
    assertThat(CiDetector.detect(Map.of())).isEqualTo(CiInfo.local());
  }

  @Test
  void markersMustBeExactlyTrue() {
    assertThat(CiDetector.detect(Map.of("CIRCLECI", "false")).vendor()).isEqualTo(CiVendor.LOCAL);
    assertThat(CiDetector.detect(Map.of("GITHUB_ACTIONS", "")).vendor()).isEqualTo(CiVendor.LOCAL);
    assertThat(CiDetector.detect(Map.of("BUILDKITE", "1")).vendor()).isEqualTo(CiVendor.LOCAL);
    assertThat(CiDetector.detect(Map.of("JENKINS_URL", "")).vendor()).isEqualTo(CiVendor.LOCAL);
  }

  @Test
  void displayNames() {
    assertThat(CiVendor.GITHUB_ACTIONS.displayName()).isEqualTo("GitHub Actions");
    assertThat(CiVendor.CIRCLECI.displayName()).isEqualTo("CircleCI");
  }

  @Nested
  class CircleCi {
    @Test
    void branchBuild() {
      CiInfo ci =
          CiDetector.detect(
              Map.of(
                  "CIRCLECI", "true",
                  "CIRCLE_BRANCH", "feature/x",
                  "CIRCLE_SHA1", "abc123",
                  "CIRCLE_BUILD_URL", "https://circleci.com/gh/o/r/42"));
      assertThat(ci)
          .isEqualTo(
              info(
                  CiVendor.CIRCLECI,
                  "feature/x",
                  "abc123",
                  null,
                  null,
                  "https://circleci.com/gh/o/r/42"));
      assertThat(ci.vendor()).isNotEqualTo(CiVendor.LOCAL);
    }

    @Test
    void tagBuildHasNoBranch() {
      CiInfo ci =
          CiDetector.detect(Map.of("CIRCLECI", "true", "CIRCLE_TAG", "v1.0", "CIRCLE_SHA1", "abc"));
      assertThat(ci.branch()).isEmpty();
      assertThat(ci.commit()).contains("abc");
    }
  }

  @Nested
  class GithubActions {
    @Test
    void pushToBranch() {
      CiInfo ci =
          CiDetector.detect(
              Map.of(
                  "GITHUB_ACTIONS", "true",
                  "GITHUB_REF", "refs/heads/feature/x",
                  "GITHUB_REF_NAME", "feature/x",
                  "GITHUB_REF_TYPE", "branch",
                  "GITHUB_HEAD_REF", "",
                  "GITHUB_BASE_REF", "",
                  "GITHUB_SHA", "abc123",
                  "GITHUB_SERVER_URL", "https://github.com",
                  "GITHUB_REPOSITORY", "acme/mono",
                  "GITHUB_RUN_ID", "987"));
      assertThat(ci)
          .isEqualTo(
              info(
                  CiVendor.GITHUB_ACTIONS,
                  "feature/x",
                  "abc123",
                  null,
                  null,
                  "https://github.com/acme/mono/actions/runs/987"));
    }

    @Test
    void pullRequestUsesHeadRefAndBaseRef() {
      CiInfo ci =
          CiDetector.detect(
              Map.of(
                  "GITHUB_ACTIONS", "true",
                  "GITHUB_EVENT_NAME", "pull_request",
                  "GITHUB_REF", "refs/pull/12/merge",
                  "GITHUB_REF_NAME", "12/merge",
                  "GITHUB_REF_TYPE", "branch",
                  "GITHUB_HEAD_REF", "feature/x",
                  "GITHUB_BASE_REF", "main",
                  "GITHUB_SHA", "mergecommit"));
      assertThat(ci.branch()).contains("feature/x");
      assertThat(ci.pullRequestTarget()).contains("main");
      assertThat(ci.commit()).contains("mergecommit"); // the merge commit, as documented
      assertThat(ci.defaultBranch()).isEmpty();
      assertThat(ci.buildUrl()).isEmpty(); // URL parts missing
    }

    @Test
    void pullRefWithoutHeadRefIsNotABranch() {
      CiInfo ci =
          CiDetector.detect(
              Map.of(
                  "GITHUB_ACTIONS", "true",
                  "GITHUB_REF", "refs/pull/12/merge",
                  "GITHUB_REF_NAME", "12/merge",
                  "GITHUB_REF_TYPE", "branch"));
      assertThat(ci.branch()).isEmpty();
    }

    @Test
    void tagPushHasNoBranch() {
      CiInfo ci =
          CiDetector.detect(
              Map.of(
                  "GITHUB_ACTIONS", "true",
                  "GITHUB_REF", "refs/tags/v1",
                  "GITHUB_REF_NAME", "v1",
                  "GITHUB_REF_TYPE", "tag"));
      assertThat(ci.branch()).isEmpty();
    }

    @Test
    void refNameWhenOnlyRefTypeIsGiven() {
      CiInfo ci =
          CiDetector.detect(
              Map.of(
                  "GITHUB_ACTIONS", "true",
                  "GITHUB_REF_NAME", "main",
                  "GITHUB_REF_TYPE", "branch"));
      assertThat(ci.branch()).contains("main");
      CiInfo tag =
          CiDetector.detect(
              Map.of("GITHUB_ACTIONS", "true", "GITHUB_REF_NAME", "v1", "GITHUB_REF_TYPE", "tag"));
      assertThat(tag.branch()).isEmpty();
    }

    @Test
    void fullRefWhenRefNameMissing() {
      CiInfo ci =
          CiDetector.detect(Map.of("GITHUB_ACTIONS", "true", "GITHUB_REF", "refs/heads/release/2"));
      assertThat(ci.branch()).contains("release/2");
    }

    @Test
    void buildUrlToleratesTrailingSlashOnServer() {
      CiInfo ci =
          CiDetector.detect(
              Map.of(
                  "GITHUB_ACTIONS", "true",
                  "GITHUB_SERVER_URL", "https://ghe.example.com/",
                  "GITHUB_REPOSITORY", "acme/mono",
                  "GITHUB_RUN_ID", "5"));
      assertThat(ci.buildUrl()).contains("https://ghe.example.com/acme/mono/actions/runs/5");
    }
  }

  @Nested
  class GitlabCi {
    @Test
    void branchPipeline() {
      CiInfo ci =
          CiDetector.detect(
              Map.of(
                  "GITLAB_CI", "true",
                  "CI_COMMIT_BRANCH", "feature/x",
                  "CI_COMMIT_SHA", "abc",
                  "CI_DEFAULT_BRANCH", "main",
                  "CI_JOB_URL", "https://gitlab.com/acme/mono/-/jobs/1"));
      assertThat(ci)
          .isEqualTo(
              info(
                  CiVendor.GITLAB_CI,
                  "feature/x",
                  "abc",
                  "main",
                  null,
                  "https://gitlab.com/acme/mono/-/jobs/1"));
    }

    @Test
    void mergeRequestPipeline() {
      CiInfo ci =
          CiDetector.detect(
              Map.of(
                  "GITLAB_CI", "true",
                  "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME", "feature/y",
                  "CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "develop",
                  "CI_COMMIT_SHA", "def",
                  "CI_DEFAULT_BRANCH", "main"));
      assertThat(ci.branch()).contains("feature/y");
      assertThat(ci.pullRequestTarget()).contains("develop");
      assertThat(ci.defaultBranch()).contains("main");
    }
  }

  @Nested
  class Jenkins {
    @Test
    void multibranch() {
      CiInfo ci =
          CiDetector.detect(
              Map.of(
                  "JENKINS_URL", "https://ci.example.com/",
                  "BRANCH_NAME", "feature/x",
                  "GIT_BRANCH", "origin/other",
                  "GIT_COMMIT", "abc",
                  "BUILD_URL", "https://ci.example.com/job/mono/1/"));
      assertThat(ci)
          .isEqualTo(
              info(
                  CiVendor.JENKINS,
                  "feature/x",
                  "abc",
                  null,
                  null,
                  "https://ci.example.com/job/mono/1/"));
    }

    @Test
    void multibranchPullRequestUsesChangeBranchNotPrJobName() {
      CiInfo ci =
          CiDetector.detect(
              Map.of(
                  "JENKINS_URL", "https://ci.example.com/",
                  "BRANCH_NAME", "PR-12",
                  "CHANGE_ID", "12",
                  "CHANGE_BRANCH", "feature/x",
                  "CHANGE_TARGET", "main"));
      assertThat(ci.branch()).contains("feature/x");
      assertThat(ci.pullRequestTarget()).contains("main");
    }

    @Test
    void gitBranchWithOriginStripped() {
      CiInfo ci =
          CiDetector.detect(
              Map.of("JENKINS_HOME", "/var/jenkins", "GIT_BRANCH", "origin/feature/x"));
      assertThat(ci.vendor()).isEqualTo(CiVendor.JENKINS);
      assertThat(ci.branch()).contains("feature/x");
    }

    @Test
    void gitBranchWithOtherPrefixKept() {
      assertThat(
              CiDetector.detect(Map.of("JENKINS_URL", "u", "GIT_BRANCH", "upstream/main")).branch())
          .contains("upstream/main");
      assertThat(CiDetector.detect(Map.of("JENKINS_URL", "u", "GIT_BRANCH", "main")).branch())
          .contains("main");
      assertThat(CiDetector.detect(Map.of("JENKINS_URL", "u", "GIT_BRANCH", "origin/")).branch())
          .isEmpty();
    }

    @Test
    void emptyBranchNameFallsBackToGitBranch() {
      CiInfo ci =
          CiDetector.detect(
              Map.of(
                  "JENKINS_URL",
                  "u",
                  "BRANCH_NAME",
                  "",
                  "CHANGE_BRANCH",
                  "",
                  "GIT_BRANCH",
                  "origin/main"));
      assertThat(ci.branch()).contains("main");
    }
  }

  @Nested
  class Buildkite {
    @Test
    void build() {
      CiInfo ci =
          CiDetector.detect(
              Map.of(
                  "BUILDKITE", "true",
                  "BUILDKITE_BRANCH", "feature/x",
                  "BUILDKITE_COMMIT", "abc",
                  "BUILDKITE_PIPELINE_DEFAULT_BRANCH", "main",
                  "BUILDKITE_PULL_REQUEST", "7",
                  "BUILDKITE_PULL_REQUEST_BASE_BRANCH", "develop",
                  "BUILDKITE_BUILD_URL", "https://buildkite.com/acme/mono/builds/3"));
      assertThat(ci)
          .isEqualTo(
              info(
                  CiVendor.BUILDKITE,
                  "feature/x",
                  "abc",
                  "main",
                  "develop",
                  "https://buildkite.com/acme/mono/builds/3"));
    }

    @Test
    void headCommitIsAbsentAndNonPrBaseIsEmpty() {
      CiInfo ci =
          CiDetector.detect(
              Map.of(
                  "BUILDKITE", "true",
                  "BUILDKITE_COMMIT", "HEAD",
                  "BUILDKITE_PULL_REQUEST", "false",
                  "BUILDKITE_PULL_REQUEST_BASE_BRANCH", ""));
      assertThat(ci.commit()).isEmpty();
      assertThat(ci.pullRequestTarget()).isEmpty();
    }
  }

  @Test
  void emptyValuesCountAsAbsent() {
    CiInfo ci =
        CiDetector.detect(
            Map.of(
                "GITLAB_CI", "true",
                "CI_COMMIT_BRANCH", "",
                "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME", "",
                "CI_COMMIT_SHA", "",
                "CI_DEFAULT_BRANCH", "",
                "CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "",
                "CI_JOB_URL", ""));
    assertThat(ci).isEqualTo(info(CiVendor.GITLAB_CI, null, null, null, null, null));
  }

  @Test
  void precedenceFollowsDocumentedOrder() {
    Map<String, String> all =
        Map.of(
            "CIRCLECI", "true",
            "GITHUB_ACTIONS", "true",
            "GITLAB_CI", "true",
            "JENKINS_URL", "u",
            "BUILDKITE", "true",
            "CIRCLE_BRANCH", "from-circle",
            "GITHUB_REF", "refs/heads/from-github");
    assertThat(CiDetector.detect(all).vendor()).isEqualTo(CiVendor.CIRCLECI);
    assertThat(CiDetector.detect(all).branch()).contains("from-circle");
    assertThat(CiDetector.detect(Map.of("GITHUB_ACTIONS", "true", "GITLAB_CI", "true")).vendor())
        .isEqualTo(CiVendor.GITHUB_ACTIONS);
    assertThat(CiDetector.detect(Map.of("GITLAB_CI", "true", "JENKINS_URL", "u")).vendor())
        .isEqualTo(CiVendor.GITLAB_CI);
    assertThat(CiDetector.detect(Map.of("JENKINS_HOME", "/j", "BUILDKITE", "true")).vendor())
        .isEqualTo(CiVendor.JENKINS);
  }
}
