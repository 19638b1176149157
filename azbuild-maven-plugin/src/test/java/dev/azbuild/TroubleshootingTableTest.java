package dev.azbuild;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The troubleshooting guide's table of bad inputs is backed by tests: every row names tests that
 * exist and assert the row's checked text, and there are at least 30 rows. Reads {@code
 * src/site/markdown/troubleshooting.md} and the test sources of both modules and {@code it/}.
 */
class TroubleshootingTableTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path GUIDE = ROOT.resolve("src/site/markdown/troubleshooting.md");
  private static final String HEADING = "## Every bad input at a glance";
  private static final List<Path> TEST_SOURCES =
      List.of(
          ROOT.resolve("azbuild-core/src/test/java"),
          ROOT.resolve("azbuild-maven-plugin/src/test/java"));

  /** One row: its number, the tests it names and the text they must assert. */
  private record Row(String number, List<String> tests, String checked) {}

  private static List<Row> rows;

  @BeforeAll
  static void readTable() throws IOException {
    rows = new ArrayList<>();
    boolean inside = false;
    for (String line : Files.readAllLines(GUIDE, StandardCharsets.UTF_8)) {
      if (line.equals(HEADING)) {
        inside = true;
        continue;
      }
      if (inside && line.startsWith("## ")) {
        break;
      }
      if (inside && line.startsWith("| ") && !line.startsWith("| # ") && !line.startsWith("|---")) {
        List<String> cells = cells(line);
        assertThat(cells).as(line).hasSize(5);
        List<String> tests = new ArrayList<>();
        Matcher code = Pattern.compile("`([^`]+)`").matcher(cells.get(3));
        while (code.find()) {
          tests.add(code.group(1));
        }
        rows.add(new Row(cells.get(0), tests, unquote(cells.get(4))));
      }
    }
  }

  @Test
  void theTableHasAtLeastThirtyRowsNumberedInOrder() {
    assertThat(rows).hasSizeGreaterThanOrEqualTo(30);
    for (int i = 0; i < rows.size(); i++) {
      assertThat(rows.get(i).number()).isEqualTo(Integer.toString(i + 1));
    }
  }

  @Test
  void everyRowsTestsExistAndAssertItsCheckedText() throws IOException {
    List<String> problems = new ArrayList<>();
    for (Row row : rows) {
      if (row.tests().isEmpty() || row.checked().isBlank()) {
        problems.add("row " + row.number() + ": no test or no checked text");
      }
      for (String test : row.tests()) {
        Optional<String> source = source(test);
        if (source.isEmpty()) {
          problems.add("row " + row.number() + ": no test " + test);
        } else if (!source.get().contains(row.checked())) {
          problems.add(
              "row " + row.number() + ": " + test + " does not contain '" + row.checked() + "'");
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  /** The text of an invoker IT's files, or the body of a test method; empty when not found. */
  private static Optional<String> source(String test) throws IOException {
    if (test.startsWith("it/")) {
      Path dir = ROOT.resolve(test);
      if (!Files.isDirectory(dir)) {
        return Optional.empty();
      }
      StringBuilder text = new StringBuilder();
      try (Stream<Path> files = Files.list(dir)) {
        for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
          text.append(Files.readString(file, StandardCharsets.UTF_8)).append('\n');
        }
      }
      return Optional.of(text.toString());
    }
    String[] parts = test.split("#", 2);
    if (parts.length != 2) {
      return Optional.empty();
    }
    for (Path root : TEST_SOURCES) {
      try (Stream<Path> files = Files.walk(root)) {
        Optional<Path> file =
            files.filter(f -> f.getFileName().toString().equals(parts[0] + ".java")).findFirst();
        if (file.isPresent()) {
          return method(Files.readString(file.get(), StandardCharsets.UTF_8), parts[1]);
        }
      }
    }
    return Optional.empty();
  }

  /** From {@code void name(} to the brace that closes its body. */
  private static Optional<String> method(String source, String name) {
    int start = source.indexOf("void " + name + "(");
    if (start < 0) {
      return Optional.empty();
    }
    int open = source.indexOf('{', start);
    int depth = 0;
    for (int i = open; i < source.length(); i++) {
      char c = source.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return Optional.of(source.substring(start, i + 1));
      }
    }
    return Optional.empty();
  }

  /** The cells of a table row; a {@code |} inside backticks belongs to its cell. */
  private static List<String> cells(String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean code = false;
    for (int i = 1; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '`') {
        code = !code;
      }
      if (c == '|' && !code) {
        cells.add(cell.toString().strip());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    return cells;
  }

  private static String unquote(String cell) {
    return cell.startsWith("`") && cell.endsWith("`") ? cell.substring(1, cell.length() - 1) : cell;
  }
}
