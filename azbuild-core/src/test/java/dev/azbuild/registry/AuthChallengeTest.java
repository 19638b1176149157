package dev.azbuild.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuthChallengeTest {

  @Test
  void bearerWithQuotedParams() {
    AuthChallenge c =
        AuthChallenge.parse(
                "Bearer realm=\"https://auth.example/token\",service=\"registry.example\","
                    + "scope=\"repository:a/b:pull,push\"")
            .orElseThrow();

    assertThat(c.isBearer()).isTrue();
    assertThat(c.param("realm")).contains("https://auth.example/token");
    assertThat(c.param("service")).contains("registry.example");
    assertThat(c.param("scope")).contains("repository:a/b:pull,push");
  }

  @Test
  void basicAndUnquotedParams() {
    AuthChallenge c = AuthChallenge.parse("basic realm=x, charset=UTF-8").orElseThrow();

    assertThat(c.isBasic()).isTrue();
    assertThat(c.param("realm")).contains("x");
    assertThat(c.param("charset")).contains("UTF-8");
  }

  @Test
  void missingHeader() {
    assertThat(AuthChallenge.parse(null)).isEmpty();
    assertThat(AuthChallenge.parse(" ")).isEmpty();
  }
}
