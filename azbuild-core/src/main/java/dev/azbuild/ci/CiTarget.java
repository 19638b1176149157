package dev.azbuild.ci;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A CI system azbuild writes configuration for, and where that file lives below the repository
 * root.
 */
public enum CiTarget {
  /**
   * CircleCI refuses a compiled config over 8 MB ("A compiled config YAML must be at most 8MB",
   * support.circleci.com article 360045043634); compiled means orbs, anchors and commands expanded.
   */
  CIRCLECI(
      "circleci",
      ".circleci/config.yml",
      8_000_000L,
      "CircleCI's 8 MB limit for a compiled config (it would not run)"),
  /**
   * GitHub starts no run from a workflow file over 500 KB
   * (docs.github.com/en/actions/reference/limits; users measured the threshold at 512,000 bytes).
   */
  GITHUB(
      "github",
      ".github/workflows/azbuild.yml",
      512_000L,
      "GitHub's 500 KB (512,000 bytes) limit per workflow file (GitHub would start no run from it)");

  private final String id;
  private final String path;
  private final long maxBytes;
  private final String limitText;

  CiTarget(String id, String path, long maxBytes, String limitText) {
    this.id = id;
    this.path = path;
    this.maxBytes = maxBytes;
    this.limitText = limitText;
  }

  /**
   * The most bytes the vendor accepts, of the file (GitHub) or of the compiled config (CircleCI).
   */
  public long maxBytes() {
    return maxBytes;
  }

  String limitText() {
    return limitText;
  }

  /**
   * The size the vendor's limit applies to: the file's UTF-8 bytes, for CircleCI after expanding
   * commands.
   */
  public long measuredSize(String text) {
    String measured = this == CIRCLECI ? CircleCiConfig.compiled(text) : text;
    return measured.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }

  String measuredWhat() {
    return this == CIRCLECI ? " compiled (commands expanded into the jobs)" : "";
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
      result.add(
          Arrays.stream(values())
              .filter(t -> t.id.equals(name))
              .findFirst()
              .orElseThrow(
                  () ->
                      new CiConfigException(
                          parameter
                              + ": unknown target '"
                              + raw.strip()
                              + "'; use "
                              + String.join(", ", ids())
                              + " (comma-separated)")));
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
