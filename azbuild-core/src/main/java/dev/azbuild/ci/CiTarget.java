package dev.azbuild.ci;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** A CI system azbuild writes configuration for, and where that file lives below the repository root. */
public enum CiTarget {
  CIRCLECI("circleci", ".circleci/config.yml"),
  GITHUB("github", ".github/workflows/azbuild.yml");

  private final String id;
  private final String path;

  CiTarget(String id, String path) {
    this.id = id;
    this.path = path;
  }

  public String id() {
    return id;
  }

  /** The file, relative to the reactor root, with '/' separators. */
  public String path() {
    return path;
  }

  /**
   * Parses a comma-separated list such as {@code circleci,github}; blank means every target.
   *
   * @throws CiConfigException naming the unknown target and the known ones
   */
  public static Set<CiTarget> parseList(String list, String parameter) throws CiConfigException {
    if (list == null || list.isBlank()) {
      return EnumSet.allOf(CiTarget.class);
    }
    Set<CiTarget> result = EnumSet.noneOf(CiTarget.class);
    for (String raw : list.split(",")) {
      String name = raw.strip().toLowerCase(Locale.ROOT);
      if (name.isEmpty()) {
        continue;
      }
      result.add(Arrays.stream(values()).filter(t -> t.id.equals(name)).findFirst()
          .orElseThrow(() -> new CiConfigException(parameter + ": unknown target '" + raw.strip() + "'; use "
              + String.join(", ", ids()) + " (comma-separated)")));
    }
    if (result.isEmpty()) {
      return EnumSet.allOf(CiTarget.class);
    }
    return result;
  }

  private static List<String> ids() {
    List<String> ids = new ArrayList<>();
    for (CiTarget t : values()) {
      ids.add(t.id);
    }
    return ids;
  }
}
