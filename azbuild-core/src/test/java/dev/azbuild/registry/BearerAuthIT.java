package dev.azbuild.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.azbuild.testing.LocalServices;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bearer token auth, served by a proxy with a token endpoint in front of the cache registry. */
class BearerAuthIT {

  static final String USER = "bearer-user";
  static final String PASSWORD = "bearer-secret-" + TestImages.RUN;

  private RegistryProxy proxy;

  @BeforeAll
  static void pushFixture() {
    TestImages.ensurePushed();
  }

  @BeforeEach
  void startProxy() throws Exception {
    proxy = RegistryProxy.to(LocalServices.CACHE);
    proxy.requireBearer(USER, PASSWORD);
  }

  @AfterEach
  void stopProxy() {
    proxy.close();
  }

  @Test
  void tokenIsFetchedWithTheCredentialsAndCachedPerScope() throws Exception {
    try (Registry registry = Registries.forUrl(proxy.host(), options(PASSWORD))) {
      assertThat(registry.digest(TestImages.REPOSITORY, TestImages.TAG))
          .contains(TestImages.digest());
      assertThat(registry.exists(TestImages.REPOSITORY, TestImages.OTHER_TAG)).isTrue();

      assertThat(proxy.tokenRequests()).isEqualTo(1);
      // First request unauthenticated (401), then every request carries the cached token.
      assertThat(proxy.requests()).hasSize(3);
    }
  }

  @Test
  void pushScopeGetsItsOwnToken() throws Exception {
    String repo = "azbtest/bearer-" + TestImages.RUN;
    try (Registry cache = Registries.forUrl(LocalServices.CACHE, LocalServices.registryOptions());
        Registry registry = Registries.forUrl(proxy.host(), options(PASSWORD))) {
      CopyResult result =
          cache.copy(TestImages.REPOSITORY, TestImages.TAG, registry, repo, List.of("b"));

      assertThat(result.digest()).isEqualTo(TestImages.digest());
      assertThat(registry.digest(repo, "b")).contains(TestImages.digest());
      assertThat(proxy.tokenRequests()).isGreaterThanOrEqualTo(2);
    }
  }

  @Test
  void refusedCredentialsAreAOneLine401NamingTheSource() throws Exception {
    try (Registry registry = Registries.forUrl(proxy.host(), options("wrong-" + TestImages.RUN))) {
      assertThatThrownBy(() -> registry.exists(TestImages.REPOSITORY, TestImages.TAG))
          .isInstanceOf(RegistryException.class)
          .hasMessage(
              "401 Unauthorized from "
                  + proxy.host()
                  + " for manifest azbtest/app:"
                  + TestImages.TAG
                  + " with credentials from explicit configuration (user "
                  + USER
                  + "); check them");
      assertThat(proxy.tokenRequests()).isEqualTo(1);
    }
  }

  private RegistryOptions options(String password) {
    return LocalServices.registryOptions()
        .withCredentials(
            CredentialChain.of(
                StaticCredentials.explicit(Map.of(proxy.host(), new Credentials(USER, password)))));
  }
}
