package dev.azbuild.registry;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends requests to one registry: adds authorization, answers one 401 challenge per request, turns
 * 401/403 into errors naming the credentials' source, and retries transient failures of requests
 * that can be re-sent. Redirects are not followed here (see {@link BlobClient}).
 */
final class RegistryHttp {

  private static final Logger log = LoggerFactory.getLogger(RegistryHttp.class);
  private static final String USER_AGENT = "azbuild";

  private final HttpClient client;
  private final ChallengeResponder auth;
  private final Retrier retrier;

  RegistryHttp(HttpClient client, ChallengeResponder auth, Retrier retrier) {
    this.client = client;
    this.auth = auth;
    this.retrier = retrier;
  }

  /**
   * One client per registry, so its connections are reused across requests: HTTP/2 over TLS where
   * the registry offers it (ALPN; one connection carries every request in flight), HTTP/1.1 over
   * plain HTTP (no h2c upgrade: registries do not speak it, and the upgrade would cost a header on
   * every first request).
   */
  static HttpClient newClient(Duration connectTimeout, boolean tls) {
    return HttpClient.newBuilder()
        .version(tls ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  HttpClient client() {
    return client;
  }

  Retrier retrier() {
    return retrier;
  }

  ChallengeResponder auth() {
    return auth;
  }

  /** Sends the request, retrying transient failures when its body can be re-sent. */
  RegistryResponse send(RegistryRequest request) throws RegistryException {
    if (!request.replayable()) {
      throw new IllegalArgumentException(
          "streamed requests go through sendOnce inside a retry of their own");
    }
    return retrier.call(request.subject(), () -> sendOnce(request));
  }

  /**
   * Sends the request once; a transient failure is thrown for the caller's retry, which must
   * rebuild a streamed body.
   */
  RegistryResponse sendOnce(RegistryRequest request)
      throws IOException, TransientFailure, RegistryException, InterruptedException {
    Optional<String> sent = auth.current(request.scope());
    HttpResponse<InputStream> response = exchange(request, sent);
    if (response.statusCode() == 401) {
      String challenge = response.headers().firstValue("WWW-Authenticate").orElse(null);
      response.body().close();
      if (!request.replayable()) {
        throw auth.unauthorized(request.subject(), 401);
      }
      String answer = auth.answer(challenge, request.scope(), request.subject());
      if (sent.isPresent() && sent.get().equals(answer)) {
        throw auth.unauthorized(request.subject(), 401);
      }
      response = exchange(request, Optional.of(answer));
      if (response.statusCode() == 401) {
        response.body().close();
        throw auth.unauthorized(request.subject(), 401);
      }
    }
    int status = response.statusCode();
    if (status == 403) {
      response.body().close();
      throw auth.unauthorized(request.subject(), 403);
    }
    if (HttpStatus.isTransient(status)) {
      response.body().close();
      throw new TransientFailure(status, request.subject());
    }
    return new RegistryResponse(response);
  }

  private HttpResponse<InputStream> exchange(
      RegistryRequest request, Optional<String> authorization)
      throws IOException, InterruptedException {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(request.uri())
            .method(request.method(), request.publisher())
            .header("User-Agent", USER_AGENT);
    if (request.timeout() != null) {
      builder.timeout(request.timeout());
    }
    request.headers().forEach(builder::header);
    authorization.ifPresent(value -> builder.header("Authorization", value));
    log.trace("{} {}", request.method(), request.uri());
    return client.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
  }
}
