package dev.azbuild.git;

import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The commit that changes are measured from, and how it was found.
 *
 * @param commit empty when no base could be found: the caller must then use content mode, never
 *     "nothing changed"
 * @param how one line for the log, e.g. "merge-base of feature-x and origin/main"
 * @param warnings what the user should know (fallbacks, deepened clones)
 */
public record BaseCommit(
    Optional<ObjectId> commit,
    String branch,
    String defaultBranch,
    String how,
    List<String> warnings) {

  public boolean found() {
    return commit.isPresent();
  }

  public Optional<String> sha() {
    return commit.map(ObjectId::name);
  }
}
