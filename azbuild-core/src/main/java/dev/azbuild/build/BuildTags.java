package dev.azbuild.build;

import dev.azbuild.plan.Mode;
import dev.azbuild.plan.ModuleDecision;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The tags a build puts on a module's image in the cache registry, and how log lines show them. */
final class BuildTags {

  private BuildTags() {}

  /** Content mode's tag for a module's inputs. */
  static String cacheTag(ModuleDecision d) {
    return "cache-" + d.inputHash();
  }

  /**
   * The tag an unchanged module's image is found under: its cache tag, or in diff mode the default
   * branch's.
   */
  static String unchangedSource(Mode mode, ModuleDecision d, BuildSettings settings) {
    return mode == Mode.CONTENT ? cacheTag(d) : settings.masterTag();
  }

  /**
   * The branch and commit tags after {@code first} (left out when it is one of them), the commit
   * last.
   */
  static List<String> following(String first, BuildSettings settings) {
    Set<String> tags = new LinkedHashSet<>(List.of(settings.branchTag(), settings.commit()));
    tags.remove(first);
    return List.copyOf(tags);
  }

  /** Commit SHAs and cache hashes shortened to 12 characters for log lines. */
  static String abbreviate(String tag) {
    if (tag.matches("[0-9a-f]{40}")) {
      return tag.substring(0, 12);
    }
    return tag.matches("cache-[0-9a-f]{64}") ? tag.substring(0, 18) : tag;
  }
}
