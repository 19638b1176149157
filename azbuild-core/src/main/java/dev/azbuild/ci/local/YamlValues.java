package dev.azbuild.ci.local;

import dev.azbuild.ci.Yaml;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/** Reading parsed YAML with one-line errors that name the file and the place. */
final class YamlValues {

  private final String file;

  YamlValues(String file) {
    this.file = file;
  }

  /** The file's top-level mapping; one line naming the file when it is not YAML or not a map. */
  Map<String, Object> root(String text) throws WorkflowException {
    Object parsed;
    try {
      parsed = Yaml.parse(text);
    } catch (YamlEngineException e) {
      throw new WorkflowException(
          file
              + " is not valid YAML ("
              + e.getMessage().strip().lines().findFirst().orElse("")
              + "); regenerate it with `mvn azbuild:ci-config`",
          e);
    }
    return map(parsed, "the file");
  }

  WorkflowException error(String where, String what) {
    return new WorkflowException(file + ": " + where + " " + what);
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> map(Object value, String where) throws WorkflowException {
    if (value == null) {
      return new LinkedHashMap<>();
    }
    if (!(value instanceof Map<?, ?>)) {
      throw error(where, "must be a mapping, got: " + brief(value));
    }
    Map<String, Object> result = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
      result.put(String.valueOf(e.getKey()), e.getValue());
    }
    return result;
  }

  List<Object> list(Object value, String where) throws WorkflowException {
    if (value == null) {
      return new ArrayList<>();
    }
    if (!(value instanceof List<?> l)) {
      throw error(where, "must be a list, got: " + brief(value));
    }
    return new ArrayList<>(l);
  }

  /**
   * A string, or a list with one string (GitHub allows {@code needs: a} for {@code needs: [a]}).
   */
  List<String> strings(Object value, String where) throws WorkflowException {
    if (value == null) {
      return List.of();
    }
    if (value instanceof String s) {
      return List.of(s);
    }
    List<String> result = new ArrayList<>();
    for (Object o : list(value, where)) {
      if (!(o instanceof String s)) {
        throw error(where, "must list names, got: " + brief(o));
      }
      result.add(s);
    }
    return result;
  }

  /** A scalar as text (numbers and booleans as YAML wrote them), "" when absent. */
  static String text(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Double d && d == Math.rint(d)) {
      return Long.toString(d.longValue());
    }
    return String.valueOf(value);
  }

  /** Variables: names to their values as text. */
  Map<String, String> env(Object value, String where) throws WorkflowException {
    Map<String, String> env = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : map(value, where).entrySet()) {
      if (e.getValue() instanceof Map || e.getValue() instanceof List) {
        throw error(
            where, "must map names to values, got " + e.getKey() + ": " + brief(e.getValue()));
      }
      env.put(e.getKey(), text(e.getValue()));
    }
    return env;
  }

  static String brief(Object value) {
    String s = String.valueOf(value).replace('\n', ' ');
    return s.length() > 80 ? s.substring(0, 80) + "..." : s;
  }
}
