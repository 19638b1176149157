package dev.azbuild.change;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * The files changed since the base commit, with the seed's semantics: {@code git diff --name-only
 * --no-renames base head}, so deletions and both sides of a rename count.
 */
public final class ChangedFiles {

  private ChangedFiles() {}

  /** Committed changes between two commits; identical subtrees are skipped without reading them. */
  public static List<String> between(GitRepo git, ObjectId base, ObjectId head) throws GitException {
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
      throw new GitException("cannot diff " + base.name() + ".." + head.name() + ": " + e.getMessage(), e);
    }
    return changed;
  }

  /**
   * The changed files the rebuild rules look at: committed changes between base and {@code head}
   * when a head commit is given, else {@link #sinceWithWorkTree} (HEAD plus the work tree).
   */
  public static List<String> since(GitRepo git, ObjectId base, java.util.Optional<ObjectId> head)
      throws GitException {
    return head.isPresent()
        ? between(git, base, head.get())
        : sinceWithWorkTree(git, base, RepoSnapshot.ofWorkingTree(git));
  }

  /**
   * Committed changes between base and HEAD, plus what is staged, unstaged or untracked (not
   * ignored) in the work tree: what a developer's next commit would bring.
   */
  public static List<String> sinceWithWorkTree(GitRepo git, ObjectId base, RepoSnapshot workTree)
      throws GitException {
    ObjectId head = git.head();
    TreeSet<String> changed = new TreeSet<>(between(git, base, head));
    changed.addAll(RepoSnapshot.changedPaths(RepoSnapshot.ofCommit(git, head), workTree));
    return new ArrayList<>(changed);
  }
}
