package dev.azbuild.dockerfile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * The Dockerfile text the daemon reads when some images it names are pinned: every {@code FROM} and
 * {@code COPY --from} whose image (as written, after global {@code ARG} substitution, as {@link
 * Dockerfile#externalImages()} lists it) is a key of the pins names the pinned reference instead,
 * e.g. {@code FROM libs-base AS build} becomes {@code FROM 127.0.0.1:5000/team/libs-base@sha256:…
 * AS build}. Flags ({@code --platform}), stage names and references to stages stay as written.
 *
 * <p>Every line keeps its number, so the daemon's errors point at the file on disk: a rewritten
 * instruction that spans continuation lines is written on its first line and the others are left
 * blank.
 */
public final class PinnedDockerfile {

  private PinnedDockerfile() {}

  /**
   * @param file the Dockerfile on disk, for error messages
   * @param content its text
   * @param buildArgs the build args, which may set the {@code ARG}s a {@code FROM} uses
   * @param pins image as the Dockerfile names it → the reference the daemon gets instead
   * @throws DockerfileException when a pinned image is still named after the rewrite (a form this
   *     class does not read), so the daemon would resolve it by its mutable name
   */
  public static String rewrite(
      Path file, String content, Map<String, String> buildArgs, Map<String, String> pins)
      throws DockerfileException {
    if (pins.isEmpty()) {
      return content;
    }
    Dockerfile parsed = Dockerfile.parse(file, content, buildArgs);
    List<String> lines = new ArrayList<>();
    List<String> breaks = new ArrayList<>();
    Matcher lineBreak = Dockerfile.LINE_BREAK.matcher(content);
    int pos = 0;
    while (lineBreak.find()) {
      lines.add(content.substring(pos, lineBreak.start()));
      breaks.add(lineBreak.group());
      pos = lineBreak.end();
    }
    lines.add(content.substring(pos));
    breaks.add("");

    Map<String, String> globalArgs = new HashMap<>();
    Set<String> earlierStages = new HashSet<>();
    int stages = 0;
    for (Dockerfile.LogicalLine line : Dockerfile.logicalLines(content)) {
      String text = line.text();
      if (stages == 0 && Dockerfile.declaresGlobalArgs(text, globalArgs, buildArgs)) {
        continue;
      }
      Matcher from = Dockerfile.fromMatcher(text);
      if (from != null) {
        String base = Dockerfile.substitute(from.group(1), globalArgs);
        if (!earlierStages.contains(base.toLowerCase(Locale.ROOT)) && pins.containsKey(base)) {
          replace(lines, line, from.start(1), from.end(1), pins.get(base));
        }
        Optional.ofNullable(from.group(2))
            .ifPresent(name -> earlierStages.add(name.toLowerCase(Locale.ROOT)));
        earlierStages.add(Integer.toString(stages++));
        continue;
      }
      Matcher copy = Dockerfile.copyFromMatcher(text);
      if (copy != null
          && pins.containsKey(copy.group(1))
          && parsed.copiesFromImage(copy.group(1), line.number())) {
        replace(lines, line, copy.start(1), copy.end(1), pins.get(copy.group(1)));
      }
    }

    StringBuilder out = new StringBuilder(content.length() + 128);
    for (int i = 0; i < lines.size(); i++) {
      out.append(lines.get(i)).append(breaks.get(i));
    }
    String pinned = out.toString();
    for (Dockerfile.ImageUse use : Dockerfile.parse(file, pinned, buildArgs).externalImages()) {
      if (pins.containsKey(use.image())) {
        throw new DockerfileException(
            file
                + ":"
                + use.line()
                + ": cannot replace "
                + use.image()
                + " by "
                + pins.get(use.image())
                + " for the build; write the instruction on one line",
            file);
      }
    }
    return pinned;
  }

  /**
   * Puts the instruction, with {@code [start, end)} of its text replaced, on its first line; blanks
   * the rest.
   */
  private static void replace(
      List<String> lines, Dockerfile.LogicalLine line, int start, int end, String reference) {
    String text = line.text();
    String first = lines.get(line.number() - 1);
    String indent = first.substring(0, first.length() - first.stripLeading().length());
    lines.set(
        line.number() - 1, indent + text.substring(0, start) + reference + text.substring(end));
    for (int i = line.number(); i < line.last() && i < lines.size(); i++) {
      lines.set(i, "");
    }
  }
}
