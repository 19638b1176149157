package dev.azbuild.plan;

import dev.azbuild.graph.ImageModule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What differs between two input trees of one module, said the way a user looks for it: files by
 * their path in the repository ({@code services/api/src/Main.java changed}), coordinates by name
 * and version ({@code dependency com.acme:util 1.2 -> 1.3}).
 */
final class InputTreeDiff {

  /** Changes named in a reason; the rest are counted. */
  static final int NAMED = 3;

  private static final Set<String> FILE_KINDS =
      Set.of("context", "dockerfile", "source", "extra", "dependency-source", "pom", "mvn-config");

  /**
   * One line of a tree: what it is ({@code key}), how to name it, and its value.
   *
   * @param showValue whether a change names the old and new value (versions) or just says "changed"
   */
  private record Entry(String key, String name, String value, boolean showValue) {}

  private InputTreeDiff() {}

  /**
   * Every difference, in the order of the trees (the current one's, then what was removed). Lines
   * of upstream modules that rebuild are left out: the reason "upstream … rebuilds" already says
   * it.
   */
  static List<String> changes(
      List<String> before,
      List<String> after,
      ImageModule module,
      Predicate<String> upstreamRebuilds) {
    String formatBefore = before.isEmpty() ? "" : before.get(0);
    String formatAfter = after.isEmpty() ? "" : after.get(0);
    if (!formatBefore.equals(formatAfter)) {
      // a new azbuild hashes other inputs: comparing line by line would name everything
      return List.of(
          "azbuild's input format changed (" + formatBefore + " -> " + formatAfter + ")");
    }
    Map<String, Entry> old = entries(before, module);
    Map<String, Entry> now = entries(after, module);
    Set<String> changes = new LinkedHashSet<>();
    for (Entry e : now.values()) {
      if (e.key().startsWith("upstream ")
          && upstreamRebuilds.test(e.key().substring("upstream ".length()))) {
        continue;
      }
      Entry was = old.get(e.key());
      if (was == null) {
        changes.add(e.name() + (e.showValue() ? " " + e.value() : "") + " added");
      } else if (!was.value().equals(e.value())) {
        changes.add(
            e.name() + (e.showValue() ? " " + was.value() + " -> " + e.value() : " changed"));
      }
    }
    for (Entry e : old.values()) {
      if (!now.containsKey(e.key())) {
        changes.add(e.name() + (e.showValue() ? " " + e.value() : "") + " removed");
      }
    }
    return List.copyOf(changes);
  }

  /** Up to {@value #NAMED} changes, then {@code and N more}. */
  static String summary(List<String> changes) {
    if (changes.size() <= NAMED) {
      return String.join(", ", changes);
    }
    return String.join(", ", changes.subList(0, NAMED))
        + " and "
        + (changes.size() - NAMED)
        + " more";
  }

  private static Map<String, Entry> entries(List<String> tree, ImageModule module) {
    Map<String, Entry> entries = new LinkedHashMap<>();
    for (int i = 1; i < tree.size(); i++) {
      Entry e = parse(tree.get(i), module);
      entries.put(e.key(), e);
    }
    return entries;
  }

  private static Entry parse(String line, ImageModule module) {
    String[] f = line.split(" ", 4);
    String kind = f[0];
    if (kind.equals("dockerfile") && f.length == 3 && f[2].equals("missing")) {
      return file(module.dockerfile(), "missing");
    }
    if (FILE_KINDS.contains(kind) && f.length == 4) {
      String path =
          switch (kind) {
            case "context" -> under(module.contextDir(), f[3]);
            case "source" -> under(module.dir(), f[3]);
            case "dockerfile" -> module.dockerfile();
            default -> f[3];
          };
      return file(path, kind + " " + f[1] + " " + f[2]);
    }
    return switch (kind) {
      case "dependency" -> coordinate(line, "dependency", f[1], 4, true);
      case "plugin" ->
          f.length == 4 && f[2].equals("dependency")
              ? pluginDependency(f[1], f[3])
              : coordinate(line, "plugin", f[1], 2, true);
      case "parent" -> coordinate(line, "parent", f[1], 2, true);
      case "snapshot" -> new Entry("snapshot " + f[1], "snapshot " + f[1], line, false);
      case "arg" -> {
        int eq = line.indexOf('=');
        String name = eq > 0 ? line.substring(4, eq) : line.substring(4);
        yield new Entry("arg " + name, "build arg " + name, line, false);
      }
      case "upstream" -> new Entry("upstream " + f[1], "upstream " + f[1], line, false);
      default -> new Entry(line, line, line, false);
    };
  }

  private static Entry file(String path, String value) {
    return new Entry("file " + path, path, value, false);
  }

  /**
   * {@code g:a:...} with the version at field {@code versionAt}: keyed without it, named by g:a.
   */
  private static Entry coordinate(
      String line, String kind, String coordinate, int versionAt, boolean showValue) {
    String[] parts = coordinate.split(":", -1);
    if (parts.length <= versionAt) {
      return new Entry(line, line, line, false);
    }
    List<String> key = new ArrayList<>(List.of(parts));
    String version = key.remove(versionAt);
    return new Entry(
        kind + " " + String.join(":", key),
        kind + " " + parts[0] + ":" + parts[1],
        version,
        showValue);
  }

  /**
   * {@code plugin g:a:v dependency g2:a2:t:c:v2}: keyed by both names, valued by the dependency's
   * version.
   */
  private static Entry pluginDependency(String plugin, String dependency) {
    String[] p = plugin.split(":", -1);
    String[] d = dependency.split(":", -1);
    if (p.length < 2 || d.length < 5) {
      return new Entry(
          plugin + " " + dependency, "plugin " + plugin + " dependency " + dependency, "", false);
    }
    return new Entry(
        "plugin "
            + p[0]
            + ":"
            + p[1]
            + " dependency "
            + d[0]
            + ":"
            + d[1]
            + ":"
            + d[2]
            + ":"
            + d[3],
        "plugin " + p[0] + ":" + p[1] + " dependency " + d[0] + ":" + d[1],
        d[4],
        true);
  }

  private static String under(String dir, String relative) {
    return dir.isEmpty() ? relative : dir + "/" + relative;
  }
}
