package dev.azbuild.registry;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import dev.failsafe.function.CheckedSupplier;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries network errors, 429 and 5xx with exponential backoff and jitter (Failsafe); anything
 * else, 401/403/404 included, fails at once. The last failure becomes a one-line {@link
 * RegistryException} naming the registry and what was asked.
 */
final class Retrier {

  private static final Logger log = LoggerFactory.getLogger(Retrier.class);
  private static final Duration MAX_DELAY = Duration.ofSeconds(20);

  /** An action that may fail transiently; other failures are {@link RegistryException}s. */
  @FunctionalInterface
  interface Action<T> {
    T run() throws IOException, TransientFailure, RegistryException, InterruptedException;
  }

  private final String registry;
  private final int attempts;
  private final Duration baseDelay;
  private final RetryPolicy<Object> policy;

  Retrier(String registry, int attempts, Duration baseDelay) {
    this.registry = registry;
    this.attempts = attempts;
    this.baseDelay = baseDelay;
    Duration max = baseDelay.compareTo(MAX_DELAY) < 0 ? MAX_DELAY : baseDelay.multipliedBy(2);
    this.policy =
        RetryPolicy.builder()
            .handle(IOException.class, TransientFailure.class)
            .withMaxAttempts(attempts)
            .withBackoff(baseDelay, max)
            .withJitter(0.25)
            .onRetry(
                e ->
                    log.info(
                        "{}: {}; retrying (attempt {} of {})",
                        registry,
                        describe(e.getLastException()),
                        e.getAttemptCount() + 1,
                        attempts))
            .build();
  }

  /** The same policy under another name (the subject of its log lines and errors). */
  Retrier named(String name) {
    return new Retrier(name, attempts, baseDelay);
  }

  /** Runs the action, retrying transient failures. */
  <T> T call(String subject, Action<T> action) throws RegistryException {
    CheckedSupplier<T> supplier = action::run;
    try {
      return Failsafe.with(policy).get(supplier);
    } catch (FailsafeException e) {
      throw translate(subject, e.getCause() != null ? e.getCause() : e);
    }
  }

  private RegistryException translate(String subject, Throwable failure) {
    if (failure instanceof RegistryException re) {
      return re;
    }
    String tries = attempts == 1 ? "" : " after " + attempts + " attempts";
    if (failure instanceof TransientFailure tf) {
      return new RegistryException(
          registry
              + ": "
              + tf.getMessage()
              + tries
              + "; the registry is failing or throttling, retry later or check its logs",
          tf.status(),
          null);
    }
    if (failure instanceof InterruptedException) {
      Thread.currentThread().interrupt();
      return new RegistryException(registry + ": interrupted during " + subject, failure);
    }
    if (failure instanceof IOException) {
      return new RegistryException(
          registry
              + ": cannot complete "
              + subject
              + " ("
              + describe(failure)
              + ")"
              + tries
              + "; check that the registry is running and the URL is right",
          failure);
    }
    return new RegistryException(
        registry + ": " + subject + " failed: " + describe(failure), failure);
  }

  private static String describe(Throwable t) {
    if (t instanceof TransientFailure) {
      return t.getMessage();
    }
    String message = t.getMessage();
    String type = t.getClass().getSimpleName();
    if (message == null || message.isBlank()) {
      return type;
    }
    int nl = message.indexOf('\n');
    return type + ": " + (nl >= 0 ? message.substring(0, nl) : message);
  }
}
