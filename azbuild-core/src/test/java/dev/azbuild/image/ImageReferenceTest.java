package dev.azbuild.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The docker CLI's reference rules, case by case (distribution's reference grammar). */
class ImageReferenceTest {

  private static final String DIGEST =
      "sha256:" + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          # reference                           | registry         | repository        | tag     | digest
          busybox                               | -                | busybox           | -       | -
          busybox:1.36                          | -                | busybox           | 1.36    | -
          library/busybox:1                     | -                | library/busybox   | 1       | -
          team/sub/api:cache-abc                | -                | team/sub/api      | cache-abc | -
          127.0.0.1:5000/base/busybox:1         | 127.0.0.1:5000   | base/busybox      | 1       | -
          127.0.0.1:5000/base/busybox           | 127.0.0.1:5000   | base/busybox      | -       | -
          localhost/api                         | localhost        | api               | -       | -
          localhost:5000/api:1                  | localhost:5000   | api               | 1       | -
          registry.example.com/team/api:v1.2_3  | registry.example.com | team/api      | v1.2_3  | -
          ghcr.io/o/r                           | ghcr.io          | o/r               | -       | -
          Registry/api                          | Registry         | api               | -       | -
          [::1]:5000/api:1                      | [::1]:5000       | api               | 1       | -
          my-host:80/a__b/c-d.e:TAG             | my-host:80       | a__b/c-d.e        | TAG     | -
          """)
  void splitsLikeTheDockerCli(
      String reference, String registry, String repository, String tag, String digest) {
    ImageReference parsed = ImageReference.parse(reference);
    assertThat(parsed.registry()).isEqualTo(registry == null ? "" : registry);
    assertThat(parsed.hasRegistry()).isEqualTo(registry != null);
    assertThat(parsed.repository()).isEqualTo(repository);
    assertThat(parsed.tag()).isEqualTo(Optional.ofNullable(tag));
    assertThat(parsed.digest()).isEqualTo(Optional.ofNullable(digest));
    assertThat(parsed.toString()).as("round trip").isEqualTo(reference);
  }

  @Test
  void hostDetectionByDotColonLocalhostOrUpperCase() {
    assertThat(ImageReference.parse("team/api").hasRegistry()).as("no dot, no port").isFalse();
    assertThat(ImageReference.parse("example.com/api").registry()).isEqualTo("example.com");
    assertThat(ImageReference.parse("host:5000/api").registry()).isEqualTo("host:5000");
    assertThat(ImageReference.parse("localhost/api").registry()).isEqualTo("localhost");
    assertThat(ImageReference.parse("Upper/api").registry()).isEqualTo("Upper");
    assertThat(ImageReference.parse("localhostx/api").hasRegistry()).isFalse();
    // a single component is always a repository, even with a dot
    assertThat(ImageReference.parse("my.image").hasRegistry()).isFalse();
    assertThat(ImageReference.parse("my.image").repository()).isEqualTo("my.image");
  }

  @Test
  void defaultRegistryAndTagAreNotAddedButAnswered() {
    ImageReference plain = ImageReference.parse("busybox");
    assertThat(plain.registry()).isEmpty();
    assertThat(plain.registryOrDefault()).isEqualTo("docker.io");
    assertThat(plain.tag()).isEmpty();
    assertThat(plain.pullReference()).isEqualTo("latest");
    assertThat(plain.name()).isEqualTo("busybox");
    assertThat(ImageReference.parse("127.0.0.1:5000/a").registryOrDefault())
        .isEqualTo("127.0.0.1:5000");
  }

  @Test
  void digests() {
    ImageReference byDigest = ImageReference.parse("127.0.0.1:5000/team/libs-base@" + DIGEST);
    assertThat(byDigest.registry()).isEqualTo("127.0.0.1:5000");
    assertThat(byDigest.repository()).isEqualTo("team/libs-base");
    assertThat(byDigest.tag()).isEmpty();
    assertThat(byDigest.digest()).contains(DIGEST);
    assertThat(byDigest.pullReference()).as("a pull asks for the digest").isEqualTo(DIGEST);
    assertThat(byDigest.name()).isEqualTo("127.0.0.1:5000/team/libs-base");

    ImageReference both = ImageReference.parse("busybox:1@" + DIGEST);
    assertThat(both.tag()).contains("1");
    assertThat(both.digest()).contains(DIGEST);
    assertThat(both.pullReference()).isEqualTo(DIGEST);
    assertThat(both.toString()).isEqualTo("busybox:1@" + DIGEST);
  }

  @Test
  void portsAreNotTags() {
    ImageReference r = ImageReference.parse("127.0.0.1:5000/api");
    assertThat(r.tag()).isEmpty();
    assertThat(r.name()).isEqualTo("127.0.0.1:5000/api");
    // without a path, docker reads host:port as repository:tag too
    ImageReference hostOnly = ImageReference.parse("localhost:5000");
    assertThat(hostOnly.repository()).isEqualTo("localhost");
    assertThat(hostOnly.tag()).contains("5000");
  }

  @Test
  void buildersReplaceTagAndDigest() {
    ImageReference r = ImageReference.parse("127.0.0.1:5000/team/api:old@" + DIGEST);
    assertThat(r.withTag("new").toString()).isEqualTo("127.0.0.1:5000/team/api:new");
    assertThat(r.withDigest(DIGEST).toString()).isEqualTo("127.0.0.1:5000/team/api@" + DIGEST);
    assertThat(ImageReference.of("", "api", "1").toString()).isEqualTo("api:1");
    assertThat(ImageReference.of("127.0.0.1:5000", "api", "1").toString())
        .isEqualTo("127.0.0.1:5000/api:1");
  }

  @Test
  void upperCaseRepositoryIsAnError() {
    assertThatThrownBy(() -> ImageReference.parse("Ubuntu"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "'Ubuntu' is not a valid image reference: the repository 'Ubuntu' must be lower-case");
    assertThatThrownBy(() -> ImageReference.parse("127.0.0.1:5000/Team/api:1"))
        .hasMessageContaining("'Team/api' must be lower-case");
    assertThatThrownBy(() -> ImageReference.parse("library/Ubuntu"))
        .hasMessageContaining("must be lower-case");
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(
      strings = {
        "",
        "api:",
        "api:.tag",
        "api:-tag",
        "api:t/a",
        "api@sha256:short",
        "api@sha256",
        "api@",
        "/api",
        "api/",
        "a//b",
        "-api",
        "api-",
        "a..b",
        "a$b",
        "${BASE}",
        "host_name.com/api",
        "127.0.0.1:port/api",
      })
  void malformedReferencesAreOneLineErrors(String reference) {
    assertThatThrownBy(() -> ImageReference.parse(reference))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("'" + reference + "' is not a valid image reference: ")
        .hasMessageNotContaining("\n");
    assertThat(ImageReference.tryParse(reference)).isEmpty();
  }

  @Test
  void tagOf128IsFineButNot129() {
    String tag = "t".repeat(128);
    assertThat(ImageReference.parse("api:" + tag).tag()).contains(tag);
    assertThatThrownBy(() -> ImageReference.parse("api:" + tag + "x"))
        .hasMessageContaining("is not a tag");
  }

  @Test
  void nameLongerThan255IsAnError() {
    String name = "a".repeat(256);
    assertThatThrownBy(() -> ImageReference.parse(name)).hasMessageContaining("longer than 255");
    assertThat(ImageReference.parse("a".repeat(255)).repository()).hasSize(255);
  }

  @Test
  void repositoryAndTagGrammarsAreShared() {
    assertThat(ImageReference.isRepository("team/api-x.y__z")).isTrue();
    assertThat(ImageReference.isRepository("Team/api")).isFalse();
    assertThat(ImageReference.isRepository("team//api")).isFalse();
    assertThat(ImageReference.isRepository(null)).isFalse();
    assertThat(ImageReference.isTag("cache-0123abc")).isTrue();
    assertThat(ImageReference.isTag(".hidden")).isFalse();
    assertThat(ImageReference.isTag(null)).isFalse();
  }

  @Test
  void tryParseGivesTheReference() {
    assertThat(ImageReference.tryParse("libs-base"))
        .map(ImageReference::repository)
        .contains("libs-base");
  }
}
