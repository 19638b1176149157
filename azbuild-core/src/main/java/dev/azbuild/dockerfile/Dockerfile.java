package dev.azbuild.dockerfile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What azbuild needs to know of a Dockerfile: its stages ({@code FROM image [AS name]}) and the
 * images it copies from ({@code COPY --from=image}). Global {@code ARG}s declared before the first
 * {@code FROM} are substituted with their defaults or the given build args, as docker does.
 */
public record Dockerfile(Path file, List<Stage> stages, List<ImageUse> copiedFrom) {

  /** One {@code FROM} line. {@code name} is the stage name after {@code AS}, if any. */
  public record Stage(String base, Optional<String> name, int line) {}

  /** An image reference used by a {@code COPY --from=} on a line. */
  public record ImageUse(String image, int line) {}

  private static final Pattern ARG = Pattern.compile("(?i)^ARG\\s+(.+)$");

  /** One {@code name[=default]} of an ARG line, which may declare several. */
  private static final Pattern ARG_ENTRY =
      Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)(?:=(\"[^\"]*\"|'[^']*'|\\S*))?(?:\\s+|$)");

  private static final Pattern FROM =
      Pattern.compile("(?i)^FROM\\s+(?:--\\S+\\s+)*(\\S+)(?:\\s+AS\\s+(\\S+))?\\s*$");
  private static final Pattern COPY_FROM = Pattern.compile("(?i)^(?:COPY|ADD)\\s.*?--from=(\\S+)");
  static final Pattern LINE_BREAK = Pattern.compile("\r?\n");
  private static final Pattern VAR =
      Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?}|\\$([A-Za-z_][A-Za-z0-9_]*)");

  public static Dockerfile read(Path file, Map<String, String> buildArgs) throws IOException {
    return parse(file, Files.readString(file, StandardCharsets.UTF_8), buildArgs);
  }

  public static Dockerfile parse(Path file, String content, Map<String, String> buildArgs) {
    Map<String, String> globalArgs = new HashMap<>();
    List<Stage> stages = new ArrayList<>();
    List<ImageUse> copies = new ArrayList<>();
    for (LogicalLine line : logicalLines(content)) {
      String text = line.text();
      // the keyword first: most lines (RUN, COPY without --from, ...) need no regex at all
      if (stages.isEmpty() && declaresGlobalArgs(text, globalArgs, buildArgs)) {
        continue;
      }
      Matcher from = fromMatcher(text);
      if (from != null) {
        String base = substitute(from.group(1), globalArgs);
        stages.add(
            new Stage(
                base,
                Optional.ofNullable(from.group(2)).map(s -> s.toLowerCase(Locale.ROOT)),
                line.number()));
        continue;
      }
      Matcher copy = copyFromMatcher(text);
      if (copy != null) {
        copies.add(new ImageUse(copy.group(1), line.number()));
      }
    }
    return new Dockerfile(file, List.copyOf(stages), List.copyOf(copies));
  }

  /**
   * Reads a global {@code ARG} line (before the first {@code FROM}) into {@code globalArgs}, as
   * docker does: a default may use earlier ARGs, a build arg overrides it.
   *
   * @return whether {@code text} is an ARG line
   */
  static boolean declaresGlobalArgs(
      String text, Map<String, String> globalArgs, Map<String, String> buildArgs) {
    Matcher arg = startsWithKeyword(text, "ARG") ? ARG.matcher(text) : null;
    if (arg == null || !arg.matches()) {
      return false;
    }
    String declarations = arg.group(1).strip();
    Matcher entry = ARG_ENTRY.matcher(declarations);
    for (int pos = 0; pos < declarations.length(); pos = entry.end()) {
      entry.region(pos, declarations.length());
      if (!entry.lookingAt()) {
        break;
      }
      String raw = entry.group(2);
      // a default may use earlier ARGs, as docker expands it (not inside single quotes)
      String fallback =
          raw == null
              ? ""
              : raw.startsWith("'") ? unquote(raw) : substitute(unquote(raw), globalArgs);
      globalArgs.put(entry.group(1), buildArgs.getOrDefault(entry.group(1), fallback));
    }
    return true;
  }

  /**
   * A matched {@code FROM} line (group 1 the image as written, group 2 the stage name), or null.
   */
  static Matcher fromMatcher(String text) {
    Matcher from = startsWithKeyword(text, "FROM") ? FROM.matcher(text) : null;
    return from != null && from.matches() ? from : null;
  }

  /** A {@code COPY}/{@code ADD} line's {@code --from=} (group 1 its value), or null. */
  static Matcher copyFromMatcher(String text) {
    if (!startsWithKeyword(text, "COPY") && !startsWithKeyword(text, "ADD")) {
      return null;
    }
    Matcher copy = COPY_FROM.matcher(text);
    return copy.find() ? copy : null;
  }

  /**
   * Whether a line may start with the instruction: a cheap test before its (case-insensitive)
   * regex.
   */
  private static boolean startsWithKeyword(String line, String keyword) {
    return line.regionMatches(true, 0, keyword, 0, keyword.length());
  }

  /** Stage names declared with {@code AS}, lower-cased as docker compares them. */
  public Set<String> stageNames() {
    Set<String> names = new LinkedHashSet<>();
    stages.forEach(s -> s.name().ifPresent(names::add));
    return names;
  }

  /**
   * The image a stage starts from once {@code FROM}s naming earlier stages (by name or index) are
   * followed: for the stage named {@code stage}, or the last stage when empty; empty when there is
   * no such stage.
   */
  public Optional<String> baseImage(Optional<String> stage) {
    int index = stage.map(name -> stageReference(name, stages.size())).orElse(stages.size() - 1);
    if (index < 0) {
      return Optional.empty();
    }
    for (int earlier = stageReference(stages.get(index).base(), index);
        earlier >= 0;
        earlier = stageReference(stages.get(index).base(), index)) {
      index = earlier; // strictly smaller each time: a stage can only name an earlier one
    }
    return Optional.of(stages.get(index).base());
  }

  /**
   * The first stage before {@code before} that {@code reference} names, by name or index; -1 if
   * none.
   */
  private int stageReference(String reference, int before) {
    String ref = reference.toLowerCase(Locale.ROOT);
    for (int i = 0; i < before; i++) {
      if (ref.equals(Integer.toString(i)) || stages.get(i).name().filter(ref::equals).isPresent()) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Every image this Dockerfile pulls in from outside itself: {@code FROM} bases and {@code COPY
   * --from} sources that are not earlier stages (by name or index).
   */
  public List<ImageUse> externalImages() {
    List<ImageUse> result = new ArrayList<>();
    Set<String> seenStages = new LinkedHashSet<>();
    int index = 0;
    for (Stage stage : stages) {
      if (!seenStages.contains(stage.base().toLowerCase(Locale.ROOT))
          && !stage.base().equals("scratch")) {
        result.add(new ImageUse(stage.base(), stage.line()));
      }
      stage.name().ifPresent(seenStages::add);
      seenStages.add(Integer.toString(index++));
    }
    for (ImageUse copy : copiedFrom) {
      if (copiesFromImage(copy.image(), copy.line())) {
        result.add(copy);
      }
    }
    return result;
  }

  /**
   * Whether a {@code COPY --from} on {@code line} names an image rather than a stage. A number is
   * always a stage index (the classic builder fails on a bad one, it never pulls it); a name is a
   * stage only when a stage before the one the line belongs to has it: the current stage's own
   * name, or a later stage's, is taken for an image and pulled.
   */
  boolean copiesFromImage(String reference, int line) {
    if (reference.chars().allMatch(Character::isDigit)) {
      return false;
    }
    int current = -1;
    for (int i = 0; i < stages.size() && stages.get(i).line() < line; i++) {
      current = i;
    }
    return current < 0 || stageReference(reference, current) < 0;
  }

  /**
   * One instruction.
   *
   * @param number its first physical line (1-based)
   * @param last its last physical line, after continuations (and comments inside them)
   */
  record LogicalLine(String text, int number, int last) {}

  /**
   * Joins backslash continuations and drops comments, keeping the first and last physical line
   * numbers.
   */
  static List<LogicalLine> logicalLines(String content) {
    List<LogicalLine> result = new ArrayList<>();
    String[] physical = LINE_BREAK.split(content.replace("\uFEFF", ""), -1);
    StringBuilder current = null;
    int start = 0;
    for (int i = 0; i < physical.length; i++) {
      String line = physical[i];
      String trimmed = line.strip();
      if (trimmed.startsWith("#")) {
        continue; // comments, also inside continuations
      }
      if (current == null) {
        if (trimmed.isEmpty()) {
          continue;
        }
        current = new StringBuilder();
        start = i + 1;
      }
      if (trimmed.endsWith("\\")) {
        current.append(trimmed, 0, trimmed.length() - 1).append(' ');
        continue;
      }
      current.append(trimmed);
      result.add(new LogicalLine(current.toString().strip(), start, i + 1));
      current = null;
    }
    if (current != null && !current.toString().isBlank()) {
      result.add(new LogicalLine(current.toString().strip(), start, physical.length));
    }
    return result;
  }

  static String substitute(String value, Map<String, String> args) {
    Matcher m = VAR.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1) != null ? m.group(1) : m.group(3);
      String fallback = m.group(2) == null ? "" : m.group(2);
      String replacement = args.getOrDefault(name, "");
      m.appendReplacement(
          out, Matcher.quoteReplacement(replacement.isEmpty() ? fallback : replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String unquote(String value) {
    if (value.length() >= 2
        && ((value.startsWith("\"") && value.endsWith("\""))
            || (value.startsWith("'") && value.endsWith("'")))) {
      return value.substring(1, value.length() - 1);
    }
    return value;
  }
}
