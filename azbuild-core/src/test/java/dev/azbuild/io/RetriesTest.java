package dev.azbuild.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The one retry policy: attempts, backoff, the time budget, and how a message says what it cost.
 */
class RetriesTest {

  @Test
  void retriesTheGivenFailuresUpToTheAttempts() {
    AtomicInteger calls = new AtomicInteger();
    Retries retries = Retries.of(4).withDelays(Duration.ofMillis(1), Duration.ofMillis(2));

    assertThatThrownBy(
            () ->
                Failsafe.with(retries.<String>policy(IOException.class).build())
                    .get(
                        () -> {
                          calls.incrementAndGet();
                          throw new IOException("down");
                        }))
        .isInstanceOf(FailsafeException.class)
        .hasCauseInstanceOf(IOException.class);
    assertThat(calls).hasValue(4);
  }

  @Test
  void otherFailuresAreNotRetried() {
    AtomicInteger calls = new AtomicInteger();
    Retries retries = Retries.of(4).withDelays(Duration.ofMillis(1), Duration.ofMillis(2));

    assertThatThrownBy(
            () ->
                Failsafe.with(retries.<String>policy(IOException.class).build())
                    .get(
                        () -> {
                          calls.incrementAndGet();
                          throw new IllegalStateException("a bug");
                        }))
        .isInstanceOf(IllegalStateException.class);
    assertThat(calls).hasValue(1);
  }

  @Test
  void noAttemptStartsAfterTheBudget() {
    AtomicInteger calls = new AtomicInteger();
    Retries retries =
        Retries.of(1000)
            .withDelays(Duration.ofMillis(50), Duration.ofMillis(50))
            .withBudget(Duration.ofMillis(400));
    long start = System.nanoTime();

    assertThatThrownBy(
            () ->
                Failsafe.with(retries.<String>policy(IOException.class).build())
                    .get(
                        () -> {
                          calls.incrementAndGet();
                          throw new IOException("down");
                        }))
        .isInstanceOf(FailsafeException.class);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    assertThat(calls.get()).isBetween(2, 20);
  }

  @Test
  void spentSaysHowManyAttemptsTookHowLong() {
    assertThat(Retries.spent(3, Duration.ofMillis(4_230))).isEqualTo("after 3 attempts in 4.2 s");
    assertThat(Retries.spent(1, Duration.ofMillis(300))).isEqualTo("in 0.3 s");
    assertThat(Retries.seconds(Duration.ofSeconds(80))).isEqualTo("80.0 s");
  }

  @Test
  void defaultsAndLimits() {
    assertThat(Retries.DEFAULT.attempts()).isEqualTo(3);
    assertThat(Retries.DEFAULT.budget()).isEqualTo(Duration.ofSeconds(120));
    assertThat(Retries.of(5).firstDelay()).isEqualTo(Retries.DEFAULT_FIRST_DELAY);
    assertThatThrownBy(() -> Retries.of(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Retries.DEFAULT.withBudget(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
