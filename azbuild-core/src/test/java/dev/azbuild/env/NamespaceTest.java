package dev.azbuild.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamespaceTest {

  @ParameterizedTest
  @ValueSource(strings = {"shop", "shop-ci", "shop.ci_2", "a__b", "x--y", "0", "monorepo-1a2b3c4d"})
  void dockerNameCharactersAreValid(String value) {
    assertThat(Namespace.of(value).value()).isEqualTo(value);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "Shop", "shop/ci", "-shop", "shop-", "shop ci", "shop:1", "a..b", "café"})
  void anythingElseIsAOneLineErrorNamingTheParameterAndTheFix(String value) {
    assertThatThrownBy(() -> Namespace.of(value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "azbuild.namespace="
                + value.strip()
                + " is not a valid name: use lower-case letters and digits,"
                + " separated by '.', '_' or '-' (at most 64 characters), e.g. -Dazbuild.namespace=shop-ci");
  }

  @Test
  void atMost64Characters() {
    assertThat(Namespace.of("a".repeat(64)).value()).hasSize(64);
    assertThatThrownBy(() -> Namespace.of("a".repeat(65)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theDefaultIsTheArtifactIdAndAHashOfTheCacheRegistry() {
    Namespace team = Namespace.derive("monorepo", "127.0.0.1:5000/team");

    assertThat(team.value()).matches("monorepo-[0-9a-f]{8}");
    assertThat(Namespace.derive("monorepo", "127.0.0.1:5000/team/")).isEqualTo(team);
    assertThat(Namespace.derive("monorepo", "127.0.0.1:5000/other")).isNotEqualTo(team);
    assertThat(Namespace.derive("shop", "127.0.0.1:5000/team").value())
        .startsWith("shop-")
        .endsWith(team.value().substring("monorepo".length()));
    assertThat(Namespace.derive("My_Shop.Root", "").value()).matches("my-shop-root-[0-9a-f]{8}");
    assertThat(Namespace.derive("--", null).value()).matches("azbuild-[0-9a-f]{8}");
    assertThat(Namespace.derive("x".repeat(100), "r").value()).hasSize(40 + 1 + 8);
  }

  @Test
  void prefixedNamesAContainer() {
    assertThat(Namespace.of("shop-ci").prefixed("team/api")).isEqualTo("shop-ci-team-api");
  }
}
