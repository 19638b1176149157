package dev.azbuild.git;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files changed since the base commit, with the bash scripts' semantics: {@code git diff
 * --name-only --no-renames base head}, so deletions and both sides of a rename count.
 */
public final class ChangedFiles {

  private static final Logger LOG = LoggerFactory.getLogger(ChangedFiles.class);

  private ChangedFiles() {}

  /** Committed changes between two commits; identical subtrees are skipped without reading them. */
  public static List<String> between(GitRepo git, ObjectId base, ObjectId head)
      throws GitException {
    List<String> changed = new ArrayList<>();
    try (ObjectReader reader = git.repository().newObjectReader();
        RevWalk rw = new RevWalk(reader);
        TreeWalk walk = new TreeWalk(git.repository(), reader)) {
      walk.addTree(rw.parseCommit(base).getTree());
      walk.addTree(rw.parseCommit(head).getTree());
      walk.setRecursive(true);
      walk.setFilter(TreeFilter.ANY_DIFF);
      while (walk.next()) {
        changed.add(walk.getPathString());
      }
    } catch (IOException e) {
      throw new GitException(
          "cannot diff " + base.name() + ".." + head.name() + ": " + e.getMessage(), e);
    }
    return changed;
  }

  /**
   * The changed files the rebuild rules look at: committed changes between base and {@code head}
   * when a head commit is given, else committed changes between base and HEAD plus {@link
   * #uncommitted}: what a developer's next commit would bring.
   */
  public static List<String> since(GitRepo git, ObjectId base, Optional<ObjectId> head)
      throws GitException {
    if (head.isPresent()) {
      return between(git, base, head.get());
    }
    TreeSet<String> changed = new TreeSet<>(between(git, base, git.head()));
    changed.addAll(uncommitted(git));
    return new ArrayList<>(changed);
  }

  /**
   * What is staged, unstaged or untracked (not ignored) relative to HEAD ({@link
   * SnapshotReader#uncommitted}): the git command's status where it is installed, else JGit's HEAD
   * tree beside its work-tree walk.
   */
  public static List<String> uncommitted(GitRepo git) throws GitException {
    if (git.cli().isPresent()) {
      try {
        return git.reader().uncommitted();
      } catch (GitException e) {
        LOG.warn("{}; reading the work tree with JGit instead", e.getMessage());
      }
    }
    return git.jgitReader().uncommitted();
  }
}
