package dev.azbuild.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.azbuild.testing.LocalServices;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * No password, Basic value or token in any log line (registry logging is at debug in tests,
 * slf4j-simple writes to System.err), exception message or toString, on success or failure.
 */
class SecretLeakIT {

  @BeforeAll
  static void pushFixture() {
    TestImages.ensurePushed();
  }

  @Test
  void secretsNeverReachLogsMessagesOrToString() throws Exception {
    String password = LocalServices.authPassword();
    String wrong = "wrong-" + TestImages.RUN;
    List<String> texts = new ArrayList<>();
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream originalErr = System.err;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      texts.addAll(exercise(LocalServices.AUTH, password, wrong));
      try (RegistryProxy proxy = RegistryProxy.to(LocalServices.CACHE)) {
        proxy.requireBearer(LocalServices.AUTH_USER, password);
        texts.addAll(exercise(proxy.host(), password, wrong));
      }
    } finally {
      System.setErr(originalErr);
    }
    String log = captured.toString(StandardCharsets.UTF_8);
    texts.add(log);

    assertThat(log).contains("using credentials from explicit configuration");
    assertThat(log).contains("Basic authentication required").contains("fetching a token");
    for (String secret :
        List.of(password, wrong, basic(password), basic(wrong), RegistryProxy.TOKEN)) {
      assertThat(texts).noneMatch(t -> t.contains(secret));
    }
  }

  /** A success and a failure against one registry; returns every message and toString seen. */
  private static List<String> exercise(String host, String password, String wrong)
      throws Exception {
    List<String> texts = new ArrayList<>();
    for (String secret : List.of(password, wrong)) {
      CredentialChain chain =
          CredentialChain.of(
              StaticCredentials.explicit(
                  Map.of(host, new Credentials(LocalServices.AUTH_USER, secret))));
      RegistryOptions options = LocalServices.registryOptions().withCredentials(chain);
      try (Registry registry = Registries.forUrl(host, options)) {
        Throwable failure =
            catchThrowable(() -> registry.getManifest("azbtest/app", "no-such-tag"));
        Throwable copyFailure =
            catchThrowable(
                () -> {
                  try (Registry cache =
                      Registries.forUrl(LocalServices.CACHE, LocalServices.registryOptions())) {
                    cache.copy(
                        TestImages.REPOSITORY,
                        TestImages.TAG,
                        registry,
                        "azbtest/leak",
                        List.of(TestImages.TAG));
                  }
                });
        for (Throwable t = failure; t != null; t = t.getCause()) {
          texts.add(String.valueOf(t));
        }
        for (Throwable t = copyFailure; t != null; t = t.getCause()) {
          texts.add(String.valueOf(t));
        }
        texts.add(String.valueOf(registry));
        texts.add(String.valueOf(registry.credentials()));
        texts.add(String.valueOf(options));
        texts.add(String.valueOf(chain.lookup(host)));
        if (secret.equals(password)) {
          assertThat(copyFailure).isNull();
          assertThat(failure).isInstanceOf(RegistryException.class).hasMessageContaining("404");
        } else {
          assertThat(failure).hasMessageContaining("401 Unauthorized");
        }
      }
    }
    return texts;
  }

  private static String basic(String password) {
    return Base64.getEncoder()
        .encodeToString(
            (LocalServices.AUTH_USER + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
