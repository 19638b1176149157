package dev.azbuild.docker;

import java.time.Duration;
import java.util.Objects;

/**
 * How often to try a registry transfer that failed for a reason that may pass (network errors,
 * 5xx answers), and how long to wait between tries: exponential backoff with jitter, so parallel
 * builds that failed together do not retry together.
 *
 * @param attempts total tries, at least 1
 * @param initialBackoff the wait before the second try (before jitter)
 * @param maxBackoff the longest wait
 */
public record RetryPolicy(int attempts, Duration initialBackoff, Duration maxBackoff) {

  /** Three tries, waiting about 2 s then 4 s. */
  public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(30));

  public RetryPolicy {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1, was " + attempts);
    }
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
  }

  /** The same waits with a different number of tries. */
  public RetryPolicy withAttempts(int count) {
    return new RetryPolicy(count, initialBackoff, maxBackoff);
  }

  /**
   * The wait after failed try {@code attempt} (1-based): {@code initial * 2^(attempt-1)}, capped,
   * then scaled into its upper half by {@code random} ("equal jitter").
   *
   * @param random a number in [0, 1)
   */
  public Duration backoff(int attempt, double random) {
    long initial = initialBackoff.toMillis();
    long exponential = initial << Math.min(attempt - 1, 20);
    long capped = Math.min(exponential < 0 ? Long.MAX_VALUE : exponential, maxBackoff.toMillis());
    return Duration.ofMillis(capped / 2 + (long) (capped / 2.0 * random));
  }
}
