package dev.azbuild.patterns;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The patterns that decide whether a module rebuilds: the lines of its {@code .rebuild_patterns}
 * file, or {@link #defaults(String) everything under the module's directory}.
 *
 * <p>Each line is a POSIX extended regular expression, matched against changed paths (relative to
 * the git root, {@code /}-separated) as {@code grep -E -f .rebuild_patterns} would: anywhere in the
 * path unless anchored with {@code ^} or {@code $} (see {@link EreTranslator} for the dialect). A
 * path matches if any line matches it. Unlike grep:
 *
 * <ul>
 *   <li>lines that are empty or contain only white space are ignored (grep would match every path
 *       with an empty line, and a line of spaces only paths with spaces);
 *   <li>lines whose first character is {@code #} are comments ({@code " #x"} is a pattern);
 *   <li>a UTF-8 byte order mark at the start of the file and a CR before each LF are dropped.
 * </ul>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class RebuildPatterns {

  /** The name of the pattern file in a module's directory. */
  public static final String FILE_NAME = ".rebuild_patterns";

  /** A changed path and the pattern line, as written, that matched it. */
  public record Match(String path, String pattern) {}

  /**
   * One pattern line; see {@link EreTranslator.Translation} for {@code prefix} and {@code
   * prefixOnly}. {@code pattern} is null when the prefix is all it asks.
   */
  private record Rule(String source, Pattern pattern, String prefix, boolean prefixOnly) {
    boolean matches(String path) {
      if (prefix == null) {
        return regexMatches(path);
      }
      return path.startsWith(prefix) && (prefixOnly || regexMatches(path));
    }

    private boolean regexMatches(String path) {
      try {
        Matcher matcher = pattern.matcher(path);
        // With a prefix, the expression is anchored: no need to try every start position.
        return prefix != null ? matcher.lookingAt() : matcher.find();
      } catch (StackOverflowError e) {
        // java.util.regex recurses once per repetition of an alternation, e.g. (a|b)* on long
        // paths.
        throw new IllegalStateException(
            "pattern '"
                + source
                + "' is too complex to match a path of "
                + path.length()
                + " characters; simplify it, e.g. use [ab]* instead of (a|b)*: "
                + path,
            e);
      }
    }
  }

  private final Path file;
  private final List<Rule> rules;
  private final boolean isDefault;

  private RebuildPatterns(Path file, List<Rule> rules, boolean isDefault) {
    this.file = file;
    this.rules = List.copyOf(rules);
    this.isDefault = isDefault;
  }

  /**
   * Reads a pattern file (UTF-8).
   *
   * @throws IOException if the file cannot be read or is not valid UTF-8
   * @throws InvalidRebuildPatternException for the first line that is not a usable expression
   */
  public static RebuildPatterns read(Path file) throws IOException, InvalidRebuildPatternException {
    String content;
    try {
      content = Files.readString(file, StandardCharsets.UTF_8);
    } catch (CharacterCodingException e) {
      throw new IOException(file + ": not valid UTF-8 text", e);
    }
    return parse(file, content);
  }

  /**
   * Parses pattern-file content.
   *
   * @param sourceName where the content comes from, normally the file's path; becomes {@link
   *     #file()} and names the file in error messages
   * @throws InvalidRebuildPatternException for the first line that is not a usable expression
   */
  public static RebuildPatterns parse(String sourceName, String content)
      throws InvalidRebuildPatternException {
    return parse(Path.of(sourceName), content);
  }

  private static RebuildPatterns parse(Path file, String content)
      throws InvalidRebuildPatternException {
    String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
    String[] lines = text.split("\n", -1);
    List<Rule> rules = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      String line =
          lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
      if (!line.isBlank() && !line.startsWith("#")) {
        rules.add(compile(file, i + 1, line));
      }
    }
    return new RebuildPatterns(file, rules, false);
  }

  private static Rule compile(Path file, int line, String ere)
      throws InvalidRebuildPatternException {
    try {
      return rule(ere);
    } catch (UnsupportedEreException e) {
      throw new InvalidRebuildPatternException(file, line, ere, e.reason());
    } catch (PatternSyntaxException e) {
      // Would be a translator bug; still report it against the line that caused it.
      throw new InvalidRebuildPatternException(
          file, line, ere, "java.util.regex cannot compile its translation: " + e.getDescription());
    }
  }

  private static Rule rule(String ere) throws UnsupportedEreException {
    EreTranslator.Translation translation = EreTranslator.translate(ere);
    // a literal prefix alone (every default, most files' lines) needs no regex: none is compiled
    Pattern pattern =
        translation.prefix() != null && translation.prefixOnly()
            ? null
            : Pattern.compile(translation.java(), Pattern.UNIX_LINES);
    return new Rule(ere, pattern, translation.prefix(), translation.prefixOnly());
  }

  /**
   * The patterns of a module without a pattern file: every path under its directory.
   *
   * @param moduleDir the module's directory relative to the git root, {@code /}-separated, without
   *     leading or trailing {@code /} ({@code services/api}); empty for a module at the git root,
   *     which then matches every path
   */
  public static RebuildPatterns defaults(String moduleDir) {
    Objects.requireNonNull(moduleDir, "moduleDir");
    if (moduleDir.startsWith("/") || moduleDir.endsWith("/")) {
      throw new IllegalArgumentException(
          "module directory must be relative to the git root, without a leading or trailing '/': '"
              + moduleDir
              + "'");
    }
    String ere = moduleDir.isEmpty() ? "^" : "^" + EreTranslator.quote(moduleDir) + "/";
    try {
      return new RebuildPatterns(null, List.of(rule(ere)), true);
    } catch (UnsupportedEreException e) {
      throw new IllegalStateException("escaped literal did not translate: " + ere, e);
    }
  }

  /** The pattern file these patterns were read from; null for {@link #defaults(String)}. */
  public Path file() {
    return file;
  }

  /** The pattern lines as written, in file order, without comments and blank lines. */
  public List<String> sources() {
    return rules.stream().map(Rule::source).toList();
  }

  /** True if there are no patterns, so that no path matches. */
  public boolean isEmpty() {
    return rules.isEmpty();
  }

  /** True for {@link #defaults(String)}. */
  public boolean isDefault() {
    return isDefault;
  }

  /** True if any pattern matches {@code path}. */
  public boolean matches(String path) {
    return firstRule(path) != null;
  }

  /** The first path, in iteration order, that any pattern matches, with the first such pattern. */
  public Optional<Match> firstMatch(Iterable<String> paths) {
    for (String path : paths) {
      Rule rule = firstRule(path);
      if (rule != null) {
        return Optional.of(new Match(path, rule.source()));
      }
    }
    return Optional.empty();
  }

  private Rule firstRule(String path) {
    for (Rule rule : rules) {
      if (rule.matches(path)) {
        return rule;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return "RebuildPatterns[" + (isDefault ? "default" : file) + ": " + sources() + "]";
  }
}
