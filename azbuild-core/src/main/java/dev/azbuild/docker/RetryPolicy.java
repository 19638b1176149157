package dev.azbuild.docker;

import java.time.Duration;
import java.util.Objects;

/**
 * How often to try a registry transfer that failed for a reason that may pass (network errors, 5xx
 * answers), and how long to wait between tries. {@link ImageTransfer} runs it with Failsafe:
 * exponential backoff from {@code initialBackoff} to {@code maxBackoff}, with jitter, so parallel
 * builds that failed together do not retry together.
 *
 * @param attempts total tries, at least 1
 * @param initialBackoff the wait before the second try (before jitter)
 * @param maxBackoff the longest wait
 */
public record RetryPolicy(int attempts, Duration initialBackoff, Duration maxBackoff) {

  /** Three tries, waiting about 2 s then 4 s. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(30));

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
}
