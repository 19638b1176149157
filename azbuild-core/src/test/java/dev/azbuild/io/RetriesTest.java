package dev.azbuild.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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

  /**
   * Failsafe shortens the last wait to what is left of the budget and checks the budget once an
   * attempt has failed: so at most one attempt (the one after that shortened wait, if the sleep
   * overran) starts past the budget, and none after it. How many attempts fit before the budget is
   * not asserted: a shortened wait under 1 ms sleeps 0 ms, so a fast failure may be tried several
   * times in that last millisecond (bounded by the attempts).
   */
  @Test
  void noAttemptStartsAfterTheBudget() {
    List<Duration> starts = new CopyOnWriteArrayList<>();
    Duration budget = Duration.ofMillis(400);
    Retries retries =
        Retries.of(1000)
            .withDelays(Duration.ofMillis(50), Duration.ofMillis(50))
            .withBudget(budget);
    long start = System.nanoTime();

    assertThatThrownBy(
            () ->
                Failsafe.with(retries.<String>policy(IOException.class).build())
                    .get(
                        () -> {
                          starts.add(Duration.ofNanos(System.nanoTime() - start));
                          throw new IOException("down");
                        }))
        .isInstanceOf(FailsafeException.class);

    // times since the first attempt started (Failsafe's clock starts there, not at the build)
    List<Duration> sinceFirst = starts.stream().map(t -> t.minus(starts.get(0))).toList();
    assertThat(sinceFirst).hasSizeGreaterThanOrEqualTo(2).hasSizeLessThan(1000);
    assertThat(sinceFirst.stream().filter(t -> t.compareTo(budget) > 0))
        .hasSizeLessThanOrEqualTo(1);
    // the waits were the 50 ms backoff, not a busy loop: most of the budget passed in waits
    assertThat(sinceFirst.get(sinceFirst.size() - 1))
        .isGreaterThan(budget.multipliedBy(3).dividedBy(4));
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
