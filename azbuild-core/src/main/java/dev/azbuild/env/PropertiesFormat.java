package dev.azbuild.env;

import java.util.Map;

/**
 * Renders a map in {@link java.util.Properties} text format, escaping as {@code Properties.store}
 * does, but in the map's order and without the date comment that makes {@code store} output differ
 * on every run.
 */
final class PropertiesFormat {

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private PropertiesFormat() {}

  /** {@code key=value} lines, pure ASCII. */
  static String format(Map<String, String> entries) {
    StringBuilder out = new StringBuilder();
    entries.forEach(
        (k, v) -> {
          escape(k, true, out);
          out.append('=');
          escape(v, false, out);
          out.append('\n');
        });
    return out.toString();
  }

  /**
   * Escapes one key or value. In keys every space is escaped (it would end the key); in values only
   * a leading one (load strips leading whitespace).
   */
  static void escape(String s, boolean isKey, StringBuilder out) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case ' ' -> out.append(isKey || i == 0 ? "\\ " : " ");
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\f' -> out.append("\\f");
        // Separators and comment markers, escaped anywhere as store() does.
        case '=', ':', '#', '!' -> out.append('\\').append(c);
        default -> {
          if (c < 0x20 || c > 0x7e) {
            out.append("\\u")
                .append(HEX[(c >> 12) & 0xF])
                .append(HEX[(c >> 8) & 0xF])
                .append(HEX[(c >> 4) & 0xF])
                .append(HEX[c & 0xF]);
          } else {
            out.append(c);
          }
        }
      }
    }
  }
}
