package dev.azbuild.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.azbuild.plan.Mode;
import dev.azbuild.plan.ModuleDecision;
import dev.azbuild.plan.Plan;
import dev.azbuild.plan.RecordedImages;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The build record's content: when a build has one, and how it reads back (or refuses to). */
class BuildRecordTest {

  private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
  private static final String HASH_A = "a".repeat(64);
  private static final String HASH_B = "b".repeat(64);
  private static final String DIGEST_A = "sha256:" + "1".repeat(64);
  private static final String DIGEST_B = "sha256:" + "2".repeat(64);
  private static final Instant TIME = Instant.parse("2026-12-02T16:00:00Z");

  private static Plan plan(String hashA, String hashB) {
    return new Plan(
        Mode.CONTENT,
        null,
        COMMIT,
        List.of(
            new ModuleDecision("g:a", "a", "a", false, List.of(), hashA, List.of(), List.of()),
            new ModuleDecision("g:b", "b", "b", true, List.of(), hashB, List.of(), List.of("g:a"))),
        List.of());
  }

  private static ModuleReport report(String id, String action, String digest) {
    return new ModuleReport(
        id, id.substring(2), action, digest, List.of(), 0, 0, 0, List.of(), null);
  }

  @Test
  void aCompleteBuildHasARecordThatReadsBackAsWritten() throws Exception {
    Optional<BuildRecord> record =
        BuildRecord.of(
            plan(HASH_A, HASH_B),
            List.of(
                report("g:b", ModuleReport.BUILT, DIGEST_B),
                report("g:a", ModuleReport.RETAGGED, DIGEST_A)),
            "main",
            TIME);

    assertThat(record).isPresent();
    String json = new String(record.get().toJson(), StandardCharsets.UTF_8);
    assertThat(json)
        .isEqualTo(
            "{\"format\":\"azbuild-build-record\",\"version\":1,\"commit\":\""
                + COMMIT
                + "\",\"branch\":\"main\",\"time\":\"2026-12-02T16:00:00Z\",\"images\":{"
                + "\"a\":{\"hash\":\""
                + HASH_A
                + "\",\"digest\":\""
                + DIGEST_A
                + "\"},\"b\":{\"hash\":\""
                + HASH_B
                + "\",\"digest\":\""
                + DIGEST_B
                + "\"}}}");
    BuildRecord read = BuildRecord.parse(record.get().toJson());
    assertThat(read).isEqualTo(record.get());
    RecordedImages recorded = read.recorded();
    assertThat(recorded.digest("a", HASH_A)).contains(DIGEST_A);
    assertThat(recorded.digest("a", HASH_B)).isEmpty(); // other inputs: not vouched for
    assertThat(recorded.digest("c", HASH_A)).isEmpty();
    assertThat(recorded.describe()).isEqualTo("the build record of main (0123456789ab)");
  }

  @Test
  void theStageImagesTheBatchFoundAreRecordedAndReadBack() throws Exception {
    String stage = "sha256:" + "5".repeat(64);
    BuildRecord record =
        BuildRecord.of(
                plan(HASH_A, HASH_B),
                List.of(
                    report("g:a", ModuleReport.RETAGGED, DIGEST_A),
                    report("g:b", ModuleReport.BUILT, DIGEST_B)),
                Map.of("g:a", Map.of("builder", stage)),
                "main",
                TIME)
            .orElseThrow();
    String json = new String(record.toJson(), StandardCharsets.UTF_8);
    assertThat(json)
        .contains("\"digest\":\"" + DIGEST_A + "\",\"stages\":{\"builder\":\"" + stage + "\"}}");
    assertThat(json).doesNotContain("\"" + DIGEST_B + "\",\"stages\""); // b was built: none known
    BuildRecord read = BuildRecord.parse(record.toJson());
    assertThat(read).isEqualTo(record);
    assertThat(read.recorded().vouch("a", HASH_A).orElseThrow().stages())
        .isEqualTo(Map.of("builder", stage));
    assertThat(read.recorded().vouch("b", HASH_B).orElseThrow().stages()).isEmpty();
  }

  @Test
  void anIncompleteBuildHasNone() {
    Plan plan = plan(HASH_A, HASH_B);
    // a module without a report (-pl subset, or its build has not finished)
    assertThat(
            BuildRecord.of(
                plan, List.of(report("g:a", ModuleReport.RETAGGED, DIGEST_A)), "main", TIME))
        .isEmpty();
    // a failed module
    assertThat(
            BuildRecord.of(
                plan,
                List.of(
                    report("g:a", ModuleReport.RETAGGED, DIGEST_A),
                    ModuleReport.failed("g:b", "b", 1, List.of(), "boom")),
                "main",
                TIME))
        .isEmpty();
    // skipPush: nothing in the registry
    assertThat(
            BuildRecord.of(
                plan,
                List.of(
                    report("g:a", ModuleReport.SKIPPED, null),
                    report("g:b", ModuleReport.BUILT, null)),
                "main",
                TIME))
        .isEmpty();
    // diff mode: no input hashes
    assertThat(
            BuildRecord.of(
                plan(null, null),
                List.of(
                    report("g:a", ModuleReport.RETAGGED, DIGEST_A),
                    report("g:b", ModuleReport.BUILT, DIGEST_B)),
                "main",
                TIME))
        .isEmpty();
  }

  @Test
  void aRecordOfAnotherFormatOrVersionIsForeign() {
    for (String json :
        List.of(
            "{\"format\":\"azbuild-build-record\",\"version\":2,\"commit\":\"" + COMMIT + "\"}",
            "{\"format\":\"something-else\",\"version\":1}",
            "{\"commit\":\"" + COMMIT + "\"}")) {
      assertThatThrownBy(() -> BuildRecord.parse(json.getBytes(StandardCharsets.UTF_8)))
          .isInstanceOf(BuildRecord.Unreadable.class)
          .hasMessageStartingWith("it is ")
          .hasMessageContaining("not azbuild-build-record version 1")
          .satisfies(e -> assertThat(((BuildRecord.Unreadable) e).foreign()).isTrue());
    }
  }

  @Test
  void aDamagedRecordIsRefusedNamingWhatIsWrong() {
    String head = "{\"format\":\"azbuild-build-record\",\"version\":1,";
    String time = ",\"time\":\"2026-12-02T16:00:00Z\"";
    List<List<String>> cases =
        List.of(
            List.of("{not json", "it is not JSON"),
            List.of("[1]", "it is not a JSON object"),
            List.of(head + "\"commit\":\"HEAD\"" + time + "}", "it names no commit ('HEAD')"),
            List.of(head + "\"commit\":\"" + COMMIT + "\"}", "it has no valid time"),
            List.of(head + "\"commit\":\"" + COMMIT + "\"" + time + "}", "it has no images"),
            List.of(
                head
                    + "\"commit\":\""
                    + COMMIT
                    + "\""
                    + time
                    + ",\"images\":{\"a\":{\"hash\":\"x\",\"digest\":\""
                    + DIGEST_A
                    + "\"}}}",
                "its image a has no valid hash and digest"),
            List.of(
                head
                    + "\"commit\":\""
                    + COMMIT
                    + "\""
                    + time
                    + ",\"images\":{\"a\":{\"hash\":\""
                    + HASH_A
                    + "\",\"digest\":\""
                    + DIGEST_A
                    + "\",\"stages\":{\"builder\":\"latest\"}}}}",
                "its image a has no valid digest for stage builder"));
    for (List<String> c : cases) {
      assertThatThrownBy(() -> BuildRecord.parse(c.get(0).getBytes(StandardCharsets.UTF_8)))
          .isInstanceOf(BuildRecord.Unreadable.class)
          .hasMessageStartingWith(c.get(1))
          .satisfies(e -> assertThat(((BuildRecord.Unreadable) e).foreign()).isFalse());
    }
  }
}
