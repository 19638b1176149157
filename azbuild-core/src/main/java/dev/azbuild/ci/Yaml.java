package dev.azbuild.ci;

import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/** YAML in and out through snakeyaml-engine: block style, two-space indents, no line folding. */
public final class Yaml {

  private Yaml() {}

  /**
   * Block-style YAML of maps, lists and strings (maps keep their insertion order), without anchors.
   */
  public static String dump(Object document) {
    DumpSettings settings =
        DumpSettings.builder()
            .setDefaultFlowStyle(FlowStyle.BLOCK)
            .setIndent(2)
            .setIndicatorIndent(2)
            .setIndentWithIndicator(true)
            .setWidth(Integer.MAX_VALUE)
            .setSplitLines(false)
            // a shared value (one extra step in every job) is written out each time: CI readers
            // should not need to follow anchors and aliases
            .setDereferenceAliases(true)
            .build();
    return new Dump(settings).dumpToString(document);
  }

  /** Parses one YAML document; {@code null} for an empty one. */
  public static Object parse(String text) {
    return new Load(LoadSettings.builder().build()).loadFromString(text);
  }

  /**
   * A YAML snippet from plugin configuration, e.g. an extra step {@code {run: ./login.sh}} or a
   * multi-line block; the XML's indentation is removed first.
   *
   * @param where the configuration element, named in the error
   * @throws CiConfigException when the text is not YAML or not of the expected kind
   */
  public static Object snippet(String text, String where, Class<?> expected)
      throws CiConfigException {
    String stripped = dedent(text == null ? "" : text);
    if (stripped.isEmpty()) {
      throw new CiConfigException(
          where + " is empty; give a YAML " + kind(expected) + " or remove the element");
    }
    Object value;
    try {
      value = parse(stripped);
    } catch (YamlEngineException e) {
      throw new CiConfigException(
          where
              + " is not valid YAML ("
              + firstLine(e.getMessage())
              + "): "
              + firstLine(stripped)
              + "; write it on one line in flow style, e.g. {run: {name: Login, command: ./login.sh}}",
          e);
    }
    if (!expected.isInstance(value)) {
      throw new CiConfigException(
          where + " must be a YAML " + kind(expected) + ", got: " + firstLine(stripped));
    }
    return value;
  }

  /**
   * Removes the indentation the XML gave the snippet. Maven trims an element's text, so the first
   * line has lost its indentation: it is taken as the top level, and the other lines keep their
   * indentation relative to each other, one level (two spaces) deeper when the first line opens a
   * block ({@code run:}, {@code command: |}).
   */
  static String dedent(String text) {
    List<String> lines = text.replace("\t", "  ").lines().dropWhile(String::isBlank).toList();
    int end = lines.size();
    while (end > 0 && lines.get(end - 1).isBlank()) {
      end--;
    }
    if (end == 0) {
      return "";
    }
    String first = lines.get(0).strip();
    List<String> rest = lines.subList(1, end);
    int indent =
        rest.stream()
            .filter(l -> !l.isBlank())
            .mapToInt(l -> l.length() - l.stripLeading().length())
            .min()
            .orElse(0);
    String nested = first.matches(".*(:|[|>][-+]?)$") ? "  " : "";
    StringBuilder out = new StringBuilder(first);
    for (String l : rest) {
      out.append('\n').append(l.isBlank() ? "" : nested + l.substring(indent).stripTrailing());
    }
    return out.toString();
  }

  private static String kind(Class<?> expected) {
    return expected == Map.class
        ? "mapping"
        : expected == List.class ? "list" : expected == String.class ? "string" : "value";
  }

  private static String firstLine(String s) {
    String line = s == null ? "" : s.strip().lines().findFirst().orElse("");
    return line.length() > 120 ? line.substring(0, 120) + "..." : line;
  }
}
