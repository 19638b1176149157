package dev.azbuild.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.azbuild.plan.Mode;
import dev.azbuild.plan.ModuleDecision;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * azbuild.skipTestsWhenUnchanged: tests are skipped only where content mode proved the inputs are
 * those of an existing image; a module whose inputs changed always runs them.
 */
class RebuildCheckTest {

  private static final String HASH = "0123456789abcdef".repeat(4);

  private static Optional<ModuleDecision> decision(boolean rebuild) {
    return Optional.of(
        new ModuleDecision(
            "g:hello",
            "services/hello",
            "hello",
            rebuild,
            List.of(rebuild ? "services/hello/src/Main.java changed" : "image cache-0123 exists"),
            HASH,
            List.of(),
            List.of()));
  }

  @Test
  void anUnchangedModuleInContentModeSkipsItsTestsAndSaysWhy() {
    RebuildCheck check = RebuildCheck.of(decision(false), true, Mode.CONTENT, false);
    assertThat(check.skipTests()).isTrue();
    assertThat(check.testsNote())
        .contains(
            "services/hello: tests skipped (azbuild.skipTestsWhenUnchanged: the image"
                + " cache-0123456789ab of the same inputs exists)");
  }

  @Test
  void aModuleWhoseInputsChangedRunsItsTests() {
    RebuildCheck check = RebuildCheck.of(decision(true), true, Mode.CONTENT, false);
    assertThat(check.skipTests()).isFalse();
    assertThat(check.testsNote()).contains("services/hello: tests run (its inputs changed)");
  }

  @Test
  void diffModeNeverSkipsTests() {
    RebuildCheck check = RebuildCheck.of(decision(false), true, Mode.DIFF, false);
    assertThat(check.skipTests()).isFalse();
    assertThat(check.testsNote().orElseThrow()).contains("needs content mode");
  }

  @Test
  void aPlanOfAnotherCommitNeverSkipsTheWorkTreesTests() {
    RebuildCheck check = RebuildCheck.of(decision(false), true, Mode.CONTENT, true);
    assertThat(check.skipTests()).isFalse();
    assertThat(check.testsNote().orElseThrow()).contains("azbuild.head");
  }

  @Test
  void withoutTheSettingOrForAModuleWithoutAnImageNothingIsSkippedOrSaid() {
    assertThat(RebuildCheck.of(decision(false), false, Mode.CONTENT, false))
        .isEqualTo(new RebuildCheck(decision(false), false, Optional.empty()));
    assertThat(RebuildCheck.of(Optional.empty(), true, Mode.CONTENT, false))
        .isEqualTo(new RebuildCheck(Optional.empty(), false, Optional.empty()));
  }
}
