package dev.azbuild.dockerfile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules of a {@code .dockerignore} file, with the semantics of moby's patternmatcher: patterns
 * are cleaned paths relative to the context, {@code *} and {@code ?} stay within one path segment,
 * {@code **} spans segments, a pattern excludes a path when it matches the path or one of its
 * parent directories, and the last matching rule wins ({@code !} re-includes).
 *
 * <p>Written here rather than taken from docker-java's {@code GoLangFileMatch}, which does not give
 * {@code **}/ its moby meaning ({@code **}/*.md must match {@code README.md} at the root).
 */
public final class DockerIgnore {

  private record Rule(Pattern pattern, boolean exclusion) {}

  private static final DockerIgnore EMPTY = new DockerIgnore(List.of());

  private final List<Rule> rules;

  private DockerIgnore(List<Rule> rules) {
    this.rules = rules;
  }

  public static DockerIgnore none() {
    return EMPTY;
  }

  /** Reads {@code <context>/.dockerignore}; no file means nothing is ignored. */
  public static DockerIgnore read(Path contextDir) throws IOException {
    Path file = contextDir.resolve(".dockerignore");
    if (!Files.isRegularFile(file)) {
      return EMPTY;
    }
    return parse(Files.readString(file, StandardCharsets.UTF_8));
  }

  public static DockerIgnore parse(String content) {
    List<Rule> rules = new ArrayList<>();
    if (content.startsWith("\uFEFF")) {
      content = content.substring(1); // moby trims a UTF-8 BOM
    }
    for (String raw : content.split("\r?\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      boolean exclusion = line.startsWith("!");
      if (exclusion) {
        line = line.substring(1).strip();
      }
      String cleaned = clean(line);
      if (cleaned.isEmpty()) {
        continue;
      }
      rules.add(new Rule(Pattern.compile(toRegex(cleaned)), exclusion));
    }
    return new DockerIgnore(List.copyOf(rules));
  }

  public boolean isEmpty() {
    return rules.isEmpty();
  }

  /** Whether a context-relative path ({@code /}-separated) is left out of the build context. */
  public boolean isIgnored(String relativePath) {
    boolean ignored = false;
    for (Rule rule : rules) {
      if (ignored == !rule.exclusion) {
        continue; // this rule cannot change the outcome
      }
      if (matchesSelfOrParent(rule.pattern, relativePath)) {
        ignored = !rule.exclusion;
      }
    }
    return ignored;
  }

  private static boolean matchesSelfOrParent(Pattern pattern, String path) {
    if (pattern.matcher(path).matches()) {
      return true;
    }
    for (int slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
      if (pattern.matcher(path.substring(0, slash)).matches()) {
        return true;
      }
    }
    return false;
  }

  /**
   * filepath.Clean of a slash path, without a leading slash (docker strips it). As in Go, a leading
   * {@code ..} of a relative path stays (such a pattern matches nothing in the context).
   */
  private static String clean(String path) {
    boolean rooted = path.startsWith("/");
    List<String> parts = new ArrayList<>();
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (!parts.isEmpty() && !parts.get(parts.size() - 1).equals("..")) {
          parts.remove(parts.size() - 1);
        } else if (!rooted) {
          parts.add(part);
        }
        continue;
      }
      parts.add(part);
    }
    return String.join("/", parts);
  }

  /** The translation moby's patternmatcher does (Pattern.compile of the Go pattern). */
  private static String toRegex(String pattern) {
    StringBuilder re = new StringBuilder();
    int n = pattern.length();
    for (int i = 0; i < n; i++) {
      char c = pattern.charAt(i);
      if (c == '*') {
        if (i + 1 < n && pattern.charAt(i + 1) == '*') {
          i++; // "**"
          if (i + 1 < n && pattern.charAt(i + 1) == '/') {
            i++; // "**/" also matches nothing at all
            re.append("(?:.*/)?");
          } else {
            re.append(".*");
          }
        } else {
          re.append("[^/]*");
        }
      } else if (c == '?') {
        re.append("[^/]");
      } else if (c == '\\' && i + 1 < n) {
        re.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
      } else if (c == '[') {
        int end = pattern.indexOf(']', i + 1);
        if (end < 0) {
          re.append("\\[");
        } else {
          String body = pattern.substring(i + 1, end);
          if (body.startsWith("!")) {
            body = "^" + body.substring(1);
          }
          re.append('[').append(body.replace("[", "\\[").replace("&&", "\\&\\&")).append(']');
          i = end;
        }
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return re.toString();
  }
}
