package dev.azbuild.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection to one Docker daemon. Create one per execution and share it between threads:
 * docker-java clients are thread-safe, and this class holds no other state. Close it when done.
 */
public final class DockerDaemon implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DockerDaemon.class);
  static final List<String> WIRE_LOGGERS =
      List.of("org.apache.hc.client5.http.headers", "org.apache.hc.client5.http.wire");
  private static final Pattern JSON_MESSAGE =
      Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

  /** Where the daemon listens when {@code DOCKER_HOST} is not set. */
  public static final String DEFAULT_HOST = "unix:///var/run/docker.sock";

  /** Fails fast when nothing listens, yet tolerates a loaded daemon. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);

  // An inactivity limit, not a total: a RUN step may print nothing for a long time.
  static final Duration RESPONSE_TIMEOUT = Duration.ofMinutes(30);
  // Parallel module builds (-T) each hold a streaming connection.
  private static final int MAX_CONNECTIONS = 32;

  private final String host;
  private final DockerClient client;

  private DockerDaemon(String host, DockerClient client) {
    this.host = host;
    this.client = client;
  }

  /**
   * Connects as the docker CLI would: {@code DOCKER_HOST} (with {@code DOCKER_TLS_VERIFY} and
   * {@code DOCKER_CERT_PATH} for TLS) from {@code env}, else {@value #DEFAULT_HOST}.
   *
   * @param env the process environment, usually {@code System.getenv()}
   */
  public static DockerDaemon fromEnvironment(Map<String, String> env) {
    String host = nonEmpty(env.get("DOCKER_HOST")).orElse(DEFAULT_HOST);
    DefaultDockerClientConfig.Builder config =
        DefaultDockerClientConfig.createDefaultConfigBuilder()
            .withDockerHost(host)
            .withDockerTlsVerify("1".equals(env.get("DOCKER_TLS_VERIFY")));
    nonEmpty(env.get("DOCKER_CERT_PATH")).ifPresent(config::withDockerCertPath);
    return connect(config.build());
  }

  /**
   * Connects to the daemon at {@code host} ({@code unix:///path} or {@code tcp://host:port}),
   * without TLS.
   */
  public static DockerDaemon connect(String host) {
    Objects.requireNonNull(host, "host");
    return connect(
        DefaultDockerClientConfig.createDefaultConfigBuilder()
            .withDockerHost(host)
            .withDockerTlsVerify(false)
            .build());
  }

  private static DockerDaemon connect(DockerClientConfig config) {
    quietHttpWireLogs();
    ApacheDockerHttpClient http =
        new ApacheDockerHttpClient.Builder()
            .dockerHost(config.getDockerHost())
            .sslConfig(config.getSSLConfig())
            .maxConnections(MAX_CONNECTIONS)
            .connectionTimeout(CONNECT_TIMEOUT)
            .responseTimeout(RESPONSE_TIMEOUT)
            .build();
    return new DockerDaemon(
        config.getDockerHost().toString(), DockerClientImpl.getInstance(config, http));
  }

  /**
   * Keeps Apache HttpClient's header and wire logs at info. At debug ({@code mvn -X}) they print
   * the {@code X-Registry-Auth} header, registry credentials in base64, and every byte of the build
   * context. Works with SimpleLogger-based SLF4J bindings (Maven's own, slf4j-simple), which read a
   * logger's level from system properties when the logger is created; an explicit setting wins.
   */
  static void quietHttpWireLogs() {
    for (String logger : WIRE_LOGGERS) {
      String key = "org.slf4j.simpleLogger.log." + logger;
      if (System.getProperty(key) == null) {
        System.setProperty(key, "info");
      }
    }
  }

  /** The daemon address, e.g. {@code unix:///var/run/docker.sock}. */
  public String host() {
    return host;
  }

  /**
   * Checks that the daemon answers.
   *
   * @throws DaemonUnreachableException with a one-line message when it does not
   */
  public void ping() throws DaemonUnreachableException {
    try {
      client.pingCmd().exec();
    } catch (RuntimeException e) {
      throw unreachable(e);
    }
  }

  /** The docker-java client; only this package talks docker-java. */
  DockerClient client() {
    return client;
  }

  /**
   * Whether a failure means the daemon itself could not be reached (as opposed to the daemon
   * answering with an error), judged from the cause chain.
   */
  static boolean isConnectionFailure(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      // httpclient's HttpHostConnectException is a ConnectException; a missing unix socket is a
      // plain SocketException ("No such file or directory").
      String message = String.valueOf(t.getMessage());
      if (t instanceof ConnectException
          || (t instanceof SocketException
              && (message.contains("No such file") || message.contains("Connection refused")))) {
        return true;
      }
    }
    return false;
  }

  DaemonUnreachableException unreachable(Throwable failure) {
    return new DaemonUnreachableException(host, rootMessage(failure), failure);
  }

  /**
   * The innermost message of a cause chain, which names the real problem ("Connection refused").
   */
  static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null || message.isBlank()
        ? root.getClass().getSimpleName()
        : oneLine(message);
  }

  /**
   * The message of a failure as the daemon put it: docker-java wraps daemon errors as {@code Status
   * 404: {"message":"..."}}; other failures give their innermost message.
   */
  static String errorMessage(Throwable failure) {
    if (failure instanceof com.github.dockerjava.api.exception.DockerException) {
      Matcher m = JSON_MESSAGE.matcher(String.valueOf(failure.getMessage()));
      if (m.find()) {
        return m.group(1).replace("\\\"", "\"").replace("\\\\", "\\");
      }
    }
    return rootMessage(failure);
  }

  static String oneLine(String text) {
    return text.strip().replaceAll("\\s*\\R\\s*", " | ");
  }

  private static Optional<String> nonEmpty(String value) {
    return Optional.ofNullable(value).filter(v -> !v.isBlank());
  }

  @Override
  public void close() {
    try {
      client.close();
    } catch (IOException e) {
      LOG.debug("closing the docker client for {}: {}", host, e.toString());
    }
  }
}
