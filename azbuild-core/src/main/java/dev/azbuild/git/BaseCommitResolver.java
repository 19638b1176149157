package dev.azbuild.git;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Finds the base commit without any CI vendor API. On a branch: the merge-base with the default
 * branch. On the default branch: the last commit whose whole graph deployed (a marker deploy
 * records in the registry), else HEAD~1 with a warning. An explicit base wins. A shallow clone is
 * deepened step by step; a base that still cannot be found is reported as missing so the caller
 * falls back to content mode.
 */
public final class BaseCommitResolver {

  /** Depths tried in turn on a shallow clone; 0 means the whole history. */
  private static final int[] DEEPEN_STEPS = {50, 500, 0};

  /**
   * @param explicitBase {@code azbuild.base}, if given
   * @param branch the branch being built, from configuration, the CI, or git; empty if unknown
   * @param defaultBranch configured default branch, or empty to detect origin/main, origin/master
   * @param deployedCommit the last fully deployed commit recorded by deploy, if any
   * @param allowFetch whether the clone may be deepened from origin
   * @param targetBranch the branch a pull/merge request targets, when this build is one: a branch
   *     is compared with what it will merge into, which need not be the default branch
   */
  public record Request(
      Optional<String> explicitBase,
      Optional<String> branch,
      Optional<String> defaultBranch,
      Optional<String> deployedCommit,
      boolean allowFetch,
      Optional<String> targetBranch) {

    public Request(
        Optional<String> explicitBase,
        Optional<String> branch,
        Optional<String> defaultBranch,
        Optional<String> deployedCommit,
        boolean allowFetch) {
      this(explicitBase, branch, defaultBranch, deployedCommit, allowFetch, Optional.empty());
    }
  }

  private final GitRepo git;

  public BaseCommitResolver(GitRepo git) {
    this.git = git;
  }

  public BaseCommit resolve(Request request, ObjectId head) throws GitException {
    String defaultBranch =
        request.defaultBranch().filter(s -> !s.isBlank()).orElseGet(this::detectDefaultBranch);
    List<String> warnings = new ArrayList<>();
    if (request.explicitBase().isPresent()) {
      return explicit(request.explicitBase().get(), head, request, defaultBranch, warnings);
    }
    String branch =
        request
            .branch()
            .filter(s -> !s.isBlank())
            .orElseThrow(
                () ->
                    new GitException(
                        "HEAD is detached in "
                            + git.workTree()
                            + " and no branch is known; set -Dazbuild.branch=NAME"
                            + " or the CI's branch variable (CIRCLE_BRANCH, GITHUB_HEAD_REF/GITHUB_REF_NAME,"
                            + " CI_COMMIT_BRANCH, BRANCH_NAME, BUILDKITE_BRANCH)"));
    if (branch.equals(defaultBranch)) {
      return onDefaultBranch(request, branch, head, warnings);
    }
    String target =
        request.targetBranch().filter(t -> !t.isBlank() && !t.equals(branch)).orElse(defaultBranch);
    BaseCommit base = onBranch(request, branch, target, head, warnings);
    // the report names the real default branch: setenv's AZBUILD_IS_DEFAULT_BRANCH and deploy read
    // it
    return new BaseCommit(
        base.commit(),
        base.branch(),
        defaultBranch,
        target.equals(defaultBranch) ? base.how() : base.how() + " (pull request target)",
        base.warnings());
  }

  private BaseCommit explicit(
      String base, ObjectId head, Request request, String defaultBranch, List<String> warnings)
      throws GitException {
    Optional<ObjectId> commit = git.findCommit(base);
    if (commit.isEmpty() && request.allowFetch() && git.isShallow()) {
      commit = deepenUntil(() -> git.findCommit(base), request, defaultBranch, warnings);
    }
    ObjectId id =
        commit.orElseThrow(
            () ->
                new GitException(
                    "azbuild.base="
                        + base
                        + " is not a commit in "
                        + git.workTree()
                        + "; give the SHA or ref of a commit that exists in this clone"));
    if (!git.isAncestor(id, head)) {
      throw new GitException(
          "azbuild.base="
              + base
              + " is not an ancestor of "
              + head.name()
              + "; give a commit from the history of the commit being built");
    }
    return new BaseCommit(
        Optional.of(id),
        request.branch().orElse(""),
        defaultBranch,
        "azbuild.base=" + base,
        warnings);
  }

  private BaseCommit onDefaultBranch(
      Request request, String branch, ObjectId head, List<String> warnings) throws GitException {
    if (request.deployedCommit().isPresent()) {
      String deployed = request.deployedCommit().get();
      Optional<ObjectId> commit = git.findCommit(deployed);
      if (commit.isEmpty() && request.allowFetch() && git.isShallow()) {
        commit = deepenUntil(() -> git.findCommit(deployed), request, branch, warnings);
      }
      if (commit.isPresent() && git.isAncestor(commit.get(), head)) {
        return new BaseCommit(
            commit, branch, branch, "last fully deployed commit " + abbreviate(deployed), warnings);
      }
      warnings.add(
          "the last deployed commit "
              + abbreviate(deployed)
              + " is not in the history of HEAD;"
              + " using HEAD~1");
    } else {
      warnings.add(
          "no deployed-commit marker found (azbuild:deploy records it); using HEAD~1 as the base on "
              + branch);
    }
    Optional<ObjectId> parent = git.firstParent(head);
    if (parent.isEmpty() && request.allowFetch() && git.isShallow()) {
      parent = deepenUntil(() -> git.firstParent(head), request, branch, warnings);
    }
    if (parent.isEmpty()) {
      warnings.add("HEAD has no parent commit in this clone; no base commit");
      return new BaseCommit(Optional.empty(), branch, branch, "no base", warnings);
    }
    return new BaseCommit(parent, branch, branch, "HEAD~1", warnings);
  }

  private BaseCommit onBranch(
      Request request, String branch, String defaultBranch, ObjectId head, List<String> warnings)
      throws GitException {
    Optional<ObjectId> target = defaultBranchTip(defaultBranch);
    Optional<ObjectId> base = target.flatMap(t -> git.mergeBase(head, t));
    if (base.isEmpty() && request.allowFetch() && (git.isShallow() || target.isEmpty())) {
      base =
          deepenUntil(
              () -> defaultBranchTip(defaultBranch).flatMap(t -> git.mergeBase(head, t)),
              request,
              defaultBranch,
              warnings);
    }
    if (base.isEmpty()) {
      warnings.add(
          target.isEmpty() && defaultBranchTip(defaultBranch).isEmpty()
              ? "the default branch "
                  + defaultBranch
                  + " is not in this clone (no origin/"
                  + defaultBranch
                  + "); set -Dazbuild.defaultBranch or fetch it"
              : "no merge-base of " + branch + " and " + defaultBranch + " in this clone");
      return new BaseCommit(Optional.empty(), branch, defaultBranch, "no base", warnings);
    }
    return new BaseCommit(
        base, branch, defaultBranch, "merge-base of " + branch + " and " + defaultBranch, warnings);
  }

  private interface Lookup {
    Optional<ObjectId> find() throws GitException;
  }

  private Optional<ObjectId> deepenUntil(
      Lookup lookup, Request request, String defaultBranch, List<String> warnings)
      throws GitException {
    Set<String> branches = new LinkedHashSet<>();
    request.branch().ifPresent(branches::add);
    branches.add(defaultBranch);
    for (int depth : DEEPEN_STEPS) {
      if (!git.isShallow() && depth > 0 && defaultBranchTip(defaultBranch).isPresent()) {
        break; // nothing left to fetch
      }
      if (!git.deepen(depth, branches)) {
        warnings.add("could not fetch more history from origin");
        return Optional.empty();
      }
      warnings.add(
          "shallow clone: fetched history " + (depth > 0 ? "to depth " + depth : "in full"));
      Optional<ObjectId> found = lookup.find();
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private Optional<ObjectId> defaultBranchTip(String defaultBranch) {
    return git.ref("refs/remotes/origin/" + defaultBranch)
        .or(() -> git.ref("refs/heads/" + defaultBranch));
  }

  /** origin/HEAD's target, else main or master (remote first), else "main". */
  /**
   * origin/HEAD's target, else main or master on origin, else locally; {@code main} when none
   * exists.
   */
  public String detectDefaultBranch() {
    try {
      var head = git.repository().exactRef("refs/remotes/origin/HEAD");
      if (head != null && head.isSymbolic()) {
        return head.getTarget().getName().substring("refs/remotes/origin/".length());
      }
    } catch (java.io.IOException | GitException e) {
      // fall through to the usual names
    }
    for (String name : List.of("main", "master")) {
      if (git.ref("refs/remotes/origin/" + name).isPresent()) {
        return name;
      }
    }
    for (String name : List.of("main", "master")) {
      if (git.ref("refs/heads/" + name).isPresent()) {
        return name;
      }
    }
    return "main";
  }

  private static String abbreviate(String sha) {
    return sha.length() > 12 ? sha.substring(0, 12) : sha;
  }
}
