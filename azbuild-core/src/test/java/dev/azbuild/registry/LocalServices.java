package dev.azbuild.registry;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The registries and AWS emulator started by {@code scripts/services}, read from {@code
 * ~/.azbuild/services/services.env} (defaults match the script).
 */
final class LocalServices {

  static final Path ENV_FILE =
      Path.of(System.getProperty("user.home"), ".azbuild", "services", "services.env");
  private static final Map<String, String> ENV = read();

  static final String CACHE = get("AZBUILD_CACHE_REGISTRY", "127.0.0.1:5000");
  static final String DEPLOY = get("AZBUILD_DEPLOY_REGISTRY", "127.0.0.1:5001");
  static final String AUTH = get("AZBUILD_AUTH_REGISTRY", "127.0.0.1:5002");
  static final String AUTH_USER = get("AZBUILD_AUTH_USER", "azbuild");
  static final String AWS_ENDPOINT = get("AZBUILD_AWS_ENDPOINT", "http://127.0.0.1:5003");
  static final String BASE_IMAGE = get("AZBUILD_BASE_IMAGE", CACHE + "/base/busybox:1");

  private LocalServices() {}

  static String authPassword() {
    Path file =
        Path.of(
            get(
                "AZBUILD_AUTH_PASSWORD_FILE",
                ENV_FILE.resolveSibling("auth").resolve("password").toString()));
    try {
      return Files.readString(file, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read " + file + "; run scripts/services start", e);
    }
  }

  /** Fails fast with the fix when a service is down, instead of timing out test by test. */
  static void requireRunning() {
    for (String hostPort : List.of(CACHE, DEPLOY, AUTH, Hosts.bareHost(AWS_ENDPOINT))) {
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
  static RegistryOptions options() {
    return RegistryOptions.defaults()
        .withCredentials(CredentialChain.none())
        .withRetries(3, java.time.Duration.ofMillis(1));
  }

  private static String get(String key, String fallback) {
    String value = ENV.get(key);
    return value == null || value.isBlank() ? fallback : value;
  }

  private static Map<String, String> read() {
    Map<String, String> env = new HashMap<>();
    try {
      for (String line : Files.readAllLines(ENV_FILE)) {
        int eq = line.indexOf('=');
        if (!line.startsWith("#") && eq > 0) {
          env.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
        }
      }
    } catch (IOException e) {
      // Defaults apply.
    }
    return env;
  }
}
