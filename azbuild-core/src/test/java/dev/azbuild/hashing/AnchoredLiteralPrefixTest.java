package dev.azbuild.hashing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The literal prefix of an anchored pattern, which lets content mode scan only part of the
 * repository.
 */
class AnchoredLiteralPrefixTest {

  @ParameterizedTest
  @CsvSource(
      nullValues = "NULL",
      value = {
        "^libs/common/, libs/common/",
        "^ab*, a",
        "^ab+, a",
        "^ab?, a",
        "^ab{2}, a",
        "^a.b, a",
        "^a\\.b, a",
        "^, ''",
        "^[ab], ''",
        "^(x)/, ''",
        "^services/api$, services/api",
        "foo, NULL",
        "libs/, NULL",
        "^a|b, NULL",
        "^libs/(a|b)/, NULL"
      })
  void anchoredLiteralPrefix(String ere, String expected) {
    assertThat(InputHasher.anchoredLiteralPrefix(ere)).isEqualTo(expected);
  }
}
