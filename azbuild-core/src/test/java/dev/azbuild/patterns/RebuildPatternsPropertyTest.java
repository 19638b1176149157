package dev.azbuild.patterns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Random pattern files and random paths: {@link RebuildPatterns#matches} must select exactly the
 * paths that {@code grep -E -f} selects once comment and blank lines are removed from the file.
 */
class RebuildPatternsPropertyTest {

  /** Letters (one upper case, one non-ASCII), a digit, separators and a space. */
  private static final String PATH_CHARS = "abB1/.-_ é";

  @Property(tries = 200)
  void selectsTheSamePathsAsGrep(
      @ForAll("patternFiles") List<String> lines, @ForAll("pathLists") List<String> paths)
      throws Exception {
    Assume.that(GnuGrep.available());
    RebuildPatterns patterns = RebuildPatterns.parse("generated", String.join("\n", lines) + "\n");
    List<String> grepPatterns =
        lines.stream().filter(line -> !line.isBlank() && !line.startsWith("#")).toList();

    GnuGrep.Result grep = GnuGrep.run(grepPatterns, paths);
    Assume.that(grep.exitCode() != GnuGrep.TIMED_OUT); // grep itself hangs on a few patterns

    assertThat(grep.exitCode()).as("grep exit code; stderr: %s", grep.stderr()).isIn(0, 1);
    assertThat(paths.stream().filter(patterns::matches).toList())
        .as("paths matched by %s", patterns.sources())
        .isEqualTo(grep.matched());
  }

  @Provide
  Arbitrary<List<String>> patternFiles() {
    Arbitrary<String> line =
        Arbitraries.frequencyOf(
            Tuple.of(8, regex(2).map(Ere::text)),
            Tuple.of(1, Arbitraries.of("# a comment", "#^a", "")),
            Tuple.of(1, Arbitraries.of("  ", "\t")));
    return line.list().ofMinSize(1).ofMaxSize(4);
  }

  @Provide
  Arbitrary<List<String>> pathLists() {
    return Arbitraries.strings()
        .withChars(PATH_CHARS)
        .ofMaxLength(10)
        .list()
        .ofMinSize(1)
        .ofMaxSize(25);
  }

  /** A generated expression, and whether it contains an anchor (which must not be repeated). */
  private record Ere(String text, boolean anchored) {
    static Ere join(List<Ere> parts, String separator) {
      return new Ere(
          String.join(separator, parts.stream().map(Ere::text).toList()),
          parts.stream().anyMatch(Ere::anchored));
    }
  }

  /** Alternatives of sequences; empty alternatives included, as grep allows them. */
  private static Arbitrary<Ere> regex(int depth) {
    Arbitrary<Ere> branch = piece(depth).list().ofMaxSize(4).map(pieces -> Ere.join(pieces, ""));
    return branch.list().ofMinSize(1).ofMaxSize(3).map(branches -> Ere.join(branches, "|"));
  }

  /** An anchor, or an atom with an optional (possibly stacked) quantifier. */
  private static Arbitrary<Ere> piece(int depth) {
    Arbitrary<Ere> anchor =
        Arbitraries.of("^", "$", "\\<", "\\>", "\\b", "\\B", "\\`", "\\'")
            .map(text -> new Ere(text, true));
    Arbitrary<Ere> quantified =
        atom(depth)
            .flatMap(
                atom -> quantifier(atom.anchored).map(q -> new Ere(atom.text + q, atom.anchored)));
    return Arbitraries.frequencyOf(Tuple.of(1, anchor), Tuple.of(6, quantified));
  }

  /** Nothing, or a quantifier; only optional ones for a group with an anchor. */
  private static Arbitrary<String> quantifier(boolean anchored) {
    Arbitrary<String> some =
        anchored
            ? Arbitraries.of("?", "{0,1}", "{1}", "{0}", "??")
            : Arbitraries.of(
                "*", "+", "?", "{1,2}", "{2}", "{,1}", "{1,}", "{0}", "{,}", "*?", "+*", "??",
                "{1}{2}");
    return Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just("")), Tuple.of(4, some));
  }

  private static Arbitrary<Ere> atom(int depth) {
    Arbitrary<String> simple =
        Arbitraries.frequencyOf(
            Tuple.of(8, Arbitraries.of("a", "b", "B", "1", "/", "-", "_", " ", "é")),
            Tuple.of(2, Arbitraries.of(".", "\\.", "\\(", "a{x", "}", "\\é")),
            Tuple.of(
                4,
                Arbitraries.of(
                    "[abc]",
                    "[^a-c]",
                    "[[:digit:]]",
                    "[[:alpha:]_]",
                    "[^/]",
                    "[.-]",
                    "[]a]",
                    "[^ é]",
                    "[[:punct:]]",
                    "[[:space:]]",
                    "[a-z]",
                    "[[:upper:]]",
                    "[\\.]",
                    "[[:alnum:]]",
                    "[[:lower:]]",
                    "[^[:alpha:]]",
                    "[^]é]",
                    "[[.-.]a]",
                    "[[=a=]]",
                    "[--/]",
                    "[[:graph:]]",
                    "[é-]")),
            Tuple.of(1, Arbitraries.of("\\w", "\\W", "\\s", "\\S")));
    Arbitrary<Ere> plain = simple.map(text -> new Ere(text, false));
    if (depth == 0) {
      return plain;
    }
    Arbitrary<Ere> group =
        Arbitraries.lazy(() -> regex(depth - 1)).map(r -> new Ere("(" + r.text + ")", r.anchored));
    return Arbitraries.frequencyOf(Tuple.of(5, plain), Tuple.of(1, group));
  }
}
