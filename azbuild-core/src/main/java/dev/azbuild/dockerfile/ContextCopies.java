package dev.azbuild.dockerfile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files a Dockerfile's {@code COPY} and {@code ADD} instructions take from the build context
 * (not those of {@code --from=}, not URLs), as written: a source may be a glob ({@code
 * target/*.jar}). Sources that use a variable of their stage are left out: only docker knows their
 * value.
 */
public final class ContextCopies {

  /** One source of a {@code COPY}/{@code ADD}: the path in the context and the line it is on. */
  public record Source(String path, String instruction, int line) {}

  private static final Pattern COPY_OR_ADD = Pattern.compile("(?i)^(COPY|ADD)\\s+(.*)$");
  private static final Pattern JSON_ITEM = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

  private ContextCopies() {}

  public static List<Source> read(Path file, Map<String, String> buildArgs) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8), buildArgs);
  }

  public static List<Source> parse(String content, Map<String, String> buildArgs) {
    List<Source> sources = new ArrayList<>();
    Map<String, String> globalArgs = new HashMap<>();
    boolean inStage = false;
    for (Dockerfile.LogicalLine line : Dockerfile.logicalLines(content)) {
      String text = line.text();
      if (!inStage && Dockerfile.declaresGlobalArgs(text, globalArgs, buildArgs)) {
        continue;
      }
      if (Dockerfile.fromMatcher(text) != null) {
        inStage = true;
        continue;
      }
      Matcher copy = COPY_OR_ADD.matcher(text);
      if (!copy.matches()) {
        continue;
      }
      String instruction = copy.group(1).toUpperCase(Locale.ROOT);
      List<String> words = words(copy.group(2).strip());
      if (words.stream().anyMatch(w -> w.toLowerCase(Locale.ROOT).startsWith("--from="))) {
        continue; // from a stage or an image, not from the context
      }
      List<String> operands = words.stream().filter(w -> !w.startsWith("--")).toList();
      for (String source : operands.subList(0, Math.max(0, operands.size() - 1))) {
        if (source.contains("$") || source.startsWith("<<") || source.contains("://")) {
          continue; // a stage variable, a heredoc, a URL
        }
        sources.add(new Source(source, instruction, line.number()));
      }
    }
    return List.copyOf(sources);
  }

  /** The words of the instruction's arguments, in the exec ({@code ["a", "b"]}) or shell form. */
  private static List<String> words(String arguments) {
    List<String> flags = new ArrayList<>();
    String rest = arguments;
    while (rest.startsWith("--")) {
      int end = rest.indexOf(' ');
      if (end < 0) {
        return List.of(rest);
      }
      flags.add(rest.substring(0, end));
      rest = rest.substring(end).strip();
    }
    List<String> words = new ArrayList<>(flags);
    if (rest.startsWith("[")) {
      Matcher item = JSON_ITEM.matcher(rest);
      while (item.find()) {
        words.add(item.group(1).replace("\\\"", "\""));
      }
    } else {
      words.addAll(List.of(rest.split("\\s+")));
    }
    return words;
  }
}
