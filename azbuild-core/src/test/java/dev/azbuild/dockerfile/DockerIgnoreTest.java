package dev.azbuild.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Semantics of moby's patternmatcher / dockerignore: patterns are cleaned, relative to the context,
 * {@code *} and {@code ?} stay within a segment, {@code **} spans segments, a pattern that matches
 * a parent directory excludes everything below it, and the last matching rule wins.
 */
class DockerIgnoreTest {

  @ParameterizedTest(name = "[{index}] {0} vs {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        // * does not cross '/': root level only
        "*.md            | README.md              | true",
        "*.md            | docs/README.md         | false",
        "*.md            | a/b/c.md               | false",
        "*.md            | README.mdx             | false",
        "*/*.md          | docs/README.md         | true",
        "*/*.md          | README.md              | false",
        "*/*.md          | a/b/c.md               | false",
        // ** spans any number of segments, also none
        "**/*.md         | README.md              | true",
        "**/*.md         | docs/README.md         | true",
        "**/*.md         | a/b/c/d.md             | true",
        "**/*.md         | a/b/c/d.txt            | false",
        "docs/**         | docs/a/b.txt           | true",
        "docs/**/*.txt   | docs/a/b/c.txt         | true",
        "docs/**/*.txt   | docs/c.txt             | true",
        "docs/**/*.txt   | other/docs/c.txt       | false",
        // a directory pattern excludes everything below it
        "docs            | docs                   | true",
        "docs            | docs/a/b               | true",
        "docs            | docs.txt               | false",
        "docs            | sub/docs/a             | false",
        "docs/           | docs/a/b               | true",
        "a/b             | a/b/c/d                | true",
        "a/b             | a/bc                   | false",
        // leading slash and dot segments are cleaned away
        "/abs            | abs                    | true",
        "/abs            | abs/x                  | true",
        "/abs/*.txt      | abs/x.txt              | true",
        "a/../b          | b                      | true",
        "a/../b          | a/b                    | false",
        "./x/./y         | x/y                    | true",
        "x//y            | x/y                    | true",
        // ? is one character, never '/'
        "?.txt           | a.txt                  | true",
        "?.txt           | ab.txt                 | false",
        "a?b             | a/b                    | false",
        "file?           | file1                  | true",
        // character classes and ranges
        "[a-c].txt       | b.txt                  | true",
        "[a-c].txt       | d.txt                  | false",
        "[abc]*.log      | a-1.log                | true",
        "[^a-c].txt      | d.txt                  | true",
        "[^a-c].txt      | a.txt                  | false",
        // regex metacharacters are literal
        "a.b             | a.b                    | true",
        "a.b             | axb                    | false",
        "(x)+            | (x)+                    | true",
        "(x)+            | xx                     | false",
        "$HOME           | $HOME                  | true",
        "a{1,2}          | a{1,2}                 | true",
        "\\*.txt         | *.txt                  | true",
        "\\*.txt         | a.txt                  | false"
      })
  void singlePattern(String pattern, String path, boolean ignored) {
    assertThat(DockerIgnore.parse(pattern).isIgnored(path)).isEqualTo(ignored);
  }

  @Test
  void exceptionsReIncludeAndTheLastMatchWins() {
    DockerIgnore ignore = DockerIgnore.parse("docs\n!docs/keep.md\n*.md\n!README.md\n");
    assertThat(ignore.isIgnored("docs/other.txt")).isTrue();
    assertThat(ignore.isIgnored("docs/keep.md")).isFalse();
    assertThat(ignore.isIgnored("CHANGES.md")).isTrue();
    assertThat(ignore.isIgnored("README.md")).isFalse();
    assertThat(ignore.isIgnored("src/a.java")).isFalse();

    DockerIgnore reversed = DockerIgnore.parse("!keep.md\n*.md\n");
    assertThat(reversed.isIgnored("keep.md"))
        .as("an exception before the rule it excepts has no effect")
        .isTrue();

    DockerIgnore reIgnored = DockerIgnore.parse("*\n!src\nsrc/*.tmp\n! src/generated\n");
    assertThat(reIgnored.isIgnored("Makefile")).isTrue();
    assertThat(reIgnored.isIgnored("src/a.c")).isFalse();
    assertThat(reIgnored.isIgnored("src/x.tmp")).isTrue();
    assertThat(reIgnored.isIgnored("src/generated/y.c")).isFalse();
  }

  @Test
  void commentsBlankLinesAndWhitespace() {
    DockerIgnore ignore =
        DockerIgnore.parse("# *.txt\n\n   \n  secret.key  \r\n#another\n*.log\r\n");
    assertThat(ignore.isIgnored("a.txt")).isFalse();
    assertThat(ignore.isIgnored("secret.key")).isTrue();
    assertThat(ignore.isIgnored("x.log")).isTrue();
    assertThat(ignore.isIgnored("#another")).isFalse();
    assertThat(DockerIgnore.parse("# only\n\n").isEmpty()).isTrue();
    assertThat(DockerIgnore.none().isEmpty()).isTrue();
    assertThat(DockerIgnore.none().isIgnored("anything")).isFalse();
  }

  @Test
  void utf8ByteOrderMarkIsIgnored() {
    // moby trims a BOM from the first line
    DockerIgnore ignore = DockerIgnore.parse("\uFEFF*.md\n");
    assertThat(ignore.isIgnored("README.md")).isTrue();
  }

  @Test
  void leadingParentSegmentsStayAndMatchNothingInTheContext() {
    // filepath.Clean keeps a leading ".." of a relative path: such a pattern never matches
    DockerIgnore ignore = DockerIgnore.parse("../secret\n");
    assertThat(ignore.isIgnored("secret")).isFalse();
    assertThat(DockerIgnore.parse("/../secret\n").isIgnored("secret"))
        .as("rooted: /.. is /")
        .isTrue();
  }

  @Test
  void readsTheContextsFile(@TempDir Path tmp) throws Exception {
    assertThat(DockerIgnore.read(tmp).isEmpty()).isTrue();
    Files.writeString(tmp.resolve(".dockerignore"), "*.md\n");
    DockerIgnore ignore = DockerIgnore.read(tmp);
    assertThat(ignore.isIgnored("README.md")).isTrue();
    assertThat(ignore.isIgnored("Dockerfile")).isFalse();
  }

  @Test
  void unicodeNames() {
    DockerIgnore ignore = DockerIgnore.parse("日本/*\nü?.txt\n");
    assertThat(ignore.isIgnored("日本/x")).isTrue();
    assertThat(ignore.isIgnored("üa.txt")).isTrue();
    assertThat(ignore.isIgnored("u.txt")).isFalse();
  }
}
