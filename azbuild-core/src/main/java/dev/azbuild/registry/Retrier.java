package dev.azbuild.registry;

import dev.azbuild.io.Retries;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import dev.failsafe.function.CheckedSupplier;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries network errors, 429 and 5xx as {@link Retries} says (Failsafe: backoff with jitter, a
 * number of attempts, a time budget); anything else, 401/403/404 included, fails at once. The last
 * failure becomes a one-line {@link RegistryException} naming the registry, what was asked, and how
 * many attempts took how long.
 */
final class Retrier {

  private static final Logger log = LoggerFactory.getLogger(Retrier.class);

  /** An action that may fail transiently; other failures are {@link RegistryException}s. */
  @FunctionalInterface
  interface Action<T> {
    T run() throws IOException, TransientFailure, RegistryException, InterruptedException;
  }

  private final String registry;
  private final Retries retries;
  private final RetryPolicy<Object> policy;

  Retrier(String registry, Retries retries) {
    this.registry = registry;
    this.retries = retries;
    this.policy =
        retries
            .policy(IOException.class, TransientFailure.class)
            .onRetry(
                e ->
                    log.info(
                        "{}: {}; retrying (attempt {} of {})",
                        registry,
                        describe(e.getLastException()),
                        e.getAttemptCount() + 1,
                        retries.attempts()))
            .build();
  }

  /** The same policy under another name (the subject of its log lines and errors). */
  Retrier named(String name) {
    return new Retrier(name, retries);
  }

  /** Runs the action, retrying transient failures. */
  <T> T call(String subject, Action<T> action) throws RegistryException {
    AtomicInteger attempts = new AtomicInteger();
    long start = System.nanoTime();
    CheckedSupplier<T> supplier =
        () -> {
          attempts.incrementAndGet();
          return action.run();
        };
    try {
      return Failsafe.with(policy).get(supplier);
    } catch (FailsafeException e) {
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      throw translate(subject, e.getCause() != null ? e.getCause() : e, attempts.get(), elapsed);
    }
  }

  private RegistryException translate(
      String subject, Throwable failure, int attempts, Duration elapsed) {
    if (failure instanceof RegistryException re) {
      return re;
    }
    String spent = Retries.spent(attempts, elapsed);
    if (failure instanceof TransientFailure tf) {
      return new RegistryException(
          registry
              + ": "
              + tf.getMessage()
              + " "
              + spent
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
              + ") "
              + spent
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
