package dev.azbuild.docker;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * All image labels as ONE {@code LABEL} instruction appended to the Dockerfile. The classic builder
 * turns the build API's {@code labels} into one {@code LABEL} step per label, each a container
 * commit; six labels cost six steps. Appended to the last stage, one instruction gives the same
 * image config in one step.
 *
 * <p>Empty (use the API's labels) when appending could change how the Dockerfile reads: a parser
 * directive sets another escape character, the file ends inside a line continuation, or a label
 * holds a line break.
 */
final class LabelInstruction {

  private static final Pattern ESCAPE_DIRECTIVE =
      Pattern.compile("^#\\s*escape\\s*=\\s*(\\S)\\s*$", Pattern.CASE_INSENSITIVE);
  private static final Pattern DIRECTIVE = Pattern.compile("^#\\s*[a-zA-Z_]+\\s*=.*$");

  private LabelInstruction() {}

  /**
   * The text to append (starting with a line break), or empty to pass the labels through the API.
   */
  static Optional<String> appendix(String dockerfile, Map<String, String> labels) {
    if (labels.isEmpty() || escapeCharacter(dockerfile) != '\\' || endsInContinuation(dockerfile)) {
      return Optional.empty();
    }
    StringBuilder line = new StringBuilder("\nLABEL");
    for (Map.Entry<String, String> label :
        new TreeMap<>(labels).entrySet()) { // sorted, as the daemon does
      if (hasLineBreak(label.getKey()) || hasLineBreak(label.getValue())) {
        return Optional.empty();
      }
      line.append(' ').append(quote(label.getKey())).append('=').append(quote(label.getValue()));
    }
    return Optional.of(line.append('\n').toString());
  }

  /**
   * The escape character from the parser directives at the top of the file; {@code \} by default.
   */
  static char escapeCharacter(String dockerfile) {
    for (String line : dockerfile.split("\r?\n", -1)) {
      String trimmed = line.strip();
      if (!DIRECTIVE.matcher(trimmed).matches()) {
        break; // directives end at the first other line
      }
      Matcher m = ESCAPE_DIRECTIVE.matcher(trimmed);
      if (m.matches()) {
        return m.group(1).charAt(0);
      }
    }
    return '\\';
  }

  /** Whether the last line that is neither blank nor a comment ends with the escape character. */
  private static boolean endsInContinuation(String dockerfile) {
    String[] lines = dockerfile.split("\r?\n", -1);
    for (int i = lines.length - 1; i >= 0; i--) {
      String trimmed = lines[i].strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      return trimmed.endsWith("\\");
    }
    return false;
  }

  private static boolean hasLineBreak(String text) {
    return text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0;
  }

  /** A double-quoted word: no variable expansion, backslash and quote escaped. */
  private static String quote(String text) {
    return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$") + '"';
  }
}
