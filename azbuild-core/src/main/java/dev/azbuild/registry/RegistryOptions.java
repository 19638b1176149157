package dev.azbuild.registry;

import dev.azbuild.io.Retries;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Settings shared by every registry azbuild talks to. Null strings mean "not set".
 *
 * @param insecureHosts hosts ({@code host} or {@code host:port}) reached over plain HTTP; loopback
 *     hosts always are
 * @param awsEndpoint ECR control-plane endpoint override ({@code azbuild.aws.endpoint}, e.g. an
 *     emulator at {@code http://127.0.0.1:5003}); null for AWS
 * @param awsRegion region for an ECR host whose region this SDK does not know yet (the host name's
 *     region wins otherwise, so a cache and a deploy registry can be in different regions); null
 *     for none
 * @param ecrDataPlane {@code host:port} serving the OCI API for ECR hosts instead of the ECR host
 *     itself (emulators have no image storage), or per ECR host or region: {@code
 *     us-east-2=127.0.0.1:5000,eu-west-2=127.0.0.1:5001} (hosts not listed use ECR); null for the
 *     ECR hosts
 * @param ecrImageAccess how ECR images are read and re-tagged
 * @param retries how requests failing with a network error, 429 or 5xx are retried: attempts,
 *     backoff, the time after which no new attempt starts
 * @param timeout connect timeout and time to the response headers of small requests
 * @param credentials where registry credentials come from
 */
public record RegistryOptions(
    Set<String> insecureHosts,
    String awsEndpoint,
    String awsRegion,
    String ecrDataPlane,
    EcrImageAccess ecrImageAccess,
    Retries retries,
    Duration timeout,
    CredentialChain credentials) {

  /** Registry requests wait less than a push between attempts: 200 ms, 400 ms, ... */
  public static final Retries DEFAULT_RETRIES =
      Retries.DEFAULT.withDelays(Duration.ofMillis(200), Duration.ofSeconds(20));

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  public RegistryOptions {
    insecureHosts = Set.copyOf(insecureHosts);
    Objects.requireNonNull(ecrImageAccess, "ecrImageAccess");
    Objects.requireNonNull(retries, "retries");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(credentials, "credentials");
  }

  /** Default docker config credentials, 3 attempts from 200 ms within 2 minutes, AWS endpoints. */
  public static RegistryOptions defaults() {
    return new RegistryOptions(
        Set.of(),
        null,
        null,
        null,
        EcrImageAccess.AUTO,
        DEFAULT_RETRIES,
        DEFAULT_TIMEOUT,
        CredentialChain.defaults());
  }

  public RegistryOptions withInsecureHosts(Set<String> hosts) {
    return new RegistryOptions(
        hosts, awsEndpoint, awsRegion, ecrDataPlane, ecrImageAccess, retries, timeout, credentials);
  }

  public RegistryOptions withAwsEndpoint(String endpoint) {
    return new RegistryOptions(
        insecureHosts,
        endpoint,
        awsRegion,
        ecrDataPlane,
        ecrImageAccess,
        retries,
        timeout,
        credentials);
  }

  public RegistryOptions withAwsRegion(String region) {
    return new RegistryOptions(
        insecureHosts,
        awsEndpoint,
        region,
        ecrDataPlane,
        ecrImageAccess,
        retries,
        timeout,
        credentials);
  }

  public RegistryOptions withEcrDataPlane(String hostAndPort) {
    return new RegistryOptions(
        insecureHosts,
        awsEndpoint,
        awsRegion,
        hostAndPort,
        ecrImageAccess,
        retries,
        timeout,
        credentials);
  }

  public RegistryOptions withEcrImageAccess(EcrImageAccess access) {
    return new RegistryOptions(
        insecureHosts, awsEndpoint, awsRegion, ecrDataPlane, access, retries, timeout, credentials);
  }

  /** {@code attempts} tries, waiting from {@code baseDelay}; the default budget. */
  public RegistryOptions withRetries(int attempts, Duration baseDelay) {
    return withRetries(
        retries.withAttempts(attempts).withDelays(baseDelay, DEFAULT_RETRIES.maxDelay()));
  }

  public RegistryOptions withRetries(Retries newRetries) {
    return new RegistryOptions(
        insecureHosts,
        awsEndpoint,
        awsRegion,
        ecrDataPlane,
        ecrImageAccess,
        newRetries,
        timeout,
        credentials);
  }

  public RegistryOptions withTimeout(Duration newTimeout) {
    return new RegistryOptions(
        insecureHosts,
        awsEndpoint,
        awsRegion,
        ecrDataPlane,
        ecrImageAccess,
        retries,
        newTimeout,
        credentials);
  }

  public RegistryOptions withCredentials(CredentialChain chain) {
    return new RegistryOptions(
        insecureHosts,
        awsEndpoint,
        awsRegion,
        ecrDataPlane,
        ecrImageAccess,
        retries,
        timeout,
        chain);
  }

  /**
   * The data plane of one ECR host: the single {@code host:port}, or the entry whose key is the
   * host or its region; empty for the ECR host itself.
   *
   * @throws RegistryException when an entry is not {@code KEY=HOST:PORT}
   */
  Optional<String> ecrDataPlaneFor(EcrHost host) throws RegistryException {
    if (ecrDataPlane == null || ecrDataPlane.isBlank()) {
      return Optional.empty();
    }
    if (!ecrDataPlane.contains("=")) {
      return Optional.of(ecrDataPlane.strip());
    }
    for (String entry : ecrDataPlane.split(",")) {
      int eq = entry.indexOf('=');
      if (eq <= 0 || eq == entry.strip().length() - 1) {
        throw new RegistryException(
            "azbuild.ecr.dataPlane entry '"
                + entry.strip()
                + "' is not REGION=HOST:PORT or"
                + " ECR-HOST=HOST:PORT; e.g. us-east-2=127.0.0.1:5000,eu-west-2=127.0.0.1:5001");
      }
      String key = entry.substring(0, eq).strip();
      if (key.equals(host.region()) || key.equals(host.host())) {
        return Optional.of(entry.substring(eq + 1).strip());
      }
    }
    return Optional.empty();
  }

  /** The image access {@link EcrRegistry} uses once {@link EcrImageAccess#AUTO} is resolved. */
  EcrImageAccess effectiveEcrImageAccess(boolean dataPlaneOverridden) {
    if (ecrImageAccess != EcrImageAccess.AUTO) {
      return ecrImageAccess;
    }
    return dataPlaneOverridden ? EcrImageAccess.DATA_PLANE : EcrImageAccess.ECR_API;
  }
}
