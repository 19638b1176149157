package dev.azbuild.patterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RebuildPatternsTest {

  @TempDir Path dir;

  @Test
  void readsOnePatternPerLineSkippingCommentsAndBlankLines() throws Exception {
    Path file = write("# services/api changes\n\n^services/api/\n   \n\t\n\\.proto$\n#^docs/\n");

    RebuildPatterns patterns = RebuildPatterns.read(file);

    assertThat(patterns.sources()).containsExactly("^services/api/", "\\.proto$");
    assertThat(patterns.file()).isEqualTo(file);
    assertThat(patterns.isEmpty()).isFalse();
    assertThat(patterns.isDefault()).isFalse();
    assertThat(patterns.matches("services/api/src/Main.java")).isTrue();
    assertThat(patterns.matches("libs/model/order.proto")).isTrue();
    assertThat(patterns.matches("docs/index.md")).isFalse();
    assertThat(patterns.matches("libs/services/api/x")).isFalse();
  }

  @Test
  void onlyAHashInTheFirstColumnStartsAComment() throws Exception {
    RebuildPatterns patterns = RebuildPatterns.read(write(" #x\n"));

    assertThat(patterns.sources()).containsExactly(" #x");
    assertThat(patterns.matches("a #x")).isTrue();
  }

  @Test
  void toleratesByteOrderMarkAndCrlf() throws Exception {
    Path file = dir.resolve(RebuildPatterns.FILE_NAME);
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] text = "^a/\r\n# comment\r\n\r\nb$\r\n".getBytes(StandardCharsets.UTF_8);
    Files.write(file, concat(bom, text));

    RebuildPatterns patterns = RebuildPatterns.read(file);

    assertThat(patterns.sources()).containsExactly("^a/", "b$");
    assertThat(patterns.matches("a/x")).isTrue();
    assertThat(patterns.matches("x/b")).isTrue();
  }

  @Test
  void matchesUnicodePaths() throws Exception {
    RebuildPatterns patterns =
        RebuildPatterns.read(write("^docs/größe/\n^[[:alpha:]]+/\\w+\\.txt$\n😀\n"));

    assertThat(patterns.matches("docs/größe/a.md")).isTrue();
    assertThat(patterns.matches("docs/grösse/a.md")).isFalse();
    assertThat(patterns.matches("élan/über.txt")).isTrue();
    assertThat(patterns.matches("x/😀.png")).isTrue();
  }

  @Test
  void matchesPathsWithSpacesAndLeadingDashes() throws Exception {
    RebuildPatterns patterns = RebuildPatterns.read(write("^-rf/\n^my dir/.* file\\.txt$\n"));

    assertThat(patterns.matches("-rf/file")).isTrue();
    assertThat(patterns.matches("x/-rf/file")).isFalse();
    assertThat(patterns.matches("my dir/sub/a file.txt")).isTrue();
    assertThat(patterns.matches("my dir/sub/afile.txt")).isFalse();
  }

  @Test
  void firstMatchReportsTheFirstMatchingPathAndThePatternAsWritten() throws Exception {
    RebuildPatterns patterns = RebuildPatterns.read(write("^services/api/\n\\.(md|adoc)$\n"));

    assertThat(patterns.firstMatch(List.of("x/readme.txt", "docs/x.md", "services/api/a.java")))
        .hasValue(new RebuildPatterns.Match("docs/x.md", "\\.(md|adoc)$"));
    assertThat(patterns.firstMatch(List.of("x/readme.txt", "libs/a.java"))).isEmpty();
    assertThat(patterns.firstMatch(List.of())).isEmpty();
  }

  @Test
  void defaultsMatchEverythingUnderTheModuleDirectory() {
    RebuildPatterns patterns = RebuildPatterns.defaults("services/api");

    assertThat(patterns.sources()).containsExactly("^services/api/");
    assertThat(patterns.isDefault()).isTrue();
    assertThat(patterns.file()).isNull();
    assertThat(patterns.matches("services/api/pom.xml")).isTrue();
    assertThat(patterns.matches("services/api-gateway/pom.xml")).isFalse();
    assertThat(patterns.matches("services/apix")).isFalse();
    assertThat(patterns.matches("libs/services/api/pom.xml")).isFalse();
    assertThat(patterns.firstMatch(List.of("a", "services/api/x")))
        .hasValue(new RebuildPatterns.Match("services/api/x", "^services/api/"));
  }

  @Test
  void defaultsEscapeMetacharactersInTheDirectory() {
    RebuildPatterns patterns = RebuildPatterns.defaults("web/c++.app (old)");

    assertThat(patterns.sources()).containsExactly("^web/c\\+\\+\\.app \\(old\\)/");
    assertThat(patterns.matches("web/c++.app (old)/index.html")).isTrue();
    assertThat(patterns.matches("web/cc.app (old)/index.html")).isFalse();
  }

  @Test
  void defaultsForTheGitRootMatchEveryPath() {
    RebuildPatterns patterns = RebuildPatterns.defaults("");

    assertThat(patterns.sources()).containsExactly("^");
    assertThat(patterns.matches("pom.xml")).isTrue();
    assertThat(patterns.matches("a/b/c")).isTrue();
  }

  @Test
  void defaultsRejectAbsoluteOrSlashTerminatedDirectories() {
    assertThatThrownBy(() -> RebuildPatterns.defaults("/services/api"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'/services/api'");
    assertThatThrownBy(() -> RebuildPatterns.defaults("services/api/"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void emptyFileMatchesNothing() throws Exception {
    for (String content : List.of("", "\n\n", "# only a comment\n", "\uFEFF")) {
      RebuildPatterns patterns = RebuildPatterns.read(write(content));

      assertThat(patterns.isEmpty()).as("'%s'", content).isTrue();
      assertThat(patterns.sources()).isEmpty();
      assertThat(patterns.matches("any/path")).isFalse();
      assertThat(patterns.firstMatch(List.of("a", "b"))).isEmpty();
    }
  }

  @Test
  void invalidPatternNamesFileAndLineInOneLine() throws Exception {
    Path file = write("^ok/\n# comment\r\n(unclosed\r\n^also-ok/\n");

    assertThatThrownBy(() -> RebuildPatterns.read(file))
        .isInstanceOfSatisfying(
            InvalidRebuildPatternException.class,
            e -> {
              assertThat(e.getMessage())
                  .isEqualTo(
                      file
                          + ":3: invalid pattern '(unclosed': unmatched ( or \\( at offset 0:"
                          + " close the group with ')' or write \\( to match a literal '(';"
                          + " fix or remove this line");
              assertThat(e.file()).isEqualTo(file);
              assertThat(e.line()).isEqualTo(3);
              assertThat(e.regex()).isEqualTo("(unclosed");
              assertThat(e.getMessage()).doesNotContain("\n", "\r");
            });
  }

  @Test
  void unsupportedPatternIsReportedLikeAnInvalidOne() {
    assertThatThrownBy(() -> RebuildPatterns.parse("modules/a/.rebuild_patterns", "\\d+\\.txt$\n"))
        .isInstanceOf(InvalidRebuildPatternException.class)
        .hasMessage(
            "modules/a/.rebuild_patterns:1: invalid pattern '\\d+\\.txt$': \\d is not a POSIX ERE"
                + " escape (grep -E reads it as a plain 'd'): use [[:digit:]] for a digit;"
                + " fix or remove this line");
  }

  @Test
  void parseNamesTheSource() throws Exception {
    RebuildPatterns patterns = RebuildPatterns.parse("inline", "^x/\n");

    assertThat(patterns.file()).isEqualTo(Path.of("inline"));
    assertThat(patterns.sources()).containsExactly("^x/");
  }

  @Test
  void rejectsFilesThatAreNotUtf8() throws Exception {
    Path file = dir.resolve(RebuildPatterns.FILE_NAME);
    Files.write(file, new byte[] {'^', 'a', (byte) 0xFF, '\n'});

    assertThatThrownBy(() -> RebuildPatterns.read(file))
        .isInstanceOf(IOException.class)
        .hasMessage(file + ": not valid UTF-8 text");
  }

  @Test
  void prefixPatternsAndRegexPatternsMixed() throws Exception {
    RebuildPatterns patterns = RebuildPatterns.read(write("^libs/a\\.b/\nx.y\n^libs/c/\n"));

    assertThat(patterns.matches("libs/a.b/x")).isTrue();
    assertThat(patterns.matches("libs/aXb/x")).isFalse();
    assertThat(patterns.matches("q/xzy")).isTrue();
    assertThat(patterns.matches("libs/c/")).isTrue();
    assertThat(patterns.firstMatch(List.of("libs/c/1", "libs/a.b/2")))
        .hasValue(new RebuildPatterns.Match("libs/c/1", "^libs/c/"));
  }

  @Test
  void patternTooComplexForAPathFailsClearly() throws Exception {
    RebuildPatterns patterns = RebuildPatterns.parse("p", "(.|x)*c$\n");
    String path = "a/" + "b".repeat(100_000);

    assertThatThrownBy(() -> patterns.matches(path))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(
            "pattern '(.|x)*c$' is too complex to match a path of 100002 characters;"
                + " simplify it, e.g. use [ab]* instead of (a|b)*: a/bbb");
  }

  private Path write(String content) throws IOException {
    return Files.writeString(dir.resolve(RebuildPatterns.FILE_NAME), content);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = new byte[a.length + b.length];
    System.arraycopy(a, 0, both, 0, a.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }
}
