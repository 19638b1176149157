package dev.azbuild.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A docker-registry process of one test, on a free port with its own storage, writing its access
 * log (one line per request, Apache combined format; see {@code scripts/services}) to a file, so a
 * test can count the requests a client sent and kill it at will. The shared registries of {@code
 * scripts/services} are never touched. Killed on {@link #close()}, at the latest when the JVM
 * exits.
 */
public final class PrivateRegistry implements AutoCloseable {

  private final Path dir;
  private final int port;
  private final Process process;

  private PrivateRegistry(Path dir) throws IOException {
    this.dir = dir;
    this.port = freePort();
    Path config = dir.resolve("config.yml");
    Files.writeString(
        config,
        """
        version: 0.1
        log:
          level: info
          formatter: text
          accesslog:
            disabled: false
        storage:
          filesystem:
            rootdirectory: %s
          delete:
            enabled: true
        http:
          addr: 127.0.0.1:%d
          secret: unit-test-private-registry
        """
            .formatted(dir.resolve("storage"), port));
    String bin =
        List.of("/usr/bin/docker-registry", "/usr/local/bin/docker-registry").stream()
            .filter(p -> Files.isExecutable(Path.of(p)))
            .findFirst()
            .orElse("docker-registry");
    this.process =
        new ProcessBuilder(bin, "serve", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("registry.log").toFile())
            .start();
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
  }

  /** Starts one in {@code dir} and waits until {@code /v2/} answers. */
  public static PrivateRegistry start(Path dir) throws IOException, InterruptedException {
    PrivateRegistry registry = new PrivateRegistry(dir);
    for (int i = 0; i < 200; i++) {
      try {
        HttpURLConnection c =
            (HttpURLConnection)
                URI.create("http://" + registry.host() + "/v2/").toURL().openConnection();
        if (c.getResponseCode() == 200) {
          return registry;
        }
      } catch (IOException e) {
        // not up yet
      }
      if (!registry.process.isAlive()) {
        throw new IllegalStateException(
            "docker-registry exited: " + Files.readString(dir.resolve("registry.log")));
      }
      Thread.sleep(100);
    }
    registry.close();
    throw new IllegalStateException(
        "docker-registry on " + registry.host() + " did not answer within 20 s");
  }

  public String host() {
    return "127.0.0.1:" + port;
  }

  /**
   * The requests served so far, as {@code METHOD URI} (e.g. {@code PUT /v2/app/manifests/main}), in
   * order.
   */
  public List<String> requests() {
    try {
      return Files.readAllLines(dir.resolve("registry.log")).stream()
          .filter(line -> line.startsWith("127.0.0.1 "))
          .map(line -> line.substring(line.indexOf('"') + 1, line.indexOf(" HTTP/")))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The requests after the first {@code skip}, once the log has stopped growing (lines are written
   * after the response).
   */
  public List<String> requestsAfter(int skip) throws InterruptedException {
    List<String> last = requests();
    for (int i = 0; i < 20; i++) {
      Thread.sleep(50);
      List<String> now = requests();
      if (now.size() == last.size()) {
        break;
      }
      last = now;
    }
    return last.subList(Math.min(skip, last.size()), last.size());
  }

  @Override
  public void close() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
