package dev.azbuild.patterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case states the expected result and is checked against both the translation and the real
 * {@code grep -E} (GNU grep 3.8, C.UTF-8), so a case can pass neither trivially nor wrongly.
 */
class EreTranslatorTest {

  static Stream<Arguments> cases() {
    return Stream.of(
        // plain search, anywhere in the path
        arguments("api", "services/api/pom.xml", true),
        arguments("api", "services/ap/pom.xml", false),
        arguments("a.c", "a/c", true),
        arguments("a\\.c", "abc", false),
        arguments("a\\.c", "x/a.c", true),
        // anchors; ^ and $ are anchors anywhere, so a^b and a$b never match
        arguments("^services/api/", "services/api/src/Main.java", true),
        arguments("^services/api/", "x/services/api/Main.java", false),
        arguments("\\.java$", "a/B.java", true),
        arguments("\\.java$", "a/B.javax", false),
        arguments("a^b", "a^b", false),
        arguments("a$b", "a$b", false),
        arguments("^$", "", true),
        // alternation and groups, including empty branches and groups
        arguments("^(docs|site)/", "site/index.md", true),
        arguments("^(docs|site)/", "src/site/index.md", false),
        arguments("a|", "zzz", true),
        arguments("()", "zzz", true),
        arguments("^(|x)y", "y", true),
        arguments("^(ab)+c$", "ababc", true),
        arguments("^(ab)+$", "aba", false),
        // quantifiers and intervals
        arguments("^ab*c$", "ac", true),
        arguments("^ab+c$", "ac", false),
        arguments("^ab?c$", "abbc", false),
        arguments("^a{2}$", "aa", true),
        arguments("^a{2}$", "aaa", false),
        arguments("^a{1,2}$", "aaa", false),
        arguments("^a{2,}$", "aaaa", true),
        arguments("^a{,2}$", "aa", true),
        arguments("^xa{,2}$", "xaaa", false),
        arguments("^a{,}$", "aaa", true),
        arguments("^a{01}$", "a", true),
        arguments("^(ab){2}$", "abab", true),
        // stacked quantifiers repeat again; never Java's lazy (a+?) or possessive (a*+) forms
        arguments("^a**$", "aaa", true),
        arguments("^a+?$", "", true),
        arguments("^a*+a$", "aa", true),
        arguments("^a++$", "aa", true),
        arguments("^a?*$", "aaa", true),
        arguments("^a{2}{2}$", "aaaa", true),
        arguments("^a{2}{2}$", "aaa", false),
        // '{' that does not start an interval is a literal
        arguments("a{", "a{", true),
        arguments("^a{$", "a", false),
        arguments("a{x}", "a{x}", true),
        arguments("a{1", "a{1", true),
        arguments("a{1,", "a{1,", true),
        arguments("a{1,x}", "a{1,x}", true),
        arguments("a{ 1}", "a{ 1}", true),
        arguments("{x}", "{x}", true),
        arguments("^{}a", "{}a", true),
        arguments("^{2,1}a", "{2,1}a", true),
        arguments("a}", "a}", true),
        // an unmatched ')' is a literal
        arguments("a)", "a)", true),
        arguments("^a)$", "a", false),
        arguments("^())$", ")", true),
        // backslash makes punctuation, spaces and non-ASCII characters literal
        arguments("\\(", "(", true),
        arguments("\\[x", "[x", true),
        arguments("^a\\*$", "a*", true),
        arguments("^a\\*$", "aa", false),
        arguments("\\{1\\}", "{1}", true),
        arguments("\\|", "a|b", true),
        arguments("\\\\", "a\\b", true),
        arguments("^a\\/b$", "a/b", true),
        arguments("^\\-rf/", "-rf/x", true),
        arguments("\\ ", "a b", true),
        arguments("\\é", "é", true),
        arguments("a\\?", "a?", true),
        arguments("^a\\?$", "", false),
        // GNU operators: \w \W \s \S \b \B \< \> \` \'
        arguments("\\w", "_", true),
        arguments("^\\w+$", "a-b", false),
        arguments("\\W", "-", true),
        arguments("\\s", "a b", true),
        arguments("^\\S+$", "a b", false),
        arguments("\\bapi\\b", "services/api/x", true),
        arguments("\\bapi\\b", "services/apix", false),
        arguments("\\Bpi", "api", true),
        arguments("\\Bap", "api", false),
        arguments("\\B", "", true),
        arguments("\\b", "", false),
        arguments("\\<api", "x-api", true),
        arguments("\\<pi", "api", false),
        arguments("api\\>", "api-x", true),
        arguments("ap\\>", "api", false),
        arguments("\\`a", "ab", true),
        arguments("\\`b", "ab", false),
        arguments("b\\'", "ab", true),
        arguments("a\\'", "ab", false),
        // a group with an anchor may be optional or counted once
        arguments("x(^)?a", "xa", true),
        arguments("^(\\<a)?b", "b", true),
        arguments("(a\\>){1}-", "a-", true),
        arguments("(a$){0,1}", "b", true),
        // word characters include non-ASCII letters in C.UTF-8
        arguments("\\w", "é", true),
        arguments("^\\W$", "é", false),
        arguments("é\\b", "é-x", true),
        arguments("\\<ü", "a-über", true),
        // bracket expressions: backslash, '[' and '&&' are literal; ']' first and '-' at the ends
        // too
        arguments("[\\.]", "\\", true),
        arguments("[\\.]", ".", true),
        arguments("[\\.]", "x", false),
        arguments("^[\\n]$", "n", true),
        arguments("[]a]", "]", true),
        arguments("[^]a]", "]", false),
        arguments("[^]a]", "b", true),
        arguments("[a[b]", "[", true),
        arguments("[[]", "[", true),
        arguments("[a&&b]", "&", true),
        arguments("^[a&&b]$", "a", true),
        arguments("[-a]", "-", true),
        arguments("[a-]", "-", true),
        arguments("[^-]", "-", false),
        arguments("[--/]", ".", true),
        arguments("[!--]", ",", true),
        arguments("[]-a]", "^", true),
        arguments("[a^]", "^", true),
        arguments("[^a-c]", "b", false),
        arguments("[^a-c]", "d", true),
        arguments("^[^a]$", "é", true),
        arguments("^[a-z]$", "é", false),
        arguments("^[ -~]$", "é", false),
        arguments("^[é]$", "é", true),
        arguments("[[.a.]]", "a", true),
        arguments("[[.-.]]", "-", true),
        arguments("[[.].]]", "]", true),
        arguments("[[.a.]-c]", "b", true),
        arguments("[[=a=]]", "a", true),
        arguments("[[=e=]]", "é", false),
        arguments("[[=a=]b]", "b", true),
        arguments("[[:alpha:]-]", "-", true),
        arguments("[::]", ":", true),
        arguments("[:a-b:]", "a", true),
        // POSIX classes, as glibc's C.UTF-8 defines them (Unicode-aware but for digit and xdigit)
        arguments("[[:alnum:]]", "-", false),
        arguments("[[:alnum:]]", "é", true),
        arguments("[[:alpha:]]", "é", true),
        arguments("[[:alpha:]]", "٣", true),
        arguments("[[:alpha:]]", "7", false),
        arguments("[[:digit:]]", "7", true),
        arguments("[[:digit:]]", "٣", false),
        arguments("[[:space:]]", "\t", true),
        arguments("[[:space:]]", "\u00A0", false),
        arguments("[[:space:]]", "\u2003", true),
        arguments("[[:blank:]]", "\u2003", true),
        arguments("[[:blank:]]", "\u000B", false),
        arguments("[[:upper:]]", "É", true),
        arguments("[[:upper:]]", "é", false),
        arguments("[[:lower:]]", "é", true),
        arguments("[[:lower:]]", "ǅ", true),
        arguments("[[:punct:]]", "$", true),
        arguments("[[:punct:]]", "«", true),
        arguments("[[:punct:]]", "_", true),
        arguments("[[:punct:]]", "é", false),
        arguments("[[:xdigit:]]", "F", true),
        arguments("[[:xdigit:]]", "g", false),
        arguments("[[:xdigit:]]", "ａ", false),
        arguments("[[:cntrl:]]", "\u0001", true),
        arguments("[[:cntrl:]]", "a", false),
        arguments("[[:print:]]", " ", true),
        arguments("[[:print:]]", "\u0001", false),
        arguments("[[:graph:]]", " ", false),
        arguments("[[:graph:]]", "\u00A0", true),
        arguments("[^[:alnum:]]", "é", false),
        arguments("^[[:alpha:][:digit:]_-]+$", "my_mod-2é", true),
        // characters outside the BMP are single characters
        arguments("^.$", "😀", true),
        arguments("^[😀]$", "😀", true),
        arguments("^a😀{2}$", "a😀😀", true),
        // paths a shell would misread
        arguments("^-rf/", "-rf/file", true),
        arguments("^my dir/", "my dir/a b.txt", true));
  }

  @ParameterizedTest(name = "[{index}] ''{0}'' on ''{1}'' -> {2}")
  @MethodSource("cases")
  void matchesLikeGrep(String ere, String path, boolean expected) throws Exception {
    assertThat(javaFinds(ere, path)).as("translation %s", toJava(ere)).isEqualTo(expected);

    assumeTrue(GnuGrep.available(), "GNU grep is not installed");
    GnuGrep.Result grep = GnuGrep.run(ere, path);
    assertThat(grep.exitCode()).as("grep exit code; stderr: %s", grep.stderr()).isIn(0, 1);
    assertThat(grep.exitCode() == 0).as("grep -E").isEqualTo(expected);
  }

  /** What grep itself does with a rejected expression. */
  enum Grep {
    /** grep fails (exit 2). */
    ERROR,
    /** grep accepts it but prints a warning. */
    WARNS,
    /** grep accepts it silently, with a reading the writer rarely intends. */
    ACCEPTS
  }

  static Stream<Arguments> rejections() {
    return Stream.of(
        arguments(
            "(a",
            Grep.ERROR,
            "unmatched ( or \\( at offset 0: close the group with ')' or write \\( to match a"
                + " literal '('"),
        arguments(
            "a(b(c)",
            Grep.ERROR,
            "unmatched ( or \\( at offset 1: close the group with ')' or write \\( to match a"
                + " literal '('"),
        arguments("[a", Grep.ERROR, UNMATCHED_BRACKET),
        arguments("[]", Grep.ERROR, UNMATCHED_BRACKET),
        arguments("[^]", Grep.ERROR, UNMATCHED_BRACKET),
        arguments("[a-", Grep.ERROR, UNMATCHED_BRACKET),
        arguments("[[:alpha:]", Grep.ERROR, UNMATCHED_BRACKET),
        arguments("[[:alpha]]", Grep.ERROR, UNMATCHED_BRACKET),
        arguments("[a[:]", Grep.ERROR, UNMATCHED_BRACKET),
        arguments("a\\", Grep.ERROR, "trailing backslash: write \\\\ to match a literal backslash"),
        arguments(
            "\\1",
            Grep.ERROR,
            "back-reference \\1 is not supported: spell out the repeated text, or list the"
                + " alternatives"),
        arguments(
            "(a)\\1",
            Grep.ACCEPTS,
            "back-reference \\1 is not supported: spell out the repeated text, or list the"
                + " alternatives"),
        arguments(
            "\\d",
            Grep.ACCEPTS,
            "\\d is not a POSIX ERE escape (grep -E reads it as a plain 'd'): use [[:digit:]] for a"
                + " digit"),
        arguments(
            "\\Qa.b\\E",
            Grep.ACCEPTS,
            "\\Q is not a POSIX ERE escape (grep -E reads it as a plain 'Q'):"
                + " escape each metacharacter with its own backslash instead of \\Q...\\E"),
        arguments(
            "a\\t",
            Grep.ACCEPTS,
            "\\t is not a POSIX ERE escape (grep -E reads it as a plain 't'): write t without the"
                + " backslash"),
        arguments(
            "*abc",
            Grep.WARNS,
            "'*' has nothing to repeat (grep -E ignores it with a warning): write \\* to match a"
                + " literal '*'"),
        arguments(
            "(*a)",
            Grep.WARNS,
            "'*' has nothing to repeat (grep -E ignores it with a warning): write \\* to match a"
                + " literal '*'"),
        arguments(
            "a|+b",
            Grep.WARNS,
            "'+' has nothing to repeat (grep -E ignores it with a warning): write \\+ to match a"
                + " literal '+'"),
        arguments("^*a", Grep.WARNS, repeatedAnchor("*", "^")),
        arguments("$?a", Grep.WARNS, repeatedAnchor("?", "$")),
        arguments("a^*b", Grep.ACCEPTS, repeatedAnchor("*", "^")),
        arguments("a\\b*b", Grep.ACCEPTS, repeatedAnchor("*", "\\b")),
        arguments("a\\>{2}", Grep.ACCEPTS, repeatedAnchor("{2}", "\\>")),
        arguments(
            "{1}a",
            Grep.WARNS,
            "'{1}' has nothing to repeat (grep -E ignores it with a warning): write \\{ to match a"
                + " literal '{'"),
        arguments(
            "(?:a)",
            Grep.WARNS,
            "'(?' is Java/PCRE group syntax, which POSIX ERE does not have"
                + " (grep -E ignores the '?' with a warning): use a plain (...) group"),
        arguments("(\\<a)+", Grep.ACCEPTS, ANCHOR_IN_REPEATED_GROUP),
        arguments("(^a|b)*c", Grep.ACCEPTS, ANCHOR_IN_REPEATED_GROUP),
        arguments("x(a$){2}", Grep.ACCEPTS, ANCHOR_IN_REPEATED_GROUP),
        arguments("((\\b)a)?*", Grep.ACCEPTS, ANCHOR_IN_REPEATED_GROUP),
        arguments("a{2,1}", Grep.ERROR, invalidInterval("{2,1}")),
        arguments("a{}", Grep.ERROR, invalidInterval("{}")),
        arguments("a{1,2,3}", Grep.ERROR, invalidInterval("{1,2,")),
        arguments("a{32768}", Grep.ERROR, "repetition count in '{32768}' exceeds 32767"),
        arguments(
            "[[:foo:]]",
            Grep.ERROR,
            "invalid character class name 'foo': use one of alnum, alpha, blank, cntrl, digit,"
                + " graph, lower, print, punct, space, upper, xdigit"),
        arguments("[[.ab.]]", Grep.ERROR, invalidCollation("[.ab.]")),
        arguments("[[..]]", Grep.ERROR, invalidCollation("[..]")),
        arguments("[[=é=]]", Grep.ERROR, invalidCollation("[=é=]")),
        arguments(
            "[a-é]",
            Grep.ERROR,
            "invalid collation character: range end points must be ASCII characters"
                + " (grep -E rejects others); list non-ASCII characters one by one"),
        arguments("[z-a]", Grep.ERROR, invalidRange("'z' comes after 'a'")),
        arguments("[a--]", Grep.ERROR, invalidRange("'a' comes after '-'")),
        arguments(
            "[a-c-e]",
            Grep.ERROR,
            invalidRange("a '-' must come first, last, or between the two ends of a range")),
        arguments(
            "[[:alpha:]-z]",
            Grep.ERROR,
            invalidRange("a '-' must come first, last, or between the two ends of a range")),
        arguments(
            "[a-[:digit:]]",
            Grep.ERROR,
            invalidRange("a [: :] or [= =] element cannot end a range")),
        arguments(
            "[:alpha:]",
            Grep.ERROR,
            "character class syntax is [[:space:]], not [:space:]: put the class inside a bracket"
                + " expression, e.g. [[:alpha:]]"),
        arguments(
            "[^:digit:]",
            Grep.ERROR,
            "character class syntax is [[:space:]], not [:space:]: put the class inside a bracket"
                + " expression, e.g. [[:digit:]]"));
  }

  private static final String ANCHOR_IN_REPEATED_GROUP =
      "anchors (^ $ \\< \\> \\b \\B) inside a repeated group are not supported, as grep -E matches"
          + " them inconsistently (e.g. (\\<a)+ misses 'aa'): move the anchor out of the group";

  private static final String UNMATCHED_BRACKET =
      "unmatched [, [^, [:, [., or [=: close the bracket expression with ']'"
          + " or write \\[ to match a literal '['";

  private static String repeatedAnchor(String quantifier, String anchor) {
    char q = quantifier.charAt(0);
    return "'"
        + quantifier
        + "' after the anchor '"
        + anchor
        + "' repeats nothing"
        + " (grep -E ignores it or repeats the anchor): remove it, or write \\"
        + q
        + " to match a literal '"
        + q
        + "'";
  }

  private static String invalidInterval(String interval) {
    return "invalid interval '"
        + interval
        + "': use {n}, {n,}, {,m} or {n,m} with n <= m, or write \\{ to match a literal '{'";
  }

  private static String invalidCollation(String symbol) {
    return "invalid collation character '"
        + symbol
        + "': [. .] and [= =] take a single ASCII character; list other characters plainly";
  }

  private static String invalidRange(String why) {
    return "invalid range end: " + why + " (write a literal '-' first or last in the brackets)";
  }

  @ParameterizedTest(name = "[{index}] ''{0}'' (grep: {1})")
  @MethodSource("rejections")
  void rejects(String ere, Grep grepVerdict, String reason) {
    assertThatThrownBy(() -> toJava(ere))
        .isInstanceOfSatisfying(
            UnsupportedEreException.class,
            e -> {
              assertThat(e.regex()).isEqualTo(ere);
              assertThat(e.reason()).isEqualTo(reason);
              assertThat(e.getMessage())
                  .isEqualTo("cannot use regular expression '" + ere + "': " + reason);
            });

    assumeTrue(GnuGrep.available(), "GNU grep is not installed");
    GnuGrep.Result grep = GnuGrep.run(ere, "x");
    switch (grepVerdict) {
      case ERROR -> assertThat(grep.exitCode()).as("grep stderr: %s", grep.stderr()).isEqualTo(2);
      case WARNS -> {
        assertThat(grep.exitCode()).isIn(0, 1);
        assertThat(grep.stderr()).contains("warning");
      }
      case ACCEPTS -> {
        assertThat(grep.exitCode()).isIn(0, 1);
        assertThat(grep.stderr()).isEmpty();
      }
    }
  }

  @Test
  void translatesToReadableJava() throws Exception {
    assertThat(toJava("^services/api/")).isEqualTo("^services/api/");
    assertThat(toJava("a.b\\.c")).isEqualTo("a.b\\.c");
    assertThat(toJava("(a|b)+")).isEqualTo("(?:a|b)+");
    assertThat(toJava("a*?")).isEqualTo("(?:a*)?");
    assertThat(toJava("a{,3}")).isEqualTo("a{0,3}");
    assertThat(toJava("a{2,}")).isEqualTo("a{2,}");
    assertThat(toJava("a{")).isEqualTo("a\\{");
    assertThat(toJava("a)")).isEqualTo("a\\)");
    assertThat(toJava("[\\.[&&]")).isEqualTo("[\\\\.\\[\\&\\&]");
    assertThat(toJava("[^a-c]")).isEqualTo("[^a-c\\n]");
    assertThat(toJava("[[:digit:]]")).isEqualTo("[0-9]");
  }

  @ParameterizedTest(name = "[{index}] ''{0}'' -> prefix ''{1}'', prefix only: {2}")
  @MethodSource("prefixes")
  void findsTheLiteralPrefixOfAnAnchoredExpression(String ere, String prefix, boolean prefixOnly)
      throws Exception {
    EreTranslator.Translation translation = EreTranslator.translate(ere);

    assertThat(translation.prefix()).isEqualTo(prefix);
    assertThat(translation.prefixOnly()).isEqualTo(prefixOnly);
  }

  static Stream<Arguments> prefixes() {
    return Stream.of(
        arguments("^services/api/", "services/api/", true),
        arguments("^web/c\\+\\+\\.app/", "web/c++.app/", true),
        arguments("^", "", true),
        arguments("^a b/-x_é😀/", "a b/-x_é😀/", true),
        arguments("^a{", "a{", true),
        arguments("^a)", "a)", true),
        arguments("^a.b", "a", false),
        arguments("^ab*", "a", false),
        arguments("^ab{0}c", "a", false),
        arguments("^a$", "a", false),
        arguments("^a\\w", "a", false),
        arguments("^a[b]", "a", false),
        arguments("^(a|b)c", "", false),
        arguments("services/api/", null, false),
        arguments("^a|b", null, false),
        arguments("^a(b|c)|d", null, false),
        arguments("(^a)", null, false),
        arguments("a^", null, false),
        arguments("\\`a", null, false));
  }

  @Test
  void quoteEscapesEveryMetacharacter() throws Exception {
    String literal = "a.b[c]d(e)f*g+h?i{j}k|l^m$n\\o";
    String ere = EreTranslator.quote(literal);
    assertThat(javaFinds("^" + ere + "$", literal)).isTrue();
    assertThat(EreTranslator.translate("^" + ere).prefix()).isEqualTo(literal);
    assertThat(EreTranslator.translate("^" + ere).prefixOnly()).isTrue();
  }

  private static boolean javaFinds(String ere, String path) throws UnsupportedEreException {
    return Pattern.compile(toJava(ere), Pattern.UNIX_LINES).matcher(path).find();
  }

  /** The {@link java.util.regex.Pattern} source that matches what {@code grep -E ere} matches. */
  private static String toJava(String ere) throws UnsupportedEreException {
    return EreTranslator.translate(ere).java();
  }
}
