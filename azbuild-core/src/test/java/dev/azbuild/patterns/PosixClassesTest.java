package dev.azbuild.patterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks each character class, code point by code point, against {@code grep -E} in C.UTF-8. Code
 * points that either side's Unicode version has not assigned yet are skipped.
 */
class PosixClassesTest {

  /** The Basic and Supplementary Multilingual planes, without '\n' and the surrogates. */
  private static final List<String> CHARACTERS = new ArrayList<>();

  @TempDir static Path tempDir;
  private static Path input;
  private static Set<String> assignedForGlibc;

  @BeforeAll
  static void characters() throws IOException {
    assumeTrue(GnuGrep.available(), "GNU grep is not installed");
    for (int cp = 1; cp <= 0x1FFFF; cp++) {
      if (cp != '\n' && !(cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE)) {
        CHARACTERS.add(Character.toString(cp));
      }
    }
    input = Files.writeString(tempDir.resolve("characters"), GnuGrep.lines(CHARACTERS));
    assignedForGlibc = grep("^[[:print:][:cntrl:]]$");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[[:alnum:]]", "[[:alpha:]]", "[[:blank:]]", "[[:cntrl:]]", "[[:digit:]]", "[[:graph:]]",
        "[[:lower:]]", "[[:print:]]", "[[:punct:]]", "[[:space:]]", "[[:upper:]]", "[[:xdigit:]]",
        "\\w", "\\W", "\\s", "\\S", "[^[:alpha:]]", "."
      })
  void matchesTheSameCharactersAsGrep(String ere) throws Exception {
    Pattern java =
        Pattern.compile(EreTranslator.translate("^" + ere + "$").java(), Pattern.UNIX_LINES);
    Set<String> byGrep = grep("^" + ere + "$");
    List<String> differences = new ArrayList<>();
    for (String c : CHARACTERS) {
      boolean assignedInBoth =
          assignedForGlibc.contains(c)
              && Character.getType(c.codePointAt(0)) != Character.UNASSIGNED;
      if (assignedInBoth && java.matcher(c).find() != byGrep.contains(c)) {
        differences.add(String.format("U+%04X", c.codePointAt(0)));
      }
    }
    assertThat(differences).as("code points where Java and grep disagree").isEmpty();
  }

  private static Set<String> grep(String ere) {
    GnuGrep.Result result = GnuGrep.run(List.of(ere), input);
    assertThat(result.exitCode()).as(result.stderr()).isIn(0, 1);
    return new HashSet<>(result.matched());
  }
}
