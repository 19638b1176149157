package dev.azbuild.registry;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;

/**
 * Registry credentials for an ECR host from {@code ecr:GetAuthorizationToken} (the token decodes to
 * {@code AWS:<password>}), cached until shortly before it expires.
 */
final class EcrCredentials implements CredentialSource {

  private static final Duration MARGIN = Duration.ofMinutes(5);

  private record Cached(Credentials credentials, Instant expires) {}

  private final EcrClient client;
  private final EcrHost host;
  private volatile Cached cached;

  EcrCredentials(EcrClient client, EcrHost host) {
    this.client = client;
    this.host = host;
  }

  @Override
  public Optional<Credentials> lookup(String registryHost) throws RegistryException {
    if (!host.host().equals(registryHost)) {
      return Optional.empty();
    }
    Cached c = cached;
    if (c != null && Instant.now().isBefore(c.expires())) {
      return Optional.of(c.credentials());
    }
    AuthorizationData data;
    try {
      data =
          client.getAuthorizationToken(b -> {}).authorizationData().stream()
              .findFirst()
              .orElseThrow(
                  () ->
                      new RegistryException(
                          "ECR GetAuthorizationToken for "
                              + host
                              + " returned no token; check the account's ECR setup"));
    } catch (SdkException e) {
      throw EcrErrors.translate(e, "GetAuthorizationToken", host);
    }
    Credentials credentials = decode(data.authorizationToken());
    Instant expires = data.expiresAt() == null ? Instant.now() : data.expiresAt().minus(MARGIN);
    cached = new Cached(credentials, expires);
    return Optional.of(credentials);
  }

  @Override
  public String name() {
    return "AWS SDK (ecr:GetAuthorizationToken)";
  }

  private Credentials decode(String token) throws RegistryException {
    String decoded =
        token == null ? "" : new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
    int colon = decoded.indexOf(':');
    if (colon <= 0) {
      throw new RegistryException(
          "ECR authorization token for "
              + host
              + " is not user:password; check the endpoint (azbuild.aws.endpoint)");
    }
    return new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1));
  }
}
