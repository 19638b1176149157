package dev.azbuild.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A host that is a web server, not a registry, is named as such instead of its 404 being taken for
 * a missing image; a registry's 404 stays "missing". A JDK HTTP server on the loopback plays both.
 */
class ApiCheckTest {

  private static final String PAGE =
      "<!DOCTYPE html><html><head><title>404 Not Found</title></head><body><h1>Not"
          + " Found</h1></body></html>";

  /** What the server answers: status, content type, body; by request path. */
  private record Answer(int status, String type, String body, boolean apiHeader) {}

  private final List<String> requests = new CopyOnWriteArrayList<>();
  private HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void aWebServersHtml404IsNotAMissingImage() throws Exception {
    serve(path -> new Answer(404, "text/html; charset=utf-8", PAGE, false));

    try (Registry registry = registry()) {
      assertThatThrownBy(() -> registry.exists("app", "cache-abc"))
          .isInstanceOf(RegistryException.class)
          .hasMessage(
              host()
                  + " is not a container registry: GET http://"
                  + host()
                  + "/v2/ answered 404 Not Found (text/html) with the page \"404 Not Found\","
                  + " where a registry answers 200 or 401 with a Docker-Distribution-API-Version"
                  + " header; check the registry URL (azbuild.cacheRegistry,"
                  + " azbuild.deployRegistry): host[:port] of a Docker or OCI registry, not of a"
                  + " web server");
      // asked once per client: the second 404 gets the same answer without a new /v2/ request
      assertThatThrownBy(() -> registry.exists("web", "cache-def"))
          .hasMessageContaining("is not a container registry");
    }
    assertThat(requests.stream().filter(r -> r.equals("GET /v2/")).count()).isEqualTo(1);
  }

  @Test
  void aPageServedForEveryPathIsNoManifest() throws Exception {
    // a single-page app answers 200 with the same page for any path
    serve(path -> new Answer(200, "text/html", "<html><body>Welcome</body></html>", false));

    try (Registry registry = registry()) {
      assertThatThrownBy(() -> registry.exists("app", "latest"))
          .hasMessageStartingWith(
              host()
                  + " is not a container registry: GET http://"
                  + host()
                  + "/v2/ answered 200 OK (text/html) with the page \"Welcome\"");
    }
  }

  @Test
  void aRegistrys404IsAMissingImage() throws Exception {
    serve(
        path ->
            path.equals("/v2/")
                ? new Answer(200, "application/json", "{}", true)
                : new Answer(
                    404,
                    "application/json",
                    "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest"
                        + " unknown\"}]}",
                    true));

    try (Registry registry = registry()) {
      assertThat(registry.exists("app", "cache-abc")).isFalse();
      assertThat(registry.exists("web", "cache-def")).isFalse();
    }
    assertThat(requests.stream().filter(r -> r.equals("GET /v2/")).count()).isEqualTo(1);
  }

  @Test
  void aRegistryThatNeedsALoginIsARegistry() throws Exception {
    serve(
        path ->
            path.equals("/v2/")
                ? new Answer(401, "application/json", "{\"errors\":[]}", false)
                : new Answer(404, "application/json", "{}", false));

    try (Registry registry = registry()) {
      assertThat(registry.exists("app", "cache-abc")).isFalse();
    }
  }

  private Registry registry() throws RegistryException {
    return Registries.forUrl(
        host(),
        RegistryOptions.defaults()
            .withCredentials(CredentialChain.none())
            .withRetries(1, Duration.ofMillis(1)));
  }

  private String host() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  private void serve(Function<String, Answer> answers) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
          respond(exchange, answers.apply(exchange.getRequestURI().getPath()));
        });
    server.start();
  }

  private static void respond(HttpExchange exchange, Answer answer) throws IOException {
    byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", answer.type());
    if (answer.apiHeader()) {
      exchange.getResponseHeaders().set("Docker-Distribution-API-Version", "registry/2.0");
    }
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(answer.status(), head ? -1 : body.length);
    if (!head) {
      exchange.getResponseBody().write(body);
    }
    exchange.close();
  }
}
