package dev.azbuild.dockerfile;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the classic builder would refuse in a Dockerfile, found without a daemon: the parse errors
 * it reports at once (an unknown instruction, an instruction before the first {@code FROM}, a bad
 * stage name) and the errors it reports only when it reaches the step, after other modules may have
 * been built and pushed (a {@code FROM} whose build arg is empty, an image reference that is not
 * one, a port {@code EXPOSE} cannot read). The daemon's own parser is asked too ({@code
 * ImageBuilder.checkParses}); these checks give the fix, and run in the unit tier.
 */
public final class DockerfileCheck {

  /** The instructions of Docker 20.10's classic builder. */
  static final Set<String> INSTRUCTIONS =
      Set.of(
          "ADD",
          "ARG",
          "CMD",
          "COPY",
          "ENTRYPOINT",
          "ENV",
          "EXPOSE",
          "FROM",
          "HEALTHCHECK",
          "LABEL",
          "MAINTAINER",
          "ONBUILD",
          "RUN",
          "SHELL",
          "STOPSIGNAL",
          "USER",
          "VOLUME",
          "WORKDIR");

  private static final Pattern KEYWORD = Pattern.compile("^(\\S+)");
  private static final Pattern ESCAPE_DIRECTIVE =
      Pattern.compile("(?i)^#\\s*escape\\s*=\\s*(\\S)\\s*$");
  private static final Pattern STAGE_NAME = Pattern.compile("[a-z][a-z0-9-_.]*");

  /**
   * An image reference as docker reads it: {@code [host[:port]/]path[:tag][@algorithm:hex]},
   * lower-case path components.
   */
  private static final Pattern REFERENCE =
      Pattern.compile(
          "(?:(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*"
              + "(?::[0-9]+)?|\\[[0-9a-fA-F:]+](?::[0-9]+)?)/)?"
              + "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*"
              + "(?::[\\w][\\w.-]{0,127})?(?:@[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[0-9a-fA-F]{32,})?");

  private static final Pattern PORT =
      Pattern.compile("(?i)[0-9]+(?:-[0-9]+)?(?:/(?:tcp|udp|sctp))?");

  private DockerfileCheck() {}

  /**
   * Fails on the first problem, naming the file, the line and the fix.
   *
   * @param file the Dockerfile as the message should name it
   * @param content its text
   * @param buildArgs the module's build args, which may set the ARGs a FROM uses
   * @throws DockerfileException for the first problem found
   */
  public static void check(Path file, String content, Map<String, String> buildArgs)
      throws DockerfileException {
    boolean defaultEscape = escapeCharacter(content) == '\\';
    Map<String, String> globalArgs = new HashMap<>();
    boolean seenFrom = false;
    boolean any = false;
    for (Dockerfile.LogicalLine line : Dockerfile.logicalLines(content)) {
      any = true;
      String text = line.text();
      Matcher keywordMatch = KEYWORD.matcher(text);
      String keyword = keywordMatch.find() ? keywordMatch.group(1) : "";
      String upper = keyword.toUpperCase(Locale.ROOT);
      if (!INSTRUCTIONS.contains(upper)) {
        if (!defaultEscape) {
          continue; // lines are joined by another escape character: the daemon's parser decides
        }
        throw new DockerfileException(
            file
                + ":"
                + line.number()
                + ": unknown instruction '"
                + keyword
                + "'; a line starts with one of "
                + String.join(", ", INSTRUCTIONS.stream().sorted().toList())
                + " (a typo, or the line before it lacks its trailing \\ continuation)",
            file);
      }
      if (!seenFrom && Dockerfile.declaresGlobalArgs(text, globalArgs, buildArgs)) {
        continue;
      }
      if (upper.equals("FROM")) {
        seenFrom = true;
        checkFrom(file, line, text, globalArgs);
        continue;
      }
      if (!seenFrom) {
        throw new DockerfileException(
            file
                + ":"
                + line.number()
                + ": "
                + upper
                + " before the first FROM; only ARG may come before it: start the file with FROM"
                + " <image>",
            file);
      }
      if (upper.equals("EXPOSE")) {
        checkExpose(file, line, text);
      }
    }
    if (!any || !seenFrom) {
      throw new DockerfileException(
          file + ": has no FROM instruction; a Dockerfile starts with FROM <image>", file);
    }
  }

  private static void checkFrom(
      Path file, Dockerfile.LogicalLine line, String text, Map<String, String> globalArgs)
      throws DockerfileException {
    Matcher from = Dockerfile.fromMatcher(text);
    if (from == null) {
      throw new DockerfileException(
          file
              + ":"
              + line.number()
              + ": '"
              + text
              + "' is not FROM [--platform=...] <image> [AS <name>]; write one image and an"
              + " optional stage name",
          file);
    }
    String written = from.group(1);
    String image = Dockerfile.substitute(written, globalArgs);
    if (image.isEmpty()) {
      throw new DockerfileException(
          file
              + ":"
              + line.number()
              + ": FROM "
              + written
              + " names no image: the build arg it uses is empty; give the ARG a default before"
              + " the first FROM (ARG NAME=image) or set azbuild.buildArg.NAME in the module's pom",
          file);
    }
    if (!image.equals("scratch") && !image.contains("$") && !REFERENCE.matcher(image).matches()) {
      throw new DockerfileException(
          file
              + ":"
              + line.number()
              + ": FROM "
              + image
              + " is not an image reference; write [registry/]name[:tag][@digest] with a"
              + " lower-case name, e.g. "
              + image.toLowerCase(Locale.ROOT),
          file);
    }
    String stage = from.group(2);
    if (stage != null && !STAGE_NAME.matcher(stage.toLowerCase(Locale.ROOT)).matches()) {
      throw new DockerfileException(
          file
              + ":"
              + line.number()
              + ": '"
              + stage
              + "' is not a valid stage name; start it with a letter, then use letters, digits,"
              + " '-', '_' or '.'",
          file);
    }
  }

  private static void checkExpose(Path file, Dockerfile.LogicalLine line, String text)
      throws DockerfileException {
    String[] words = text.split("\\s+");
    for (int i = 1; i < words.length; i++) {
      String port = words[i];
      if (!port.contains("$") && !PORT.matcher(port).matches()) {
        throw new DockerfileException(
            file
                + ":"
                + line.number()
                + ": EXPOSE "
                + port
                + " is not a port; write PORT, PORT/tcp, PORT/udp or a range PORT-PORT",
            file);
      }
    }
  }

  /** The escape character a parser directive sets, else {@code \}. */
  private static char escapeCharacter(String content) {
    for (String line : Dockerfile.LINE_BREAK.split(content.replace("\uFEFF", ""), -1)) {
      String trimmed = line.strip();
      Matcher escape = ESCAPE_DIRECTIVE.matcher(trimmed);
      if (escape.matches()) {
        return escape.group(1).charAt(0);
      }
      if (!trimmed.startsWith("#") || !trimmed.contains("=")) {
        break; // directives come first
      }
    }
    return '\\';
  }
}
