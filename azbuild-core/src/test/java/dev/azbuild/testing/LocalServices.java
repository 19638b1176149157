package dev.azbuild.testing;

import dev.azbuild.docker.DockerDaemon;
import dev.azbuild.docker.DockerOperationException;
import dev.azbuild.registry.CredentialChain;
import dev.azbuild.registry.RegistryOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The services the integration tier runs against, as {@code scripts/services start} describes them
 * in {@code services.env} ({@code $AZBUILD_SERVICES_DIR}, else {@code ~/.azbuild/services}); the
 * defaults are the script's. One helper for every test that needs the Docker daemon, the registries
 * or the AWS emulator; {@link PrivateRegistry} is a registry process of one test.
 */
public final class LocalServices {

  private static final Path DIR = servicesDir();
  private static final Map<String, String> ENV = read(DIR.resolve("services.env"));

  /** The cache registry, {@code 127.0.0.1:5000}. */
  public static final String CACHE = get("AZBUILD_CACHE_REGISTRY", "127.0.0.1:5000");

  /** The deploy registry, {@code 127.0.0.1:5001}. */
  public static final String DEPLOY = get("AZBUILD_DEPLOY_REGISTRY", "127.0.0.1:5001");

  /** The registry that wants a password (htpasswd), {@code 127.0.0.1:5002}. */
  public static final String AUTH = get("AZBUILD_AUTH_REGISTRY", "127.0.0.1:5002");

  /** The user of {@link #AUTH}; its password is {@link #authPassword()}. */
  public static final String AUTH_USER = get("AZBUILD_AUTH_USER", "azbuild");

  /** The AWS emulator (moto), {@code http://127.0.0.1:5003}. */
  public static final String AWS_ENDPOINT = get("AZBUILD_AWS_ENDPOINT", "http://127.0.0.1:5003");

  /** The base image every test image builds on, pushed to the cache registry by the script. */
  public static final String BASE_IMAGE = get("AZBUILD_BASE_IMAGE", CACHE + "/base/busybox:1");

  private LocalServices() {}

  /** The password of {@link #AUTH_USER} on {@link #AUTH}. */
  public static String authPassword() {
    Path file = Path.of(get("AZBUILD_AUTH_PASSWORD_FILE", DIR.resolve("auth/password").toString()));
    try {
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "no registry password at " + file + "; run scripts/services start", e);
    }
  }

  /** Fails fast with the fix when a registry or the emulator is down, not test by test. */
  public static void requireRunning() {
    URI aws = URI.create(AWS_ENDPOINT);
    for (String hostPort : List.of(CACHE, DEPLOY, AUTH, aws.getHost() + ":" + aws.getPort())) {
      int colon = hostPort.lastIndexOf(':');
      try (Socket s = new Socket()) {
        s.connect(
            new InetSocketAddress(
                hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))),
            2000);
      } catch (IOException e) {
        throw new IllegalStateException(hostPort + " is not answering; run scripts/services start");
      }
    }
  }

  /** Options for the loopback registries: no ambient credentials, fast retries. */
  public static RegistryOptions registryOptions() {
    return RegistryOptions.defaults()
        .withCredentials(CredentialChain.none())
        .withRetries(3, Duration.ofMillis(1));
  }

  /** A connection to the daemon the services script started (or {@code DOCKER_HOST}). */
  public static DockerDaemon daemon() throws DockerOperationException {
    DockerDaemon daemon = DockerDaemon.fromEnvironment(System.getenv());
    daemon.ping();
    return daemon;
  }

  /** A suffix that keeps names of one test run apart from other runs on the same registry. */
  public static String uniqueSuffix() {
    return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
  }

  private static Path servicesDir() {
    String dir = System.getenv("AZBUILD_SERVICES_DIR");
    return dir != null && !dir.isBlank()
        ? Path.of(dir)
        : Path.of(System.getProperty("user.home"), ".azbuild", "services");
  }

  private static String get(String key, String fallback) {
    String value = ENV.get(key);
    return value == null || value.isBlank() ? fallback : value;
  }

  private static Map<String, String> read(Path file) {
    Map<String, String> env = new HashMap<>();
    if (!Files.isRegularFile(file)) {
      return env; // the defaults apply
    }
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        int eq = line.indexOf('=');
        if (!line.startsWith("#") && eq > 0) {
          env.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return env;
  }
}
