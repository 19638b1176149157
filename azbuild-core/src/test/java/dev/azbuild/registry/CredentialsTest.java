package dev.azbuild.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Credential sources and the chain, on real files and a real helper script; no registry. */
class CredentialsTest {

  private static final String HOST = "registry.example:5000";

  @TempDir Path dir;

  @Test
  void toStringNeverShowsTheSecret() {
    Credentials c = new Credentials("user", "s3cret-value");
    assertThat(c.toString()).doesNotContain("s3cret-value").contains("user");
    assertThat(new SourcedCredentials(c, "x").toString()).doesNotContain("s3cret-value");
    assertThat(StaticCredentials.explicit(Map.of(HOST, c)).toString())
        .doesNotContain("s3cret-value");
  }

  @Test
  void scrubMasksTheSecretInAServersWords() {
    Credentials c = new Credentials("azbuild", "s3cret");
    assertThat(c.scrub("bad password s3cret for azbuild"))
        .isEqualTo("bad password **** for azbuild");
    assertThat(c.scrub(null)).isNull();
    assertThat(new Credentials("u", "").scrub("text")).isEqualTo("text");
  }

  @Test
  void chainAsksSourcesInOrderAndSaysWhichAnswered() throws Exception {
    Path config =
        write("{\"auths\":{\"" + HOST + "\":{\"username\":\"docker\",\"password\":\"p\"}}}");
    CredentialChain chain =
        CredentialChain.standard(
            Map.of("other:1", new Credentials("x", "y")),
            config,
            null,
            Map.of(HOST, new Credentials("maven", "m")));

    SourcedCredentials found = chain.lookup(HOST).orElseThrow();

    assertThat(found.credentials().username()).isEqualTo("docker");
    assertThat(found.source()).isEqualTo(config + " (auths)");
    assertThat(chain.lookup("other:1").orElseThrow().source()).isEqualTo("explicit configuration");
    assertThat(chain.lookup("nothing:1")).isEmpty();
  }

  @Test
  void authsKeysMayBeUrlsAndAuthIsBase64() throws Exception {
    String auth =
        Base64.getEncoder().encodeToString("u:p:with:colons".getBytes(StandardCharsets.UTF_8));
    Path config = write("{\"auths\":{\"https://" + HOST + "/v1/\":{\"auth\":\"" + auth + "\"}}}");

    Credentials c = new DockerConfigCredentials(config, null).lookup(HOST).orElseThrow();

    assertThat(c).isEqualTo(new Credentials("u", "p:with:colons"));
  }

  @Test
  void credsStoreWithoutAnEntryFallsBackToAuths() throws Exception {
    helper("store", "exit 1", "credentials not found in native keychain");
    Path config =
        write(
            "{\"credsStore\":\"store\",\"auths\":{\""
                + HOST
                + "\":{\"username\":\"a\",\"password\":\"b\"}}}");
    DockerConfigCredentials source = new DockerConfigCredentials(config, dir);

    assertThat(source.lookup(HOST)).contains(new Credentials("a", "b"));
    assertThat(source.describe(HOST)).isEqualTo(config + " (auths)");
  }

  @Test
  void credsStoreAnswersForEveryHost() throws Exception {
    helper("store", "", "{\"Username\":\"from-store\",\"Secret\":\"s\"}");
    Path config = write("{\"credsStore\":\"store\"}");
    DockerConfigCredentials source = new DockerConfigCredentials(config, dir);

    assertThat(source.lookup(HOST)).contains(new Credentials("from-store", "s"));
    assertThat(source.describe(HOST)).isEqualTo(config + " (credsStore: store)");
  }

  @Test
  void failingHelperIsAnErrorThatDoesNotQuoteItsOutput() throws Exception {
    helper("broken", "exit 3", "leaked-output");
    Path config = write("{\"credHelpers\":{\"" + HOST + "\":\"broken\"}}");

    assertThatThrownBy(() -> new DockerConfigCredentials(config, dir).lookup(HOST))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("docker-credential-broken failed for " + HOST + " (exit 3)")
        .hasMessageNotContaining("leaked-output");
  }

  @Test
  void missingOrBrokenConfigFiles() throws Exception {
    assertThat(new DockerConfigCredentials(dir.resolve("absent.json"), null).lookup(HOST))
        .isEmpty();
    Path broken = write("{not json");
    assertThatThrownBy(() -> new DockerConfigCredentials(broken, null).lookup(HOST))
        .isInstanceOf(RegistryException.class)
        .hasMessageStartingWith(broken + " is not valid JSON")
        .hasMessageNotContaining("\n");
  }

  @Test
  void mavenServerIdsMayBeUrls() throws Exception {
    StaticCredentials maven =
        StaticCredentials.mavenSettings(Map.of("https://" + HOST, new Credentials("m", "p")));
    assertThat(maven.lookup(HOST)).contains(new Credentials("m", "p"));
  }

  private Path write(String json) throws Exception {
    Path file = Files.createTempFile(dir, "config", ".json");
    Files.writeString(file, json);
    return file;
  }

  private void helper(String name, String exit, String output) throws Exception {
    Path script = dir.resolve("docker-credential-" + name);
    Files.writeString(script, "#!/bin/sh\ncat >/dev/null\necho '" + output + "'\n" + exit + "\n");
    script.toFile().setExecutable(true);
  }
}
