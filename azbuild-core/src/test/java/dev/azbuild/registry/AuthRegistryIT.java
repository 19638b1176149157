package dev.azbuild.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.azbuild.testing.LocalServices;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Basic-auth registry (5002) with credentials from each source of the chain. */
class AuthRegistryIT {

  private static final String REPO = "azbtest/auth";
  private static String password;

  @BeforeAll
  static void copyFixtureToTheAuthRegistry() throws Exception {
    TestImages.ensurePushed();
    password = LocalServices.authPassword();
    try (Registry cache = Registries.forUrl(LocalServices.CACHE, LocalServices.registryOptions());
        Registry auth = Registries.forUrl(LocalServices.AUTH, options(explicit(password)))) {
      cache.copy(TestImages.REPOSITORY, TestImages.TAG, auth, REPO, List.of(TestImages.TAG));
    }
  }

  @Test
  void explicitCredentials() throws Exception {
    try (Registry auth = Registries.forUrl(LocalServices.AUTH, options(explicit(password)))) {
      assertThat(auth.digest(REPO, TestImages.TAG)).contains(TestImages.digest());
      assertThat(auth.credentials())
          .get()
          .extracting(SourcedCredentials::source)
          .isEqualTo("explicit configuration");
    }
  }

  @Test
  void dockerConfigAuthsEntry(@TempDir Path dir) throws Exception {
    String auth =
        Base64.getEncoder()
            .encodeToString(
                (LocalServices.AUTH_USER + ":" + password).getBytes(StandardCharsets.UTF_8));
    Path config =
        write(
            dir.resolve("config.json"),
            "{\"auths\":{\"http://" + LocalServices.AUTH + "\":{\"auth\":\"" + auth + "\"}}}");
    CredentialChain chain = CredentialChain.standard(Map.of(), config, null, Map.of());

    try (Registry registry =
        Registries.forUrl(
            LocalServices.AUTH, LocalServices.registryOptions().withCredentials(chain))) {
      assertThat(registry.exists(REPO, TestImages.TAG)).isTrue();
      assertThat(registry.credentials().orElseThrow().source()).isEqualTo(config + " (auths)");
    }
  }

  @Test
  void dockerConfigCredentialHelper(@TempDir Path dir) throws Exception {
    Path helpers = Files.createDirectories(dir.resolve("bin"));
    helper(helpers, "azbtest", LocalServices.AUTH_USER, password);
    Path config =
        write(
            dir.resolve("config.json"),
            "{\"auths\":{},\"credsStore\":\"nonexistent\",\"credHelpers\":{\""
                + LocalServices.AUTH
                + "\":\"azbtest\"}}");
    CredentialChain chain = CredentialChain.standard(Map.of(), config, helpers, Map.of());

    try (Registry registry =
        Registries.forUrl(
            LocalServices.AUTH, LocalServices.registryOptions().withCredentials(chain))) {
      assertThat(registry.exists(REPO, TestImages.TAG)).isTrue();
      assertThat(registry.credentials().orElseThrow().source())
          .isEqualTo(config + " (credHelpers: azbtest)");
    }
  }

  @Test
  void mavenSettingsServer() throws Exception {
    CredentialChain chain =
        CredentialChain.standard(
            Map.of(),
            Path.of("/nonexistent/config.json"),
            null,
            Map.of(LocalServices.AUTH, new Credentials(LocalServices.AUTH_USER, password)));

    try (Registry registry =
        Registries.forUrl(
            LocalServices.AUTH, LocalServices.registryOptions().withCredentials(chain))) {
      assertThat(registry.exists(REPO, TestImages.TAG)).isTrue();
      assertThat(registry.credentials().orElseThrow().source())
          .isEqualTo("Maven settings.xml <server>");
    }
  }

  @Test
  void wrongPasswordFromAHelperIsAOneLine401NamingTheSource(@TempDir Path dir) throws Exception {
    Path helpers = Files.createDirectories(dir.resolve("bin"));
    helper(helpers, "azbtest", LocalServices.AUTH_USER, "wrong-" + TestImages.RUN);
    Path config =
        write(
            dir.resolve("config.json"),
            "{\"credHelpers\":{\"" + LocalServices.AUTH + "\":\"azbtest\"}}");
    CredentialChain chain = CredentialChain.standard(Map.of(), config, helpers, Map.of());

    try (Registry registry =
        Registries.forUrl(
            LocalServices.AUTH, LocalServices.registryOptions().withCredentials(chain))) {
      assertThatThrownBy(() -> registry.exists(REPO, TestImages.TAG))
          .isInstanceOf(RegistryException.class)
          .hasMessage(
              "401 Unauthorized from "
                  + LocalServices.AUTH
                  + " for manifest "
                  + REPO
                  + ":"
                  + TestImages.TAG
                  + " with credentials from "
                  + config
                  + " (credHelpers: azbtest) (user "
                  + LocalServices.AUTH_USER
                  + "); check them")
          .hasMessageNotContaining("wrong-" + TestImages.RUN);
    }
  }

  @Test
  void noCredentialsSaysWhereToPutThem() throws Exception {
    try (Registry registry =
        Registries.forUrl(LocalServices.AUTH, LocalServices.registryOptions())) {
      assertThatThrownBy(() -> registry.exists(REPO, TestImages.TAG))
          .isInstanceOf(RegistryException.class)
          .hasMessageStartingWith("401 Unauthorized from " + LocalServices.AUTH)
          .hasMessageContaining("no credentials found for " + LocalServices.AUTH)
          .hasMessageContaining("docker login " + LocalServices.AUTH)
          .hasMessageNotContaining("\n");
    }
  }

  @Test
  void missingHelperIsAOneLineError(@TempDir Path dir) throws Exception {
    Path config =
        write(
            dir.resolve("config.json"),
            "{\"credHelpers\":{\"" + LocalServices.AUTH + "\":\"absent\"}}");
    CredentialChain chain = CredentialChain.standard(Map.of(), config, dir, Map.of());

    try (Registry registry =
        Registries.forUrl(
            LocalServices.AUTH, LocalServices.registryOptions().withCredentials(chain))) {
      assertThatThrownBy(() -> registry.exists(REPO, TestImages.TAG))
          .isInstanceOf(RegistryException.class)
          .hasMessageContaining("docker-credential-absent")
          .hasMessageContaining("cannot be run");
    }
  }

  static RegistryOptions options(Map<String, Credentials> explicit) {
    return LocalServices.registryOptions()
        .withCredentials(
            CredentialChain.standard(
                explicit, Path.of("/nonexistent/config.json"), null, Map.of()));
  }

  static Map<String, Credentials> explicit(String secret) {
    return Map.of(LocalServices.AUTH, new Credentials(LocalServices.AUTH_USER, secret));
  }

  /** A docker credential helper that answers any host with fixed credentials, like docker's. */
  static void helper(Path dir, String name, String user, String secret) throws Exception {
    Path script = dir.resolve("docker-credential-" + name);
    Files.writeString(
        script,
        "#!/bin/sh\n"
            + "[ \"$1\" = get ] || exit 1\n"
            + "read host\n"
            + "printf '{\"ServerURL\":\"%s\",\"Username\":\""
            + user
            + "\",\"Secret\":\""
            + secret
            + "\"}' \"$host\"\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
  }

  private static Path write(Path file, String content) throws Exception {
    Files.writeString(file, content);
    return file;
  }
}
