package dev.azbuild.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TagNamesTest {

  private static final Pattern DOCKER_TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "main               | main",
        "feature/x          | feature-x",
        "Feature_X.1-rc     | Feature_X.1-rc",
        "feature/JIRA-12 wip| feature-JIRA-12-wip",
        ".hidden            | _.hidden",
        "-dash              | _-dash",
        "/leading-slash     | _-leading-slash",
        "_under             | _under",
        "a@b#c:d            | a-b-c-d",
        "café               | caf-",
        "日本               | _--",
        "fix/😀             | fix--",
        "...                | _...",
      })
  void sanitizes(String branch, String tag) {
    assertThat(TagNames.sanitize(branch)).isEqualTo(tag);
    assertThat(tag).matches(DOCKER_TAG);
  }

  @Test
  void collisionsAreAccepted() {
    assertThat(TagNames.sanitize("feature/x")).isEqualTo(TagNames.sanitize("feature-x"));
  }

  @Test
  void exactly128IsKept() {
    String branch = "b".repeat(128);
    assertThat(TagNames.sanitize(branch)).isEqualTo(branch);
  }

  @Test
  void longBranchIsCutAndHashedFromOriginalName() throws Exception {
    String branch = "feature/" + "x".repeat(192); // 200 chars
    String tag = TagNames.sanitize(branch);
    String expected = ("feature-" + "x".repeat(192)).substring(0, 119) + "-" + sha8(branch);
    assertThat(tag).isEqualTo(expected).hasSize(128).matches(DOCKER_TAG);
    // Same sanitized prefix, different originals: the hash keeps them apart.
    assertThat(TagNames.sanitize("feature-" + "x".repeat(192))).isNotEqualTo(tag);
    assertThat(TagNames.sanitize(branch)).isEqualTo(tag); // deterministic
  }

  @Test
  void prefixThatPushesPast128IsHashed() throws Exception {
    String branch = "." + "a".repeat(127); // 128 chars, 129 after the '_' prefix
    String tag = TagNames.sanitize(branch);
    assertThat(tag).isEqualTo("_." + "a".repeat(117) + "-" + sha8(branch)).hasSize(128);
  }

  @Test
  void longUnicodeBranchCountsCodePoints() throws Exception {
    String branch = "😀".repeat(130); // 260 chars, 130 code points
    assertThat(TagNames.sanitize(branch))
        .isEqualTo("_" + "-".repeat(118) + "-" + sha8(branch))
        .matches(DOCKER_TAG);
  }

  @Test
  void emptyIsRejected() {
    assertThatThrownBy(() -> TagNames.sanitize(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty");
  }

  private static String sha8(String s) throws Exception {
    byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(d).substring(0, 8);
  }
}
