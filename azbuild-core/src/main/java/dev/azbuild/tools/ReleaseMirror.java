package dev.azbuild.tools;

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
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** GETs release files, retrying what may be transient (I/O errors, 5xx, 429) with backoff. */
final class ReleaseMirror {

  private static final Logger log = LoggerFactory.getLogger(ReleaseMirror.class);

  /** A file the mirror says does not exist (HTTP 404). */
  static final class NotFoundException extends Exception {
    NotFoundException(URI uri) {
      super("HTTP 404 for " + uri);
    }
  }

  private final HttpClient http;
  private final int attempts;
  private final Duration backoff;
  private final Duration requestTimeout;

  /**
   * @param attempts tries per file, at least 1
   * @param backoff wait before the second try; doubled before each further one
   */
  ReleaseMirror(HttpClient http, int attempts, Duration backoff, Duration requestTimeout) {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1: " + attempts);
    }
    this.http = http;
    this.attempts = attempts;
    this.backoff = backoff;
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
    Duration wait = backoff;
    for (int attempt = 1; ; attempt++) {
      String failure;
      IOException cause = null;
      HttpResponse<T> response = null;
      // HttpRequest.timeout only bounds the wait for headers; this bounds the whole download.
      CompletableFuture<HttpResponse<T>> exchange = http.sendAsync(request, handler);
      try {
        response = exchange.get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
        failure = "HTTP " + response.statusCode();
      } catch (ExecutionException e) {
        cause = e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        // the header timeout and the whole-download bound race: report both the same way
        failure =
            cause instanceof java.net.http.HttpTimeoutException ? timedOut() : describe(cause);
      } catch (TimeoutException e) {
        exchange.cancel(true);
        failure = timedOut();
      } catch (InterruptedException e) {
        exchange.cancel(true);
        throw e;
      }
      if (response != null) {
        int status = response.statusCode();
        if (status == 200) {
          return response.body();
        }
        if (status == 404) {
          throw new NotFoundException(uri);
        }
        if (status < 500 && status != 429) {
          throw new IOException("GET " + uri + " failed: " + failure);
        }
      }
      if (attempt >= attempts) {
        throw new IOException(
            "GET "
                + uri
                + " failed after "
                + attempts
                + " attempt"
                + (attempts == 1 ? "" : "s")
                + ": "
                + failure,
            cause);
      }
      log.debug("GET {} failed ({}); retrying in {} ms", uri, failure, wait.toMillis());
      Thread.sleep(wait.toMillis());
      wait = wait.multipliedBy(2);
    }
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
