package dev.azbuild.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PullPolicyTest {

  @Test
  void theThreeValuesInAnyCase() {
    assertThat(PullPolicy.parse("always")).isEqualTo(PullPolicy.ALWAYS);
    assertThat(PullPolicy.parse(" Missing ")).isEqualTo(PullPolicy.MISSING);
    assertThat(PullPolicy.parse("NEVER")).isEqualTo(PullPolicy.NEVER);
    assertThat(PullPolicy.MISSING.id()).isEqualTo("missing");
  }

  @Test
  void aBadValueIsAOneLineErrorListingTheGoodOnes() {
    assertThatThrownBy(() -> PullPolicy.parse("sometimes"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "azbuild.pull=sometimes is not known; use always (the default), missing (pull only what the Docker"
                + " daemon lacks) or never");
  }
}
