package dev.azbuild.tools;

import dev.azbuild.io.Retries;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GETs release files, retrying what may be transient (I/O errors, timeouts, 5xx, 429) as {@link
 * Retries} says.
 */
final class ReleaseMirror {

  private static final Logger log = LoggerFactory.getLogger(ReleaseMirror.class);

  /** A file the mirror says does not exist (HTTP 404). */
  static final class NotFoundException extends Exception {
    NotFoundException(URI uri) {
      super("HTTP 404 for " + uri);
    }
  }

  /** A failure worth another attempt: an I/O error, a timeout, 5xx or 429. */
  private static final class Transient extends Exception {
    final String failure;

    Transient(String failure, IOException cause) {
      super(failure, cause, false, false);
      this.failure = failure;
    }
  }

  private final HttpClient http;
  private final Retries retries;
  private final Duration requestTimeout;

  /**
   * @param retries attempts per file, the backoff between them and the time budget
   */
  ReleaseMirror(HttpClient http, Retries retries, Duration requestTimeout) {
    this.http = http;
    this.retries = retries;
    this.requestTimeout = requestTimeout;
  }

  String getString(URI uri) throws IOException, NotFoundException, InterruptedException {
    return get(uri, () -> BodySubscribers.ofString(StandardCharsets.UTF_8));
  }

  /** Downloads into {@code file}, replacing what an earlier, failed try wrote. */
  void download(URI uri, Path file) throws IOException, NotFoundException, InterruptedException {
    get(
        uri,
        () ->
            BodySubscribers.ofFile(
                file,
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING));
  }

  /**
   * @param ok makes the subscriber for a 200 body; a fresh one per try, as subscribers are
   *     single-use
   */
  private <T> T get(URI uri, Supplier<HttpResponse.BodySubscriber<T>> ok)
      throws IOException, NotFoundException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(requestTimeout).GET().build();
    // Only a 200 body is kept; error bodies are discarded instead of landing in the file.
    BodyHandler<T> handler =
        info -> info.statusCode() == 200 ? ok.get() : BodySubscribers.replacing(null);
    RetryPolicy<T> policy =
        retries
            .<T>policy(Transient.class)
            .onRetry(
                e ->
                    log.debug(
                        "GET {} failed ({}); attempt {} of {}",
                        uri,
                        e.getLastException().getMessage(),
                        e.getAttemptCount() + 1,
                        retries.attempts()))
            .build();
    AtomicInteger attempts = new AtomicInteger();
    long start = System.nanoTime();
    try {
      return Failsafe.with(policy)
          .get(
              () -> {
                attempts.incrementAndGet();
                return once(uri, request, handler);
              });
    } catch (FailsafeException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Transient t) {
        throw new IOException(
            "GET "
                + uri
                + " failed "
                + Retries.spent(attempts.get(), Duration.ofNanos(System.nanoTime() - start))
                + ": "
                + t.failure,
            t.getCause());
      }
      if (cause instanceof NotFoundException notFound) {
        throw notFound;
      }
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof InterruptedException interrupted) {
        throw interrupted;
      }
      throw e;
    }
  }

  /** One GET: the body of a 200, else a final or a transient failure. */
  private <T> T once(URI uri, HttpRequest request, BodyHandler<T> handler)
      throws IOException, NotFoundException, InterruptedException, Transient {
    // HttpRequest.timeout only bounds the wait for headers; this bounds the whole download.
    CompletableFuture<HttpResponse<T>> exchange = http.sendAsync(request, handler);
    HttpResponse<T> response;
    try {
      response = exchange.get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      IOException cause =
          e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
      // the header timeout and the whole-download bound race: report both the same way
      throw new Transient(
          cause instanceof java.net.http.HttpTimeoutException ? timedOut() : describe(cause),
          cause);
    } catch (TimeoutException e) {
      exchange.cancel(true);
      throw new Transient(timedOut(), null);
    } catch (InterruptedException e) {
      exchange.cancel(true);
      throw e;
    }
    int status = response.statusCode();
    if (status == 200) {
      return response.body();
    }
    if (status == 404) {
      throw new NotFoundException(uri);
    }
    if (status < 500 && status != 429) {
      throw new IOException("GET " + uri + " failed: HTTP " + status);
    }
    throw new Transient("HTTP " + status, null);
  }

  private String timedOut() {
    return "no complete response within " + requestTimeout.toMillis() + " ms";
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName()
        + (message == null || message.isBlank() ? "" : ": " + message);
  }
}
