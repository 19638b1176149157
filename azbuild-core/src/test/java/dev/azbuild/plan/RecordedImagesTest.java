package dev.azbuild.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The branch's build record first, then the default branch's for what the branch's does not name.
 */
class RecordedImagesTest {

  private static final String A = "a".repeat(64);
  private static final String B = "b".repeat(64);
  private static final String D1 = "sha256:" + "1".repeat(64);
  private static final String D2 = "sha256:" + "2".repeat(64);

  private final RecordedImages branch =
      new RecordedImages(
          "feature-x", "f".repeat(40), Map.of("api", new RecordedImages.Recorded(A, D1)));
  private final RecordedImages main =
      new RecordedImages(
          "main",
          "e".repeat(40),
          Map.of(
              "api", new RecordedImages.Recorded(B, D2),
              "web", new RecordedImages.Recorded(A, D2)));

  @Test
  void theFirstRecordNamingTheInputsVouches() {
    RecordedImages both = branch.then(main);

    assertThat(both.vouch("api", A)).get().extracting(RecordedImages.Vouched::digest).isEqualTo(D1);
    assertThat(both.vouch("api", A).get().record().describe())
        .isEqualTo("the build record of feature-x (ffffffffffff)");
    // the branch's record names other inputs of api: main's names these (a rebased branch)
    assertThat(both.vouch("api", B).get().record().describe())
        .isEqualTo("the build record of main (eeeeeeeeeeee)");
    assertThat(both.digest("web", A)).contains(D2);
    assertThat(both.digest("web", B)).isEmpty();
    assertThat(both.digest("worker", A)).isEmpty();
    assertThat(both.describeAll())
        .isEqualTo("the build records of feature-x (ffffffffffff) and main (eeeeeeeeeeee)");
  }

  @Test
  void noneAddsNothing() {
    assertThat(RecordedImages.NONE.isEmpty()).isTrue();
    assertThat(RecordedImages.NONE.then(main)).isSameAs(main);
    assertThat(main.then(RecordedImages.NONE)).isSameAs(main);
    assertThat(RecordedImages.NONE.digest("api", A)).isEmpty();
    assertThat(main.describeAll()).isEqualTo("the build record of main (eeeeeeeeeeee)");
  }
}
