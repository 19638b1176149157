package dev.azbuild.tools;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A release mirror on 127.0.0.1 laid out like releases.hashicorp.com/terraform: serves files
 * registered under {@code /terraform/<version>/<name>}, answers 404 for anything else, and records
 * every request path.
 */
final class MirrorServer implements AutoCloseable {

  /** Runs before a file is served; may delay it (to force a race) or answer instead. */
  interface Hook {
    /**
     * @return a status to answer instead of serving the file, or 0 to serve it
     */
    int before(String path) throws Exception;
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Map<String, Path> files = new ConcurrentHashMap<>();
  private final Map<String, Deque<Integer>> scriptedStatuses = new ConcurrentHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private volatile Hook hook = path -> 0;

  MirrorServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    // Handlers may block (race tests); the default executor is the single dispatcher thread.
    server.setExecutor(executor);
    server.start();
  }

  /** The mirror base URL, {@code http://127.0.0.1:PORT/terraform/}. */
  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/terraform/");
  }

  void serve(String version, String name, Path file) {
    files.put("/terraform/" + version + "/" + name, file);
  }

  /** The next requests for {@code name} answer these statuses, then the file is served again. */
  void failNext(String version, String name, Integer... statuses) {
    scriptedStatuses.put("/terraform/" + version + "/" + name, new ArrayDeque<>(List.of(statuses)));
  }

  void hook(Hook hook) {
    this.hook = hook;
  }

  List<String> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      requests.add(path);
      int status;
      try {
        status = hook.before(path);
      } catch (Exception e) {
        status = 500;
      }
      Deque<Integer> scripted = scriptedStatuses.get(path);
      Integer next = scripted == null ? null : scripted.poll();
      if (status == 0 && next != null) {
        status = next;
      }
      Path file = files.get(path);
      if (status == 0 && file == null) {
        status = 404;
      }
      if (status != 0) {
        exchange.sendResponseHeaders(status, -1);
        return;
      }
      exchange.sendResponseHeaders(200, Files.size(file));
      try (OutputStream out = exchange.getResponseBody()) {
        Files.copy(file, out);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
