package dev.azbuild.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azbuild.io.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a registry's {@code 401} challenges: {@code Basic} sends the credentials on every later
 * request; {@code Bearer} fetches a token from the realm (with the credentials, or anonymously when
 * there are none) and caches it per scope until it expires. Credentials are looked up once, on the
 * first challenge, so registries that need none never run a credential helper.
 *
 * <p>Tokens and Authorization values live only in this class and in request headers: they are never
 * logged or put in a message.
 */
final class ChallengeResponder {

  private static final Logger log = LoggerFactory.getLogger(ChallengeResponder.class);
  private static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofSeconds(60);
  private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(10);

  private record Token(String header, Instant expires) {
    boolean valid() {
      return Instant.now().isBefore(expires);
    }

    @Override
    public String toString() {
      return "Token[expires=" + expires + "]";
    }
  }

  private final String registry;
  private final String credentialHost;
  private final CredentialChain chain;
  private final HttpClient client;
  private final Retrier retrier;
  private final Duration timeout;
  private final Map<String, Token> tokens = new ConcurrentHashMap<>();
  private volatile boolean basic;
  private volatile Optional<SourcedCredentials> credentials;

  ChallengeResponder(
      String registry,
      String credentialHost,
      CredentialChain chain,
      HttpClient client,
      Retrier retrier,
      Duration timeout) {
    this.registry = registry;
    this.credentialHost = credentialHost;
    this.chain = chain;
    this.client = client;
    this.retrier = retrier;
    this.timeout = timeout;
  }

  /** The Authorization value to send before any challenge, if one is known for the scope. */
  Optional<String> current(String scope) throws RegistryException {
    if (basic) {
      return credentials().map(c -> basicHeader(c.credentials()));
    }
    Token token = tokens.get(scope);
    return token != null && token.valid() ? Optional.of(token.header()) : Optional.empty();
  }

  /**
   * The Authorization value that answers a 401's {@code WWW-Authenticate} header.
   *
   * @throws RegistryException when the challenge cannot be answered (no credentials for Basic,
   *     token endpoint refusing them, unknown scheme)
   */
  String answer(String wwwAuthenticate, String scope, String subject) throws RegistryException {
    AuthChallenge challenge =
        AuthChallenge.parse(wwwAuthenticate)
            .orElseThrow(
                () ->
                    new RegistryException(
                        "401 Unauthorized from "
                            + registry
                            + " for "
                            + subject
                            + " without a WWW-Authenticate challenge; the registry or a proxy in front of it is misconfigured",
                        401,
                        null));
    if (challenge.isBasic()) {
      log.debug("{}: Basic authentication required", registry);
      SourcedCredentials c = credentials().orElseThrow(() -> unauthorized(subject, 401));
      basic = true;
      return basicHeader(c.credentials());
    }
    if (challenge.isBearer()) {
      Token token = fetchToken(challenge, scope, subject);
      tokens.put(scope, token);
      return token.header();
    }
    throw new RegistryException(
        "401 Unauthorized from "
            + registry
            + " for "
            + subject
            + ": unsupported authentication scheme '"
            + challenge.scheme()
            + "'; only Basic and Bearer are supported",
        401,
        null);
  }

  /** The one-line error for a refused request: names the credentials' source, never the secret. */
  RegistryException unauthorized(String subject, int status) {
    String what =
        status + " " + HttpStatus.reason(status) + " from " + registry + " for " + subject;
    Optional<SourcedCredentials> c = credentials == null ? Optional.empty() : credentials;
    if (c.isPresent()) {
      String fix =
          status == 403
              ? "; they lack permission for this repository: grant it or use other credentials"
              : "; check them";
      return new RegistryException(what + " with " + c.get().describe() + fix, status, null);
    }
    return new RegistryException(
        what
            + " and no credentials found for "
            + credentialHost
            + " (looked in "
            + String.join(", ", chain.sourceNames())
            + "); run 'docker login "
            + credentialHost
            + "' or add a Maven settings.xml <server> with id "
            + credentialHost,
        status,
        null);
  }

  Optional<SourcedCredentials> credentials() throws RegistryException {
    Optional<SourcedCredentials> c = credentials;
    if (c == null) {
      c = chain.lookup(credentialHost);
      c.ifPresentOrElse(
          s -> log.debug("{}: using {}", registry, s.describe()),
          () -> log.debug("{}: no credentials for {}", registry, credentialHost));
      credentials = c;
    }
    return c;
  }

  private Token fetchToken(AuthChallenge challenge, String scope, String subject)
      throws RegistryException {
    String realm =
        challenge
            .param("realm")
            .orElseThrow(
                () ->
                    new RegistryException(
                        "401 Unauthorized from "
                            + registry
                            + " for "
                            + subject
                            + ": Bearer challenge has no realm; the registry is misconfigured",
                        401,
                        null));
    StringBuilder query = new StringBuilder();
    challenge.param("service").ifPresent(s -> append(query, "service", s));
    // The challenge's scope is what the registry wants; several scopes are space-separated.
    for (String s : challenge.param("scope").orElse(scope).split(" ")) {
      if (!s.isBlank()) {
        append(query, "scope", s);
      }
    }
    URI uri = URI.create(realm + (realm.contains("?") ? "&" : "?") + query);
    Optional<SourcedCredentials> c = credentials();
    log.debug("{}: fetching a token for {} from {}", registry, scope, uri.getHost());
    return retrier.call(
        "token for " + subject,
        () -> {
          HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET();
          c.ifPresent(s -> request.header("Authorization", basicHeader(s.credentials())));
          HttpResponse<InputStream> response =
              client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
          try (InputStream body = response.body()) {
            int status = response.statusCode();
            if (status == 401 || status == 403) {
              throw unauthorized(subject, status);
            }
            if (HttpStatus.isTransient(status)) {
              throw new TransientFailure(status, "token for " + subject);
            }
            if (status != 200) {
              throw new RegistryException(
                  "Token endpoint "
                      + uri.getHost()
                      + " answered "
                      + status
                      + " "
                      + HttpStatus.reason(status)
                      + " for "
                      + subject
                      + "; check the registry's auth setup",
                  status,
                  null);
            }
            return parseToken(body.readNBytes(64 * 1024), subject);
          }
        });
  }

  private Token parseToken(byte[] body, String subject) throws RegistryException {
    try {
      JsonNode json = Json.MAPPER.readTree(body);
      String token = json.path("token").asText(json.path("access_token").asText(""));
      if (token.isEmpty()) {
        throw new IOException("no token field");
      }
      long seconds = json.path("expires_in").asLong(DEFAULT_TOKEN_LIFETIME.toSeconds());
      Instant expires = Instant.now().plusSeconds(Math.max(seconds, 0)).minus(EXPIRY_MARGIN);
      return new Token("Bearer " + token, expires);
    } catch (IOException e) {
      throw new RegistryException(
          "Token endpoint of "
              + registry
              + " gave no token for "
              + subject
              + "; check the registry's auth setup",
          e);
    }
  }

  private static void append(StringBuilder query, String name, String value) {
    if (!query.isEmpty()) {
      query.append('&');
    }
    query.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
  }

  private static String basicHeader(Credentials c) {
    String pair = c.username() + ":" + c.secret();
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }
}
