package dev.azbuild.terraform;

import dev.azbuild.io.OneLine;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shortens terraform's error output to one line: the {@code Error:} blocks as {@code file:line:
 * summary: detail}, without source snippets, warnings or colour codes.
 */
final class ErrorSummary {

  static final int MAX_LENGTH = OneLine.MAX_LENGTH;

  private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[ -/]*[@-~]");
  private static final Pattern BLOCK_START = Pattern.compile("^(Error|Warning): (.*)$");
  private static final Pattern LOCATION = Pattern.compile("^\\s*on (.+?) line (\\d+)(,.*)?:?$");
  private static final Pattern SNIPPET =
      Pattern.compile("^\\s*(\\d+:.*|[├│╷╵].*|\\(source code not available\\))$");

  private ErrorSummary() {}

  /** The errors in {@code stderr}, or its last lines, or those of {@code stdout}; one line. */
  static String of(String stderr, String stdout) {
    List<String> errors = errorBlocks(lines(stderr));
    if (!errors.isEmpty()) {
      return truncate(String.join("; ", errors));
    }
    String tail = lastLines(withoutWarnings(lines(stderr)), 3);
    if (tail.isEmpty()) {
      tail = lastLines(withoutWarnings(lines(stdout)), 3);
    }
    return truncate(tail.isEmpty() ? "no error output" : tail);
  }

  static String stripAnsi(String text) {
    return ANSI.matcher(text).replaceAll("");
  }

  /** Collapses whitespace and cuts to {@value #MAX_LENGTH} characters, marking a cut with "...". */
  static String truncate(String text) {
    return OneLine.truncate(text);
  }

  /** Lines without colour codes or the box frame terraform draws around diagnostics. */
  private static List<String> lines(String text) {
    List<String> lines = new ArrayList<>();
    for (String line : stripAnsi(text).split("\\R")) {
      // In colour mode each diagnostic line starts with '│ ' (or ╷/╵ around the block).
      if (line.startsWith("│") || line.startsWith("╷") || line.startsWith("╵")) {
        line = line.substring(1).replaceFirst("^ ", "");
      }
      lines.add(line);
    }
    return lines;
  }

  /** Each {@code Error:} block as one string; located errors first, as generic ones repeat them. */
  private static List<String> errorBlocks(List<String> lines) {
    List<String> located = new ArrayList<>();
    List<String> general = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher start = BLOCK_START.matcher(lines.get(i));
      if (!start.matches() || !start.group(1).equals("Error")) {
        continue;
      }
      String location = "";
      StringBuilder detail = new StringBuilder();
      int j = i + 1;
      for (; j < lines.size() && !BLOCK_START.matcher(lines.get(j)).matches(); j++) {
        String line = lines.get(j);
        Matcher at = LOCATION.matcher(line);
        if (location.isEmpty() && at.matches()) {
          location = at.group(1) + ":" + at.group(2);
        } else if (!line.isBlank() && !SNIPPET.matcher(line).matches()) {
          detail.append(' ').append(line.trim());
        }
      }
      i = j - 1;
      String block =
          (location.isEmpty() ? "" : location + ": ")
              + start.group(2).trim()
              + (detail.length() == 0 ? "" : ":" + detail);
      (location.isEmpty() ? general : located).add(block);
    }
    located.addAll(general);
    return located;
  }

  private static List<String> withoutWarnings(List<String> lines) {
    List<String> kept = new ArrayList<>();
    boolean inWarning = false;
    for (String line : lines) {
      Matcher start = BLOCK_START.matcher(line);
      if (start.matches()) {
        inWarning = start.group(1).equals("Warning");
      } else if (line.startsWith("There are some problems with the CLI configuration")) {
        inWarning = true; // terraform's preamble to CLI config warnings
        continue;
      }
      if (!inWarning && !line.isBlank()) {
        kept.add(line.trim());
      }
    }
    return kept;
  }

  private static String lastLines(List<String> lines, int count) {
    return String.join(" ", lines.subList(Math.max(0, lines.size() - count), lines.size()));
  }
}
