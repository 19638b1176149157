package dev.azbuild.build;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azbuild.io.Json;
import dev.azbuild.registry.CredentialChain;
import dev.azbuild.registry.Registries;
import dev.azbuild.registry.Registry;
import dev.azbuild.registry.RegistryOptions;
import dev.azbuild.testing.LocalServices;
import dev.azbuild.testing.LogCapture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two builds of one commit against the real cache registry (5000): the one whose commit tag was
 * overwritten reports the winner's digest. "Images" are small records pushed as OCI artifacts.
 */
class CommitTagCheckIT {

  private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

  @TempDir Path tmp;
  private Registry cache;

  @BeforeEach
  void open() throws Exception {
    cache =
        Registries.forUrl(
            LocalServices.CACHE + "/azbtest-race-" + UUID.randomUUID().toString().substring(0, 8),
            RegistryOptions.defaults()
                .withCredentials(CredentialChain.none())
                .withRetries(2, Duration.ofMillis(1)));
  }

  @AfterEach
  void close() {
    cache.close();
  }

  @Test
  void aBuildWhoseCommitTagWasMovedByAnotherReportsTheWinner() throws Exception {
    String ours = push("api", "cache-ours");
    String theirs = push("api", "cache-theirs");
    cache.retag("api", "cache-ours", COMMIT);
    ModuleReport built =
        new ModuleReport(
            "g:api",
            "api",
            ModuleReport.BUILT,
            ours,
            List.of("cache-ours", COMMIT),
            10,
            0,
            1.0,
            List.of("changed"),
            null);
    assertThat(CommitTagCheck.confirm(cache, COMMIT, "services/api", built)).isEqualTo(built);

    cache.retag(
        "api", "cache-theirs", COMMIT); // the other build of this commit tags it after this one
    ModuleReport confirmed;
    try (LogCapture log = new LogCapture()) {
      confirmed = CommitTagCheck.confirm(cache, COMMIT, "services/api", built);
      assertThat(log.text())
          .contains(
              "WARN dev.azbuild.build.CommitTagCheck - services/api: another build of"
                  + " 0123456789ab tagged api:0123456789ab after this one: it names "
                  + theirs
                  + " now, not "
                  + ours
                  + " pushed by this build; build.json reports the tagged one");
    }
    assertThat(confirmed.digest()).isEqualTo(theirs);
    assertThat(confirmed.pushedDigest()).isEqualTo(ours);

    Path file = tmp.resolve("build.json");
    new BuildReport(file, COMMIT, List.of("g:api")).record(confirmed);
    JsonNode module = Json.MAPPER.readTree(file.toFile()).at("/modules/0");
    assertThat(module.path("digest").asText()).isEqualTo(theirs);
    assertThat(module.path("raceLostTo").asText()).isEqualTo(theirs);
    assertThat(module.path("pushedDigest").asText()).isEqualTo(ours);
  }

  @Test
  void onlyBuiltModulesAreReadBack() throws Exception {
    String ours = push("web", "cache-web");
    cache.retag("web", "cache-web", COMMIT);
    push("web", "cache-other");
    cache.retag("web", "cache-other", COMMIT);
    // a re-tagged module's commit tag comes from cache-<input hash>, as any other build of the
    // commit's
    ModuleReport retagged = retagged("g:web", "web", ours);
    ModuleReport skipped =
        new ModuleReport(
            "g:lib", "lib", ModuleReport.SKIPPED, null, List.of(), 0, 0, 0, List.of(), null);
    ModuleReport failed = ModuleReport.failed("g:x", "x", 0, List.of(), "boom");

    assertThat(CommitTagCheck.confirm(cache, COMMIT, "web", retagged)).isSameAs(retagged);
    assertThat(CommitTagCheck.confirm(cache, COMMIT, "lib", skipped)).isSameAs(skipped);
    assertThat(CommitTagCheck.confirm(cache, COMMIT, "x", failed)).isSameAs(failed);
  }

  private static ModuleReport retagged(String id, String image, String digest) {
    return new ModuleReport(
        id, image, ModuleReport.RETAGGED, digest, List.of(COMMIT), 0, 0, 0.1, List.of(), null);
  }

  private String push(String repository, String tag) throws Exception {
    cache.putRecord(
        repository, tag, ("{\"tag\":\"" + tag + "\"}").getBytes(StandardCharsets.UTF_8));
    return cache.digest(repository, tag).orElseThrow();
  }
}
