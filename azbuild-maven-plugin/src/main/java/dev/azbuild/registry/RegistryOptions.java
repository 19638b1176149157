package dev.azbuild.registry;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Settings shared by every registry azbuild talks to. Null strings mean "not set".
 *
 * @param insecureHosts hosts ({@code host} or {@code host:port}) reached over plain HTTP; loopback
 *     hosts always are
 * @param awsEndpoint ECR control-plane endpoint override ({@code azbuild.aws.endpoint}, e.g. an
 *     emulator at {@code http://127.0.0.1:5003}); null for AWS
 * @param awsRegion region for the ECR API; null to take it from the ECR host name
 * @param ecrDataPlane {@code host:port} serving the OCI API for ECR hosts instead of the ECR host
 *     itself (emulators have no image storage); null for the ECR host
 * @param ecrImageAccess how ECR images are read and re-tagged
 * @param retryAttempts attempts per request for network errors, 429 and 5xx (1 = no retry)
 * @param retryBaseDelay first backoff delay; doubles per attempt, with jitter
 * @param timeout connect timeout and time to the response headers of small requests
 * @param credentials where registry credentials come from
 */
public record RegistryOptions(
    Set<String> insecureHosts,
    String awsEndpoint,
    String awsRegion,
    String ecrDataPlane,
    EcrImageAccess ecrImageAccess,
    int retryAttempts,
    Duration retryBaseDelay,
    Duration timeout,
    CredentialChain credentials) {

  public static final int DEFAULT_RETRY_ATTEMPTS = 3;
  public static final Duration DEFAULT_RETRY_BASE_DELAY = Duration.ofMillis(200);
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  public RegistryOptions {
    insecureHosts = Set.copyOf(insecureHosts);
    Objects.requireNonNull(ecrImageAccess, "ecrImageAccess");
    Objects.requireNonNull(retryBaseDelay, "retryBaseDelay");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(credentials, "credentials");
    if (retryAttempts < 1) {
      throw new IllegalArgumentException("retryAttempts must be at least 1, got " + retryAttempts);
    }
  }

  /** Default docker config credentials, 3 attempts from 200 ms, AWS endpoints. */
  public static RegistryOptions defaults() {
    return new RegistryOptions(
        Set.of(), null, null, null, EcrImageAccess.AUTO,
        DEFAULT_RETRY_ATTEMPTS, DEFAULT_RETRY_BASE_DELAY, DEFAULT_TIMEOUT,
        CredentialChain.defaults());
  }

  public RegistryOptions withInsecureHosts(Set<String> hosts) {
    return new RegistryOptions(hosts, awsEndpoint, awsRegion, ecrDataPlane, ecrImageAccess,
        retryAttempts, retryBaseDelay, timeout, credentials);
  }

  public RegistryOptions withAwsEndpoint(String endpoint) {
    return new RegistryOptions(insecureHosts, endpoint, awsRegion, ecrDataPlane, ecrImageAccess,
        retryAttempts, retryBaseDelay, timeout, credentials);
  }

  public RegistryOptions withAwsRegion(String region) {
    return new RegistryOptions(insecureHosts, awsEndpoint, region, ecrDataPlane, ecrImageAccess,
        retryAttempts, retryBaseDelay, timeout, credentials);
  }

  public RegistryOptions withEcrDataPlane(String hostAndPort) {
    return new RegistryOptions(insecureHosts, awsEndpoint, awsRegion, hostAndPort, ecrImageAccess,
        retryAttempts, retryBaseDelay, timeout, credentials);
  }

  public RegistryOptions withEcrImageAccess(EcrImageAccess access) {
    return new RegistryOptions(insecureHosts, awsEndpoint, awsRegion, ecrDataPlane, access,
        retryAttempts, retryBaseDelay, timeout, credentials);
  }

  public RegistryOptions withRetries(int attempts, Duration baseDelay) {
    return new RegistryOptions(insecureHosts, awsEndpoint, awsRegion, ecrDataPlane, ecrImageAccess,
        attempts, baseDelay, timeout, credentials);
  }

  public RegistryOptions withTimeout(Duration newTimeout) {
    return new RegistryOptions(insecureHosts, awsEndpoint, awsRegion, ecrDataPlane, ecrImageAccess,
        retryAttempts, retryBaseDelay, newTimeout, credentials);
  }

  public RegistryOptions withCredentials(CredentialChain chain) {
    return new RegistryOptions(insecureHosts, awsEndpoint, awsRegion, ecrDataPlane, ecrImageAccess,
        retryAttempts, retryBaseDelay, timeout, chain);
  }

  /** The image access {@link EcrRegistry} uses once {@link EcrImageAccess#AUTO} is resolved. */
  EcrImageAccess effectiveEcrImageAccess() {
    if (ecrImageAccess != EcrImageAccess.AUTO) {
      return ecrImageAccess;
    }
    return ecrDataPlane != null ? EcrImageAccess.DATA_PLANE : EcrImageAccess.ECR_API;
  }
}
