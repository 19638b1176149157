package dev.azbuild.io;

import dev.failsafe.RetryPolicy;
import dev.failsafe.RetryPolicyBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How azbuild retries what may pass — registry requests, the Docker daemon's pushes and pulls,
 * downloads of tools — built in one place, on Failsafe: at most {@code attempts} tries ({@code
 * azbuild.retries}), exponential backoff with jitter from {@code firstDelay} to {@code maxDelay}
 * (so builds that failed together do not retry together), and no new try once {@code budget} has
 * passed since the first one started ({@code azbuild.retryTimeout}), so a dead registry fails in
 * bounded time. A try that is running is never cut short by the budget: a slow but healthy push
 * goes on.
 *
 * @param attempts tries in all, at least 1 (1 = no retry)
 * @param firstDelay the wait before the second try (before jitter); doubles for each further one
 * @param maxDelay the longest wait between two tries
 * @param budget the time after which no further try starts
 */
public record Retries(int attempts, Duration firstDelay, Duration maxDelay, Duration budget) {

  public static final int DEFAULT_ATTEMPTS = 3;
  public static final Duration DEFAULT_FIRST_DELAY = Duration.ofMillis(500);
  public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(10);
  public static final Duration DEFAULT_BUDGET = Duration.ofMinutes(2);

  /** Three tries, 0.5 s then 1 s apart, none started after two minutes. */
  public static final Retries DEFAULT =
      new Retries(DEFAULT_ATTEMPTS, DEFAULT_FIRST_DELAY, DEFAULT_MAX_DELAY, DEFAULT_BUDGET);

  /** Spreads the waits of tries that failed together by up to a quarter either way. */
  private static final double JITTER = 0.25;

  public Retries {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
    }
    Objects.requireNonNull(firstDelay, "firstDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    Objects.requireNonNull(budget, "budget");
    if (firstDelay.isNegative() || budget.isNegative() || budget.isZero()) {
      throw new IllegalArgumentException(
          "delays must not be negative and the budget must be positive: "
              + firstDelay
              + ", "
              + budget);
    }
  }

  /** The default waits and budget with {@code count} tries. */
  public static Retries of(int count) {
    return DEFAULT.withAttempts(count);
  }

  public Retries withAttempts(int count) {
    return new Retries(count, firstDelay, maxDelay, budget);
  }

  /** Waits from {@code first}, doubling up to {@code max}. */
  public Retries withDelays(Duration first, Duration max) {
    return new Retries(attempts, first, max, budget);
  }

  public Retries withBudget(Duration total) {
    return new Retries(attempts, firstDelay, maxDelay, total);
  }

  /**
   * A Failsafe policy that retries the given failures (every other one ends the execution at once)
   * as this record says; add listeners to it and {@code build()} it.
   */
  @SafeVarargs
  public final <R> RetryPolicyBuilder<R> policy(Class<? extends Throwable>... retried) {
    // Failsafe's backoff needs a maximum above the first delay
    Duration first = firstDelay.isZero() ? Duration.ofMillis(1) : firstDelay;
    Duration max = maxDelay.compareTo(first) > 0 ? maxDelay : first.plusMillis(1);
    return RetryPolicy.<R>builder()
        .handle(List.of(retried))
        .withMaxAttempts(attempts)
        .withBackoff(first, max)
        .withJitter(JITTER)
        .withMaxDuration(budget);
  }

  /**
   * How many attempts took how long, for a message: {@code "after 3 attempts in 4.2 s"}, or {@code
   * "in 0.3 s"} after a single one.
   */
  public static String spent(int attempts, Duration elapsed) {
    String time = seconds(elapsed);
    return attempts <= 1 ? "in " + time : "after " + attempts + " attempts in " + time;
  }

  /** {@code 4.2 s}. */
  public static String seconds(Duration elapsed) {
    return String.format(Locale.ROOT, "%.1f s", elapsed.toMillis() / 1000.0);
  }
}
