package dev.azbuild.patterns;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The POSIX character classes of glibc's {@code C.UTF-8} locale, as contents for a Java {@code
 * [...]} class.
 *
 * <p>glibc 2.35+ classifies all of Unicode in {@code C.UTF-8}, so {@code [[:alpha:]]} matches
 * {@code é} in {@code grep -E}; only {@code digit} and {@code xdigit} are ASCII-only. Java's own
 * {@code \p{Alpha}} family is ASCII-only (or, with {@code UNICODE_CHARACTER_CLASS}, differs from
 * glibc for {@code punct} and {@code digit}), hence these explicit definitions. They were checked
 * code point by code point against grep 3.8 / glibc 2.36 ({@code PosixClassesTest}); the only
 * differences left come from characters that one side's Unicode version has not assigned yet.
 */
final class PosixClasses {

  /** glibc counts the non-ASCII decimal digits (Arabic-Indic, Devanagari ...) as letters. */
  static final String ALPHA = "\\p{IsAlphabetic}[\\p{Nd}&&[^0-9]]";

  static final String ALNUM = "\\p{IsAlphabetic}\\p{Nd}";

  /** What {@code \w}, {@code \b}, {@code \<} and {@code \>} treat as a word character. */
  static final String WORD = ALNUM + "_";

  /**
   * White space except the no-break spaces U+00A0, U+2007 and U+202F, which glibc calls graphic.
   */
  static final String SPACE =
      "\\t\\n\\x0B\\f\\r \\u1680\\u2000-\\u2006\\u2008-\\u200A\\u2028\\u2029\\u205F\\u3000";

  private static final String NO_BREAK_SPACES = "\\u00A0\\u2007\\u202F";

  private static final Map<String, String> BY_NAME =
      new TreeMap<>(
          Map.ofEntries(
              Map.entry("alnum", ALNUM),
              Map.entry("alpha", ALPHA),
              Map.entry("blank", "\\t \\u1680\\u2000-\\u2006\\u2008-\\u200A\\u205F\\u3000"),
              Map.entry("cntrl", "\\p{Cc}\\u2028\\u2029"),
              Map.entry("digit", "0-9"),
              Map.entry("graph", "[^\\p{Cc}\\p{Cn}\\p{Cs}\\p{Z}]" + NO_BREAK_SPACES),
              // Title-case letters with an upper-case mapping (Dž ...) count as lower case too.
              Map.entry("lower", "\\p{IsLowercase}\\u01C5\\u01C8\\u01CB\\u01F2"),
              Map.entry("print", "[^\\p{Cc}\\p{Cn}\\p{Cs}\\u2028\\u2029]"),
              // Graphic but not alphanumeric: symbols ($ + < = > ^ ` | ~ €) count as punctuation.
              Map.entry(
                  "punct",
                  "[^\\p{IsAlphabetic}\\p{Nd}\\p{Cc}\\p{Cn}\\p{Cs}\\p{Z}]" + NO_BREAK_SPACES),
              Map.entry("space", SPACE),
              Map.entry("upper", "\\p{IsUppercase}\\p{Lt}"),
              Map.entry("xdigit", "0-9A-Fa-f")));

  private PosixClasses() {}

  /** The Java class contents for {@code [:name:]}, if {@code name} is a POSIX class name. */
  static Optional<String> byName(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  /** The class names, sorted, for error messages. */
  static String names() {
    return String.join(", ", BY_NAME.keySet());
  }
}
