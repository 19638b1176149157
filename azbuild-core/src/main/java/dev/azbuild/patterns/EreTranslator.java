package dev.azbuild.patterns;

import java.util.Objects;

/**
 * Translates a POSIX extended regular expression, read the way {@code grep -E} reads it (GNU grep
 * 3.8, glibc 2.36, locale {@code C.UTF-8}), into {@link java.util.regex.Pattern} syntax. Compile
 * the result with {@link java.util.regex.Pattern#UNIX_LINES}, so that {@code .} and {@code $} know
 * only {@code \n} as a line end, like grep; use {@code find()}, since grep searches anywhere in a
 * line.
 *
 * <p>How grep's reading differs from Java's, and what the translation does about it:
 *
 * <ul>
 *   <li>Bracket expressions: backslash, {@code [} and {@code &&} are literal; {@code ]} first (also
 *       after {@code ^}) and {@code -} first or last are literal; {@code [:class:]}, and {@code
 *       [.c.]} / {@code [=c=]} for a single ASCII character, are supported. Range end points must
 *       be ASCII characters (grep: "Invalid collation character").
 *   <li>Character classes ({@code [[:alpha:]]}, {@code \w}, {@code \s}, word boundaries) are those
 *       of glibc's {@code C.UTF-8}, which knows non-ASCII letters: see {@link PosixClasses}.
 *   <li>GNU escapes: {@code \w \W \s \S \b \B} keep their meaning; {@code \<} and {@code \>} become
 *       look-arounds; {@code \`} and {@code \'} are {@code ^} and {@code $}. A backslash before
 *       punctuation, a space or a non-ASCII character makes it literal.
 *   <li>An opening brace starts an interval only where grep reads one: {@code {n}}, {@code {n,}},
 *       {@code {,m}} (0 to m), {@code {n,m}}, {@code {,}}. Elsewhere it is a literal, as in "a{",
 *       "a{x}" or "a{1,x}". "a{}", "a{2,1}" and "a{1,2,3}" are errors, as in grep; counts stop at
 *       32767.
 *   <li>Stacked quantifiers ({@code a**}, {@code a+?}, {@code a*+}, {@code a{2}{3}}) repeat the
 *       quantified expression, as in grep, never Java's lazy or possessive forms.
 *   <li>A {@code )} with no open group is a literal, as in grep.
 * </ul>
 *
 * <p>Rejected although grep accepts them, because grep's reading is almost never what the writer
 * meant and would silently select the wrong modules:
 *
 * <ul>
 *   <li>a quantifier with nothing to repeat: {@code *a}, {@code (*a)}, {@code a|+b}, {@code (?:a)}.
 *       grep warns "* at start of expression" and ignores it, so {@code (?:a)} would mean {@code
 *       (:a)};
 *   <li>a quantifier right after an anchor ({@code ^*a}, {@code a$?}, {@code a\b*b}): grep repeats
 *       '^' and '$' but ignores the quantifier after a GNU word anchor;
 *   <li>an anchor inside a repeated group ({@code (\<a)+}, {@code (^a|b)*}): where grep falls back
 *       to glibc's matcher (word anchors, some brackets) it misses matches, e.g. {@code (\<a)+} on
 *       "aa";
 *   <li>a backslash before a letter or digit that is no GNU operator ({@code \d}, {@code \t},
 *       {@code \Q}): grep reads the bare letter;
 *   <li>back-references {@code \1}..{@code \9}.
 * </ul>
 */
public final class EreTranslator {

  /** glibc's RE_DUP_MAX: the largest repetition count grep accepts. */
  private static final int MAX_COUNT = 0x7fff;

  /** Characters with a meaning in an ERE outside brackets. */
  private static final String ERE_SPECIALS = "\\.[]()*+?{}|^$";

  private static final String JAVA_SPECIALS = "\\.[]()*+?{}|^$";
  private static final String JAVA_CLASS_SPECIALS = "\\[]^-&";

  private static final String WORD = "[" + PosixClasses.WORD + "]";
  private static final String WORD_START = "(?<!" + WORD + ")(?=" + WORD + ")";
  private static final String WORD_END = "(?<=" + WORD + ")(?!" + WORD + ")";
  private static final String WORD_EDGE = "(?:" + WORD_START + "|" + WORD_END + ")";
  private static final String NOT_WORD_EDGE =
      "(?:(?<=" + WORD + ")(?=" + WORD + ")|(?<!" + WORD + ")(?!" + WORD + "))";

  /** What an atom turned into, which decides how a quantifier may follow it. */
  private enum Atom {
    /** Nothing: the next token ends the branch or is a quantifier. */
    EMPTY,
    /** A zero-width assertion, which must not be repeated. */
    ANCHOR,
    /** A single Java atom that a quantifier may follow directly. */
    SINGLE
  }

  private final String ere;
  private final StringBuilder out = new StringBuilder();
  private int pos;
  private int depth;

  /** Only anchors since the start, a '(' or a '|': where grep finds "nothing to repeat". */
  private boolean atStart = true;

  /** Anchors translated so far. */
  private int anchors;

  /** The code point of the atom just read, if it was a literal; else -1. */
  private int literal;

  /**
   * The literals after a leading '^' in a single top-level branch; null if there is no such '^'.
   */
  private StringBuilder prefix;

  /** Whether every closure read so far has added to {@link #prefix}. */
  private boolean prefixOpen;

  private EreTranslator(String ere) {
    this.ere = ere;
  }

  /**
   * A translation, and what a matcher may check instead of, or before, running it: if {@code
   * prefix} is not null, the expression matches only at the start of a path that starts with {@code
   * prefix} (a leading '^', then literals); if {@code prefixOnly}, that is all it asks.
   */
  record Translation(String java, String prefix, boolean prefixOnly) {}

  static Translation translate(String ere) throws UnsupportedEreException {
    EreTranslator translator = new EreTranslator(Objects.requireNonNull(ere, "ere"));
    translator.regexp();
    StringBuilder prefix = translator.prefix;
    return new Translation(
        translator.out.toString(),
        prefix == null ? null : prefix.toString(),
        prefix != null && translator.prefixOpen);
  }

  /** The ERE that matches {@code literal} itself, with every ERE metacharacter escaped. */
  static String quote(String literal) {
    StringBuilder quoted = new StringBuilder();
    for (int i = 0; i < literal.length(); i++) {
      char c = literal.charAt(i);
      if (ERE_SPECIALS.indexOf(c) >= 0) {
        quoted.append('\\');
      }
      quoted.append(c);
    }
    return quoted.toString();
  }

  // ---- Grammar, as GNU's dfa.c parses it: regexp = branch ('|' branch)*, branch = closure+,
  // ---- closure = atom quantifier*, where an atom may be empty.

  private void regexp() throws UnsupportedEreException {
    branch();
    while (at('|')) {
      if (depth == 0) {
        prefix = null; // a second top-level branch need not start with it
        prefixOpen = false;
      }
      pos++;
      out.append('|');
      atStart = true;
      branch();
    }
  }

  private void branch() throws UnsupportedEreException {
    closure();
    while (pos < ere.length() && !at('|') && !(at(')') && depth > 0)) {
      closure();
    }
  }

  private void closure() throws UnsupportedEreException {
    int atomFrom = pos;
    int atomStart = out.length();
    int anchorsBefore = anchors;
    Atom atom = atom();
    boolean containsAnchor = anchors > anchorsBefore;
    int quantifierStart = pos;
    boolean quantified = false;
    for (Quantifier quantifier; (quantifier = quantifier()) != null; ) {
      if (atom == Atom.ANCHOR) {
        throw repeatedAnchor(ere.substring(atomFrom, quantifierStart), quantifierStart);
      }
      if (atStart) {
        throw nothingToRepeat(quantifierStart);
      }
      if (containsAnchor && quantifier.repeats) {
        throw fail(
            "anchors (^ $ \\< \\> \\b \\B) inside a repeated group are not supported, as grep -E"
                + " matches them inconsistently (e.g. (\\<a)+ misses 'aa'): move the anchor out of"
                + " the group");
      }
      if (quantified) {
        // Java reads a** as an error and a*? / a*+ as lazy / possessive; grep repeats a* again.
        out.insert(atomStart, "(?:").append(')');
      }
      out.append(quantifier.java);
      quantified = true;
      quantifierStart = pos;
    }
    if (depth == 0) {
      extendPrefix(atomFrom == 0 && atom == Atom.ANCHOR && at(0, '^'), quantified);
    }
  }

  private void extendPrefix(boolean leadingCaret, boolean quantified) {
    if (leadingCaret) {
      prefix = new StringBuilder();
      prefixOpen = true;
    } else if (prefixOpen && literal >= 0 && !quantified) {
      prefix.appendCodePoint(literal);
    } else {
      prefixOpen = false;
    }
  }

  private Atom atom() throws UnsupportedEreException {
    literal = -1;
    if (pos >= ere.length()) {
      return Atom.EMPTY;
    }
    int c = ere.codePointAt(pos);
    switch (c) {
      case '|':
      case '*':
      case '+':
      case '?':
        return Atom.EMPTY;
      case '{':
        if (interval(pos, true) != null) {
          return Atom.EMPTY;
        }
        break;
      case ')':
        if (depth > 0) {
          return Atom.EMPTY;
        }
        break; // grep reads an unmatched ')' as a literal
      case '(':
        group();
        literal = -1; // not the group's last literal
        return consumed();
      case '[':
        bracket();
        return consumed();
      case '.':
        pos++;
        out.append('.');
        return consumed();
      case '^':
      case '$':
        pos++;
        return anchor(String.valueOf((char) c));
      case '\\':
        return escape();
      default:
        break;
    }
    pos += Character.charCount(c);
    appendLiteral(c);
    return consumed();
  }

  private Atom consumed() {
    atStart = false;
    return Atom.SINGLE;
  }

  private void group() throws UnsupportedEreException {
    int open = pos++;
    depth++;
    out.append("(?:");
    atStart = true;
    regexp();
    if (!at(')')) {
      throw fail(
          "unmatched ( or \\( at offset "
              + open
              + ": close the group with ')' or write \\( to match a literal '('");
    }
    pos++;
    depth--;
    out.append(')');
  }

  private Atom escape() throws UnsupportedEreException {
    if (pos + 1 >= ere.length()) {
      throw fail("trailing backslash: write \\\\ to match a literal backslash");
    }
    int c = ere.codePointAt(pos + 1);
    pos += 1 + Character.charCount(c);
    switch (c) {
      case 'w':
        out.append(WORD);
        return consumed();
      case 'W':
        out.append("[^").append(PosixClasses.WORD).append("\\n]");
        return consumed();
      case 's':
        out.append('[').append(PosixClasses.SPACE).append(']');
        return consumed();
      case 'S':
        out.append("[^").append(PosixClasses.SPACE).append(']');
        return consumed();
      case 'b':
        return anchor(WORD_EDGE);
      case 'B':
        return anchor(NOT_WORD_EDGE);
      case '<':
        return anchor(WORD_START);
      case '>':
        return anchor(WORD_END);
      case '`':
        return anchor("^");
      case '\'':
        return anchor("$");
      default:
        break;
    }
    if (c >= '1' && c <= '9') {
      throw fail(
          "back-reference \\"
              + (char) c
              + " is not supported: spell out the repeated text, or list the alternatives");
    }
    if (c < 0x80 && Character.isLetterOrDigit(c)) {
      throw fail(notAnEscape((char) c));
    }
    appendLiteral(c);
    return consumed();
  }

  private Atom anchor(String java) {
    anchors++;
    out.append(java);
    return Atom.ANCHOR;
  }

  private static String notAnEscape(char c) {
    String hint;
    switch (c) {
      case 'd':
        hint = "use [[:digit:]] for a digit";
        break;
      case 'D':
        hint = "use [^[:digit:]] for a non-digit";
        break;
      case 'Q':
      case 'E':
        hint = "escape each metacharacter with its own backslash instead of \\Q...\\E";
        break;
      case 'A':
        hint = "use ^ for the start of the path";
        break;
      case 'z':
      case 'Z':
        hint = "use $ for the end of the path";
        break;
      default:
        hint = "write " + c + " without the backslash";
        break;
    }
    return "\\"
        + c
        + " is not a POSIX ERE escape (grep -E reads it as a plain '"
        + c
        + "'): "
        + hint;
  }

  // ---- Quantifiers

  /** A quantifier in Java syntax; {@code repeats} if it allows more than one occurrence. */
  private record Quantifier(String java, boolean repeats) {}

  /** The quantifier at {@code pos}, consuming it; null if there is none. */
  private Quantifier quantifier() throws UnsupportedEreException {
    if (at('*') || at('+') || at('?')) {
      char q = ere.charAt(pos++);
      return new Quantifier(String.valueOf(q), q != '?');
    }
    if (!at('{')) {
      return null;
    }
    Interval interval = interval(pos, atStart);
    if (interval == null) {
      return null;
    }
    pos = interval.end;
    boolean repeats = interval.max == Interval.UNBOUNDED || interval.max > 1;
    if (interval.max == interval.min) {
      return new Quantifier("{" + interval.min + "}", repeats);
    }
    String max = interval.max == Interval.UNBOUNDED ? "" : String.valueOf(interval.max);
    return new Quantifier("{" + interval.min + "," + max + "}", repeats);
  }

  /** {@code {min,max}}, {@code end} being the index after its '}'. */
  private record Interval(int min, int max, int end) {
    static final int UNBOUNDED = -1;
  }

  /**
   * A number inside braces: {@code value} is NONE, INVALID or the number; {@code stop} indexes the
   * ',' or '}' that ended it, or is the expression's length.
   */
  private record Count(int value, int stop) {
    static final int NONE = -1;
    static final int INVALID = -2;
  }

  /**
   * The interval that starts with the '{' at {@code open}, or null if grep reads that '{' as a
   * literal. Mirrors glibc's parse_dup_op: text that cannot be an interval is a literal, but "{}",
   * "{n,m}" with n &gt; m and "{n,m,..." are errors, except at the start of an expression ({@code
   * leading}), where grep reads them as literals too.
   */
  private Interval interval(int open, boolean leading) throws UnsupportedEreException {
    Count first = count(open + 1);
    if (first.stop == ere.length()) {
      return null;
    }
    int min = first.value;
    if (min == Count.NONE) {
      if (!at(first.stop, ',')) {
        return invalidInterval(open, first.stop, leading);
      }
      min = 0;
    }
    if (min == Count.INVALID) {
      return null;
    }
    int max = min;
    int close = first.stop;
    if (at(first.stop, ',')) {
      Count second = count(first.stop + 1);
      if (second.value == Count.INVALID) {
        return null;
      }
      if (at(second.stop, ',')) {
        return invalidInterval(open, second.stop, leading);
      }
      max = second.value == Count.NONE ? Interval.UNBOUNDED : second.value;
      close = second.stop;
    }
    if (max != Interval.UNBOUNDED && min > max) {
      return invalidInterval(open, close, leading);
    }
    if (Math.max(min, max) > MAX_COUNT) {
      throw fail(
          "repetition count in '" + ere.substring(open, close + 1) + "' exceeds " + MAX_COUNT);
    }
    return new Interval(min, max, close + 1);
  }

  /** Like glibc's fetch_number: digits up to ',' or '}'; anything else makes the braces literal. */
  private Count count(int from) {
    int value = Count.NONE;
    int i = from;
    for (; i < ere.length() && !at(i, ',') && !at(i, '}'); i++) {
      char c = ere.charAt(i);
      if (c == '\\') {
        i++; // an escaped character is one token, and not a digit
        value = Count.INVALID;
      } else if (c < '0' || c > '9' || value == Count.INVALID) {
        value = Count.INVALID;
      } else {
        value = value == Count.NONE ? c - '0' : Math.min(MAX_COUNT + 1, value * 10 + c - '0');
      }
    }
    return i >= ere.length() ? new Count(Count.INVALID, ere.length()) : new Count(value, i);
  }

  private Interval invalidInterval(int open, int stop, boolean leading)
      throws UnsupportedEreException {
    if (leading) {
      return null;
    }
    throw fail(
        "invalid interval '"
            + ere.substring(open, stop + 1)
            + "': use {n}, {n,}, {,m} or {n,m} with n <= m, or write \\{ to match a literal '{'");
  }

  /**
   * grep reads a quantifier after an anchor two ways: {@code a^*b} repeats the '^' (dfa.c), but
   * {@code a\b*b} ignores the '*' (glibc regex), so neither is worth mirroring.
   */
  private UnsupportedEreException repeatedAnchor(String anchor, int start) {
    char q = ere.charAt(start);
    return fail(
        "'"
            + ere.substring(start, pos)
            + "' after the anchor '"
            + anchor
            + "' repeats nothing"
            + " (grep -E ignores it or repeats the anchor): remove it, or write \\"
            + q
            + " to match a literal '"
            + q
            + "'");
  }

  /** For the quantifier that ends at {@code pos} and starts at {@code start}. */
  private UnsupportedEreException nothingToRepeat(int start) {
    char q = ere.charAt(start);
    if (q == '?' && start > 0 && ere.charAt(start - 1) == '(') {
      return fail(
          "'(?' is Java/PCRE group syntax, which POSIX ERE does not have"
              + " (grep -E ignores the '?' with a warning): use a plain (...) group");
    }
    return fail(
        "'"
            + ere.substring(start, pos)
            + "' has nothing to repeat"
            + " (grep -E ignores it with a warning): write \\"
            + q
            + " to match a literal '"
            + q
            + "'");
  }

  // ---- Bracket expressions

  /** One element of a bracket expression, as Java class contents. */
  private record Element(String java, int codePoint, boolean rangeable, boolean plain) {
    static Element character(int c) {
      return new Element(classLiteral(c), c, true, true);
    }
  }

  private void bracket() throws UnsupportedEreException {
    pos++;
    StringBuilder java = new StringBuilder("[");
    boolean negated = at('^');
    if (negated) {
      pos++;
      java.append('^');
    }
    int contentStart = pos;
    boolean plain = true; // only plain characters: no ranges or [: :] elements
    for (boolean first = true; first || !at(']'); first = false) {
      if (pos >= ere.length()) {
        throw unmatchedBracket();
      }
      Element start = element(first);
      if (start.rangeable && at('-') && !at(pos + 1, ']')) {
        pos++;
        if (pos >= ere.length()) {
          throw unmatchedBracket();
        }
        java.append(range(start, element(true)));
        plain = false;
      } else {
        java.append(start.java);
        plain &= start.plain;
      }
    }
    String content = ere.substring(contentStart, pos);
    pos++;
    if (plain && looksLikeBareClass(content)) {
      // grep's own error, for the common mistake [:space:] instead of [[:space:]]
      throw fail(
          "character class syntax is [[:space:]], not [:space:]: put the class inside a bracket"
              + " expression, e.g. [["
              + content
              + "]]");
    }
    if (negated) {
      java.append("\\n"); // a negated list never matches a newline in grep
    }
    out.append(java).append(']');
  }

  /**
   * ":x:" with something besides colons: what grep refuses as "[:space:] instead of [[:space:]]".
   */
  private static boolean looksLikeBareClass(String content) {
    return content.length() >= 2
        && content.startsWith(":")
        && content.endsWith(":")
        && !content.chars().allMatch(c -> c == ':');
  }

  private Element element(boolean first) throws UnsupportedEreException {
    char c = ere.charAt(pos);
    if (c == '[' && pos + 1 < ere.length() && ":.=".indexOf(ere.charAt(pos + 1)) >= 0) {
      return bracketSymbol();
    }
    if (c == '-' && !first && !at(pos + 1, ']')) {
      throw invalidRange("a '-' must come first, last, or between the two ends of a range");
    }
    int cp = ere.codePointAt(pos);
    pos += Character.charCount(cp);
    return Element.character(cp);
  }

  /** {@code [:name:]}, {@code [.c.]} or {@code [=c=]}, with {@code pos} at its '['. */
  private Element bracketSymbol() throws UnsupportedEreException {
    char kind = ere.charAt(pos + 1);
    int nameStart = pos + 2;
    int close = ere.indexOf(new String(new char[] {kind, ']'}), nameStart);
    if (close < 0) {
      throw unmatchedBracket();
    }
    String name = ere.substring(nameStart, close);
    String symbol = ere.substring(pos, close + 2);
    pos = close + 2;
    if (kind == ':') {
      String java =
          PosixClasses.byName(name)
              .orElseThrow(
                  () ->
                      fail(
                          "invalid character class name '"
                              + name
                              + "': use one of "
                              + PosixClasses.names()));
      return new Element(java, -1, false, false);
    }
    if (name.length() != 1 || name.charAt(0) >= 0x80) {
      throw fail(
          "invalid collation character '"
              + symbol
              + "': [. .] and [= =] take a single ASCII character; list other characters plainly");
    }
    // In C.UTF-8 a collating symbol or an equivalence class is just the character itself.
    return new Element(classLiteral(name.charAt(0)), name.charAt(0), kind == '.', false);
  }

  private String range(Element start, Element end) throws UnsupportedEreException {
    if (!end.rangeable) {
      throw invalidRange("a [: :] or [= =] element cannot end a range");
    }
    if (start.codePoint >= 0x80 || end.codePoint >= 0x80) {
      throw fail(
          "invalid collation character: range end points must be ASCII characters"
              + " (grep -E rejects others); list non-ASCII characters one by one");
    }
    if (start.codePoint > end.codePoint) {
      throw invalidRange(
          "'" + (char) start.codePoint + "' comes after '" + (char) end.codePoint + "'");
    }
    return start.java + "-" + end.java;
  }

  private UnsupportedEreException invalidRange(String why) {
    return fail(
        "invalid range end: " + why + " (write a literal '-' first or last in the brackets)");
  }

  private UnsupportedEreException unmatchedBracket() {
    return fail(
        "unmatched [, [^, [:, [., or [=: close the bracket expression with ']'"
            + " or write \\[ to match a literal '['");
  }

  // ---- Output helpers

  private void appendLiteral(int c) {
    literal = c;
    if (c < 0x20 || c == 0x7f) {
      out.append(String.format("\\x{%x}", c));
    } else {
      if (JAVA_SPECIALS.indexOf(c) >= 0) {
        out.append('\\');
      }
      out.appendCodePoint(c);
    }
  }

  private static String classLiteral(int c) {
    if (c < 0x20 || c == 0x7f) {
      return String.format("\\x{%x}", c);
    }
    String s = new String(Character.toChars(c));
    return JAVA_CLASS_SPECIALS.indexOf(c) >= 0 ? "\\" + s : s;
  }

  private boolean at(char c) {
    return at(pos, c);
  }

  private boolean at(int i, char c) {
    return i < ere.length() && ere.charAt(i) == c;
  }

  private UnsupportedEreException fail(String reason) {
    return new UnsupportedEreException(ere, reason);
  }
}
