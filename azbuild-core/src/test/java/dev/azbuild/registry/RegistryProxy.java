package dev.azbuild.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP proxy in front of a local registry, for what the registry itself cannot show: which
 * requests a client sent, injected 503s (retries), and Bearer token auth with a token endpoint (the
 * local registries only do Basic). Loopback only; bounded by the test's requests.
 */
final class RegistryProxy implements AutoCloseable {

  static final String TOKEN = "proxy-token-" + TestImages.RUN;
  private static final Set<String> PASSED_HEADERS =
      Set.of(
          "content-type",
          "docker-content-digest",
          "docker-upload-uuid",
          "range",
          "docker-distribution-api-version");

  private final String upstream;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private final AtomicInteger tokenRequests = new AtomicInteger();
  private volatile int failureStatus;
  private volatile String failurePrefix = "";
  private volatile String bearerBasic;
  private volatile String refusedConfigType;

  private RegistryProxy(String upstream) throws IOException {
    this.upstream = upstream;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  static RegistryProxy to(String upstreamHost) throws IOException {
    return new RegistryProxy(upstreamHost);
  }

  String host() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  /** "METHOD /path" of every registry request, without query strings. */
  List<String> requests() {
    return List.copyOf(requests);
  }

  void clear() {
    requests.clear();
  }

  void failNext(int count, int status) {
    failMatching("", count, status);
  }

  /** Fails the next requests whose "METHOD /path" starts with the prefix. */
  void failMatching(String prefix, int count, int status) {
    failurePrefix = prefix;
    failureStatus = status;
    failuresLeft.set(count);
  }

  /** Demands {@code Bearer} tokens, handed out by {@code /token} for these Basic credentials. */
  void requireBearer(String user, String password) {
    bearerBasic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Answers {@code 400 MANIFEST_INVALID} to manifest PUTs whose config has this media type, as
   * registries that accept only container images do.
   */
  void refuseConfigType(String mediaType) {
    refusedConfigType = mediaType;
  }

  int tokenRequests() {
    return tokenRequests.get();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getRawPath();
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      if (path.equals("/token")) {
        token(exchange);
        return;
      }
      requests.add(method + " " + path);
      if ((method + " " + path).startsWith(failurePrefix)
          && failuresLeft.getAndUpdate(n -> Math.max(n - 1, 0)) > 0) {
        exchange.sendResponseHeaders(failureStatus, -1);
        return;
      }
      String refused = refusedConfigType;
      if (refused != null
          && method.equals("PUT")
          && path.contains("/manifests/")
          && new String(body, StandardCharsets.UTF_8)
              .contains("\"mediaType\":\"" + refused + "\"")) {
        byte[] error =
            ("{\"errors\":[{\"code\":\"MANIFEST_INVALID\",\"message\":\"manifest invalid\","
                    + "\"detail\":\"unsupported config media type\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(400, error.length);
        exchange.getResponseBody().write(error);
        return;
      }
      if (bearerBasic != null
          && !("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        exchange
            .getResponseHeaders()
            .add(
                "WWW-Authenticate",
                "Bearer realm=\"http://"
                    + host()
                    + "/token\",service=\"proxy\",scope=\""
                    + scope(method, path)
                    + "\"");
        exchange.sendResponseHeaders(401, -1);
        return;
      }
      forward(exchange, method, body);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void token(HttpExchange exchange) throws IOException {
    tokenRequests.incrementAndGet();
    if (!bearerBasic.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      exchange.sendResponseHeaders(401, -1);
      return;
    }
    byte[] json =
        ("{\"token\":\"" + TOKEN + "\",\"expires_in\":300}").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, json.length);
    exchange.getResponseBody().write(json);
  }

  private static String scope(String method, String path) {
    String name = path.replaceFirst("^/v2/", "").replaceFirst("/(manifests|blobs)/.*$", "");
    boolean read = method.equals("GET") || method.equals("HEAD");
    return "repository:" + name + ":" + (read ? "pull" : "pull,push");
  }

  private void forward(HttpExchange exchange, String method, byte[] body)
      throws IOException, InterruptedException {
    URI target = URI.create("http://" + upstream + exchange.getRequestURI());
    HttpRequest.Builder request =
        HttpRequest.newBuilder(target)
            .method(
                method,
                body.length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    for (String name : List.of("Accept", "Content-Type")) {
      String value = exchange.getRequestHeaders().getFirst(name);
      if (value != null) {
        request.header(name, value);
      }
    }
    HttpResponse<byte[]> response =
        client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    response
        .headers()
        .map()
        .forEach(
            (name, values) -> {
              if (PASSED_HEADERS.contains(name.toLowerCase())) {
                values.forEach(v -> exchange.getResponseHeaders().add(name, v));
              }
            });
    response
        .headers()
        .firstValue("Location")
        .ifPresent(
            location ->
                exchange
                    .getResponseHeaders()
                    .add("Location", location.replace("http://" + upstream, "http://" + host())));
    byte[] out = response.body();
    boolean noBody = method.equals("HEAD") || out.length == 0;
    exchange.sendResponseHeaders(response.statusCode(), noBody ? -1 : out.length);
    if (!noBody) {
      try (OutputStream os = exchange.getResponseBody()) {
        os.write(out);
      }
    }
  }
}
