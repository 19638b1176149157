package dev.azbuild.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvFilesTest {

  @TempDir Path tmp;

  /** Values that break naive quoting, in a fixed order. */
  private static Map<String, String> nastyValues() {
    Map<String, String> vars = new LinkedHashMap<>();
    vars.put("PLAIN", "main");
    vars.put("EMPTY", "");
    vars.put("SINGLE_QUOTE", "it's");
    vars.put("ONLY_QUOTES", "'''");
    vars.put("QUOTE_ESCAPE", "'\\''");
    vars.put("DOUBLE_QUOTE", "say \"hi\"");
    vars.put("SPACES", "  leading and trailing  ");
    vars.put("DOLLAR", "$HOME ${PATH} $(echo injected) $1 $$");
    vars.put("BACKTICKS", "`echo injected`");
    vars.put("BACKSLASHES", "C:\\temp\\n \\ \\\\");
    vars.put("NEWLINES", "line1\nline2\n\nline4\n");
    vars.put("CR_TAB", "a\r\nb\tc\f");
    vars.put("HISTORY_GLOB", "!! * ? [a] ~ # ; & | < > = :");
    vars.put("UNICODE", "héllo wörld – 日本語 😀 e\u0301");
    vars.put("_UNDERSCORE_1", "x");
    return vars;
  }

  // ---- shell ----

  @Test
  void shellFileRoundTripsThroughBash() throws Exception {
    Map<String, String> vars = nastyValues();
    Path file = tmp.resolve("deep/dir/env.sh");
    EnvFiles.writeShell(file, vars);

    List<String> cmd =
        new ArrayList<>(
            List.of(
                "bash",
                "-c",
                // Source in a clean shell, then print each named variable NUL-terminated.
                "set -eu; . \"$1\"; shift; for n in \"$@\"; do printf '%s\\0' \"${!n}\"; done",
                "bash",
                file.toString()));
    cmd.addAll(vars.keySet());
    assertThat(runForBytes(cmd, tmp)).isEqualTo(nulJoined(vars.values()));
    assertThat(tmp.resolve("injected")).doesNotExist();
  }

  @Test
  void shellFileIsExportedToChildProcesses() throws Exception {
    Path file = tmp.resolve("env.sh");
    EnvFiles.writeShell(file, Map.of("AZ_CHILD", "it's $x"));
    byte[] out =
        runForBytes(
            List.of(
                "bash", "-c", ". \"$1\"; env -0 | grep -z '^AZ_CHILD='", "bash", file.toString()),
            tmp);
    assertThat(new String(out, StandardCharsets.UTF_8)).isEqualTo("AZ_CHILD=it's $x\0");
  }

  @Test
  void shellFileFormat() throws IOException {
    Path file = tmp.resolve("env.sh");
    Map<String, String> vars = new LinkedHashMap<>();
    vars.put("B", "it's");
    vars.put("A", "x y");
    EnvFiles.writeShell(file, vars);
    assertThat(Files.readString(file)).isEqualTo("export B='it'\\''s'\nexport A='x y'\n");
  }

  @Test
  void writeShellReplacesExistingFileAndLeavesNoTempFiles() throws IOException {
    Path file = tmp.resolve("env.sh");
    Files.writeString(file, "export OLD='stale'\nexport MORE='lines than the new content'\n");
    EnvFiles.writeShell(file, Map.of("NEW", "1"));
    assertThat(Files.readString(file)).isEqualTo("export NEW='1'\n");
    try (Stream<Path> files = Files.list(tmp)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void relativePathIsResolvedAgainstWorkingDirectory() throws IOException {
    // toAbsolutePath() before taking the parent: a relative path works like any other.
    Path rel = Path.of("target", "env-files-test-" + System.nanoTime() + ".sh");
    try {
      EnvFiles.writeShell(rel, Map.of("A", "1"));
      assertThat(Files.readString(rel)).isEqualTo("export A='1'\n");
    } finally {
      Files.deleteIfExists(rel);
    }
  }

  // ---- properties ----

  @Test
  void propertiesRoundTripWithBothLoadOverloads() throws IOException {
    Map<String, String> vars = nastyValues();
    Path file = tmp.resolve("sub/env.properties");
    EnvFiles.writeProperties(file, vars);

    Properties fromStream = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      fromStream.load(in); // ISO-8859-1
    }
    Properties fromReader = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      fromReader.load(in);
    }
    assertThat(fromStream).containsExactlyInAnyOrderEntriesOf(vars);
    assertThat(fromReader).containsExactlyInAnyOrderEntriesOf(vars);
  }

  @Test
  void propertiesAreDeterministicAsciiInMapOrderWithoutDate() throws IOException {
    Map<String, String> vars = new LinkedHashMap<>();
    vars.put("ZETA", " lead=a:b#c!d é");
    vars.put("ALPHA", "1");
    Path file = tmp.resolve("env.properties");
    EnvFiles.writeProperties(file, vars);
    byte[] first = Files.readAllBytes(file);
    assertThat(new String(first, StandardCharsets.US_ASCII))
        .isEqualTo("ZETA=\\ lead\\=a\\:b\\#c\\!d \\u00E9\nALPHA=1\n");
    EnvFiles.writeProperties(file, vars);
    assertThat(Files.readAllBytes(file)).isEqualTo(first);
  }

  // ---- CircleCI BASH_ENV ----

  @Test
  void bashEnvAppendsAndSources() throws Exception {
    Path bashEnv = tmp.resolve("bash_env");
    Files.writeString(bashEnv, "export EXISTING=kept"); // no trailing newline
    EnvFiles.appendBashEnv(bashEnv, Map.of("AZ_ONE", "a'b"));
    EnvFiles.appendBashEnv(bashEnv, Map.of("AZ_TWO", "c\nd"));
    assertThat(Files.readString(bashEnv))
        .isEqualTo("export EXISTING=kept\nexport AZ_ONE='a'\\''b'\nexport AZ_TWO='c\nd'\n");
    byte[] out =
        runForBytes(
            List.of(
                "bash",
                "-c",
                ". \"$1\"; printf '%s\\0' \"$EXISTING\" \"$AZ_ONE\" \"$AZ_TWO\"",
                "bash",
                bashEnv.toString()),
            tmp);
    assertThat(out).isEqualTo(nulJoined(List.of("kept", "a'b", "c\nd")));
  }

  @Test
  void bashEnvIsCreatedWhenMissing() throws IOException {
    Path bashEnv = tmp.resolve("missing/bash_env");
    EnvFiles.appendBashEnv(bashEnv, Map.of("A", "1"));
    assertThat(Files.readString(bashEnv)).isEqualTo("export A='1'\n");
  }

  // ---- GitHub GITHUB_ENV ----

  @Test
  void githubEnvSingleLineAndHeredoc() throws IOException {
    Path githubEnv = tmp.resolve("github_env");
    Map<String, String> vars = new LinkedHashMap<>();
    vars.put("SIMPLE", "a b=c<<d 'q' $x");
    vars.put("MULTI", "line1\nline2");
    vars.put("TRAILING", "x\n");
    vars.put("CR_ONLY", "a\rb");
    ArrayDeque<String> delims = new ArrayDeque<>(List.of("D1", "D2", "D3"));
    EnvFiles.appendGithubEnv(githubEnv, vars, delims::remove);
    assertThat(Files.readString(githubEnv))
        .isEqualTo(
            "SIMPLE=a b=c<<d 'q' $x\n"
                + "MULTI<<D1\nline1\nline2\nD1\n"
                + "TRAILING<<D2\nx\n\nD2\n"
                + "CR_ONLY<<D3\na\rb\nD3\n");
    assertThat(parseGithubEnv(Files.readString(githubEnv))).isEqualTo(vars);
  }

  @Test
  void githubEnvDelimiterNeverOccursInValue() throws IOException {
    Path githubEnv = tmp.resolve("github_env");
    ArrayDeque<String> delims = new ArrayDeque<>(List.of("EOF", "", "xEOFx", "SAFE"));
    EnvFiles.appendGithubEnv(githubEnv, Map.of("V", "a\nEOF\nxEOFx"), delims::remove);
    assertThat(Files.readString(githubEnv)).isEqualTo("V<<SAFE\na\nEOF\nxEOFx\nSAFE\n");
  }

  @Test
  void githubEnvDefaultDelimiterIsRandomAndParses() throws IOException {
    Path githubEnv = tmp.resolve("github_env");
    Files.writeString(githubEnv, "OTHER=1\n");
    Map<String, String> vars = new LinkedHashMap<>();
    vars.put("A", "1\n2");
    vars.put("B", "3\n4");
    EnvFiles.appendGithubEnv(githubEnv, vars);
    String text = Files.readString(githubEnv);
    assertThat(text).startsWith("OTHER=1\nA<<ghadelimiter_").contains("\nB<<ghadelimiter_");
    Map<String, String> expected = new LinkedHashMap<>(Map.of("OTHER", "1"));
    expected.putAll(vars);
    assertThat(parseGithubEnv(text)).isEqualTo(expected);
  }

  // ---- validation ----

  @ParameterizedTest
  @ValueSource(strings = {"", "lower", "1ABC", "A-B", "A B", "A=B", "ÄB", "A.B"})
  void invalidNamesAreRejectedByName(String name) {
    assertThatThrownBy(() -> EnvFiles.writeShell(tmp.resolve("env.sh"), Map.of(name, "v")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + name + "'")
        .hasMessageContaining("[A-Z_][A-Z0-9_]*");
  }

  @Test
  void validNamesAreAccepted() {
    EnvFiles.validate(Map.of("A", "", "_", "", "_A1", "", "ABC_123", ""));
  }

  @Test
  void nulIsRejectedWithoutEchoingTheValue() {
    assertThatThrownBy(
            () -> EnvFiles.writeProperties(tmp.resolve("p"), Map.of("SECRET", "s3cr3t\0x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SECRET")
        .hasMessageContaining("NUL")
        .hasMessageNotContaining("s3cr3t");
  }

  @Test
  void unpairedSurrogateIsRejected() {
    assertThatThrownBy(() -> EnvFiles.validate(Map.of("V", "a\uD83Db")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("V")
        .hasMessageContaining("surrogate");
    assertThatThrownBy(() -> EnvFiles.validate(Map.of("V", "\uDE00")))
        .isInstanceOf(IllegalArgumentException.class);
    EnvFiles.validate(Map.of("V", "😀")); // a proper pair is fine
  }

  @Test
  void nothingIsWrittenWhenAnyVariableIsInvalid() throws IOException {
    Path bashEnv = tmp.resolve("bash_env");
    Files.writeString(bashEnv, "export KEEP=1\n");
    Map<String, String> vars = new LinkedHashMap<>();
    vars.put("GOOD", "1");
    vars.put("bad", "2");
    assertThatThrownBy(() -> EnvFiles.appendBashEnv(bashEnv, vars))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EnvFiles.appendGithubEnv(bashEnv, vars))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Files.readString(bashEnv)).isEqualTo("export KEEP=1\n");
    assertThatThrownBy(() -> EnvFiles.writeShell(tmp.resolve("new/env.sh"), vars))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(tmp.resolve("new")).doesNotExist();
  }

  @Test
  void nullValueIsRejected() {
    Map<String, String> vars = new LinkedHashMap<>();
    vars.put("A", null);
    assertThatThrownBy(() -> EnvFiles.validate(vars))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("A");
  }

  // ---- helpers ----

  private static byte[] nulJoined(Iterable<String> values) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String v : values) {
      out.writeBytes(v.getBytes(StandardCharsets.UTF_8));
      out.write(0);
    }
    return out.toByteArray();
  }

  private static byte[] runForBytes(List<String> cmd, Path dir) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    // A predictable environment: nothing inherited can mask a variable we failed to set.
    pb.environment().keySet().removeIf(k -> !k.equals("PATH"));
    pb.environment().put("LC_ALL", "C.UTF-8");
    pb.redirectError(ProcessBuilder.Redirect.INHERIT);
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("exit status of %s", cmd).isZero();
    return out;
  }

  /** Mirrors the Actions runner's parser (split on \n; heredoc when "<<" precedes any "="). */
  private static Map<String, String> parseGithubEnv(String text) {
    Map<String, String> vars = new LinkedHashMap<>();
    List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
    lines.remove(lines.size() - 1); // after the final \n
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int eq = line.indexOf('=');
      int heredoc = line.indexOf("<<");
      if (eq >= 0 && (heredoc < 0 || eq < heredoc)) {
        vars.put(line.substring(0, eq), line.substring(eq + 1));
      } else {
        String name = line.substring(0, heredoc);
        String delim = line.substring(heredoc + 2);
        List<String> body = new ArrayList<>();
        while (!lines.get(++i).equals(delim)) {
          body.add(lines.get(i));
        }
        vars.put(name, String.join("\n", body));
      }
    }
    return vars;
  }
}
