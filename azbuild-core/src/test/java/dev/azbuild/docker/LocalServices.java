package dev.azbuild.docker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The local daemon and registries the docker tests run against, as {@code scripts/services start}
 * describes them in {@code services.env}.
 */
final class LocalServices {

  private static final Map<String, String> ENV = load();

  private LocalServices() {}

  static String cacheRegistry() {
    return ENV.getOrDefault("AZBUILD_CACHE_REGISTRY", "127.0.0.1:5000");
  }

  static String authRegistry() {
    return ENV.getOrDefault("AZBUILD_AUTH_REGISTRY", "127.0.0.1:5002");
  }

  static String authUser() {
    return ENV.getOrDefault("AZBUILD_AUTH_USER", "azbuild");
  }

  static String authPassword() {
    Path file =
        Path.of(
            ENV.getOrDefault(
                "AZBUILD_AUTH_PASSWORD_FILE", servicesDir().resolve("auth/password").toString()));
    try {
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "no registry password at " + file + "; run scripts/services start", e);
    }
  }

  static String baseImage() {
    return ENV.getOrDefault("AZBUILD_BASE_IMAGE", "127.0.0.1:5000/base/busybox:1");
  }

  /**
   * A suffix that keeps repository names of one test run apart from other runs on the same
   * registry.
   */
  static String uniqueSuffix() {
    return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
  }

  /** A connection to the daemon the services script started (or DOCKER_HOST). */
  static DockerDaemon daemon() throws DockerOperationException {
    DockerDaemon daemon = DockerDaemon.fromEnvironment(System.getenv());
    daemon.ping();
    return daemon;
  }

  private static Path servicesDir() {
    String dir = System.getenv("AZBUILD_SERVICES_DIR");
    return dir != null
        ? Path.of(dir)
        : Path.of(System.getProperty("user.home"), ".azbuild", "services");
  }

  private static Map<String, String> load() {
    Map<String, String> env = new HashMap<>();
    Path file = servicesDir().resolve("services.env");
    if (Files.isRegularFile(file)) {
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
    }
    return env;
  }
}
