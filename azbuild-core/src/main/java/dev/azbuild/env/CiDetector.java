package dev.azbuild.env;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Detects the CI system from environment variables and reads what it tells about the build.
 *
 * <p>Markers, checked in this order (the first match wins, so e.g. a GitHub Actions job that
 * happens to export {@code CIRCLECI=true} is reported as CircleCI):
 *
 * <ol>
 *   <li>CircleCI: {@code CIRCLECI=true}
 *   <li>GitHub Actions: {@code GITHUB_ACTIONS=true}
 *   <li>GitLab CI: {@code GITLAB_CI=true}
 *   <li>Jenkins: {@code JENKINS_URL} or {@code JENKINS_HOME} non-empty
 *   <li>Buildkite: {@code BUILDKITE=true}
 * </ol>
 *
 * <p>None of them means {@link CiVendor#LOCAL} with every field empty. Variables set to the empty
 * string count as absent throughout.
 */
public final class CiDetector {

  private static final Logger LOG = LoggerFactory.getLogger(CiDetector.class);

  /** One vendor: how to recognise it and how to read it. */
  private record Probe(
      CiVendor vendor, Predicate<EnvLookup> marker, Function<EnvLookup, CiInfo> reader) {}

  // Order is the documented precedence; keep it in sync with CiVendor's declaration order.
  private static final List<Probe> PROBES =
      List.of(
          new Probe(CiVendor.CIRCLECI, e -> e.isTrue("CIRCLECI"), CiDetector::circleci),
          new Probe(CiVendor.GITHUB_ACTIONS, e -> e.isTrue("GITHUB_ACTIONS"), CiDetector::github),
          new Probe(CiVendor.GITLAB_CI, e -> e.isTrue("GITLAB_CI"), CiDetector::gitlab),
          new Probe(
              CiVendor.JENKINS,
              e -> e.isSet("JENKINS_URL") || e.isSet("JENKINS_HOME"),
              CiDetector::jenkins),
          new Probe(CiVendor.BUILDKITE, e -> e.isTrue("BUILDKITE"), CiDetector::buildkite));

  private CiDetector() {}

  /**
   * Detects the CI vendor and reads its build information.
   *
   * @param env the process environment; pass {@link System#getenv()} in production
   * @return the detected information, {@link CiInfo#local()} when no CI marker is set
   */
  public static CiInfo detect(Map<String, String> env) {
    EnvLookup lookup = new EnvLookup(env);
    List<Probe> matching = PROBES.stream().filter(p -> p.marker().test(lookup)).toList();
    if (matching.isEmpty()) {
      return CiInfo.local();
    }
    if (matching.size() > 1) {
      LOG.debug(
          "Several CI markers set ({}); using {}",
          matching.stream().map(p -> p.vendor().displayName()).toList(),
          matching.get(0).vendor().displayName());
    }
    return matching.get(0).reader().apply(lookup);
  }

  /** CircleCI: tag builds set {@code CIRCLE_TAG} and leave {@code CIRCLE_BRANCH} unset. */
  private static CiInfo circleci(EnvLookup e) {
    return new CiInfo(
        CiVendor.CIRCLECI,
        e.get("CIRCLE_BRANCH"),
        e.get("CIRCLE_SHA1"),
        Optional.empty(), // not exposed
        Optional.empty(), // CIRCLE_PULL_REQUEST is a URL; the base branch is not exposed
        e.get("CIRCLE_BUILD_URL"));
  }

  /**
   * GitHub Actions. {@code GITHUB_SHA} on {@code pull_request} events is the merge commit of head
   * into base, not the head commit; that is what gets checked out, so it is reported as-is. The
   * default branch is only in the event payload, not the environment.
   */
  private static CiInfo github(EnvLookup e) {
    return new CiInfo(
        CiVendor.GITHUB_ACTIONS,
        githubBranch(e),
        e.get("GITHUB_SHA"),
        Optional.empty(),
        e.get("GITHUB_BASE_REF"), // set only for pull_request(_target) events
        githubRunUrl(e));
  }

  private static Optional<String> githubBranch(EnvLookup e) {
    // GITHUB_HEAD_REF is set only for pull_request(_target) events: the source branch.
    Optional<String> headRef = e.get("GITHUB_HEAD_REF");
    if (headRef.isPresent()) {
      return headRef;
    }
    Optional<String> ref = e.get("GITHUB_REF");
    if (ref.isPresent()) {
      // The full ref is authoritative: refs/pull/N/merge or refs/tags/x are not branches, even
      // if GITHUB_REF_TYPE claims "branch".
      String r = ref.get();
      return r.startsWith("refs/heads/")
          ? Optional.of(r.substring("refs/heads/".length())).filter(b -> !b.isEmpty())
          : Optional.empty();
    }
    return "branch".equals(e.get("GITHUB_REF_TYPE").orElse(""))
        ? e.get("GITHUB_REF_NAME")
        : Optional.empty();
  }

  private static Optional<String> githubRunUrl(EnvLookup e) {
    Optional<String> server = e.get("GITHUB_SERVER_URL");
    Optional<String> repo = e.get("GITHUB_REPOSITORY");
    Optional<String> runId = e.get("GITHUB_RUN_ID");
    if (server.isEmpty() || repo.isEmpty() || runId.isEmpty()) {
      return Optional.empty();
    }
    String base = server.get().replaceAll("/+$", "");
    return Optional.of(base + "/" + repo.get() + "/actions/runs/" + runId.get());
  }

  /** GitLab CI: merge request pipelines set no {@code CI_COMMIT_BRANCH}, only the MR source. */
  private static CiInfo gitlab(EnvLookup e) {
    return new CiInfo(
        CiVendor.GITLAB_CI,
        e.get("CI_COMMIT_BRANCH").or(() -> e.get("CI_MERGE_REQUEST_SOURCE_BRANCH_NAME")),
        e.get("CI_COMMIT_SHA"),
        e.get("CI_DEFAULT_BRANCH"),
        e.get("CI_MERGE_REQUEST_TARGET_BRANCH_NAME"),
        e.get("CI_JOB_URL"));
  }

  /**
   * Jenkins. Multibranch pipelines set {@code BRANCH_NAME}, which for pull requests is the job name
   * {@code PR-123}; the real source branch is then in {@code CHANGE_BRANCH}. Freestyle jobs with
   * the Git plugin only have {@code GIT_BRANCH}, usually as {@code origin/main}.
   */
  private static CiInfo jenkins(EnvLookup e) {
    Optional<String> branch =
        e.get("CHANGE_BRANCH")
            .or(() -> e.get("BRANCH_NAME"))
            .or(() -> e.get("GIT_BRANCH").map(CiDetector::stripOrigin).filter(b -> !b.isEmpty()));
    return new CiInfo(
        CiVendor.JENKINS,
        branch,
        e.get("GIT_COMMIT"),
        Optional.empty(), // not exposed
        e.get("CHANGE_TARGET"),
        e.get("BUILD_URL"));
  }

  // Only "origin/" is stripped: other remote names cannot be told apart from a branch
  // that merely contains a slash (feature/x).
  private static String stripOrigin(String gitBranch) {
    return gitBranch.startsWith("origin/") ? gitBranch.substring("origin/".length()) : gitBranch;
  }

  /** Buildkite: {@code BUILDKITE_COMMIT} is literally {@code HEAD} until the agent resolves it. */
  private static CiInfo buildkite(EnvLookup e) {
    return new CiInfo(
        CiVendor.BUILDKITE,
        e.get("BUILDKITE_BRANCH"),
        e.get("BUILDKITE_COMMIT").filter(c -> !c.equals("HEAD")),
        e.get("BUILDKITE_PIPELINE_DEFAULT_BRANCH"),
        e.get("BUILDKITE_PULL_REQUEST_BASE_BRANCH"),
        e.get("BUILDKITE_BUILD_URL"));
  }
}
