package dev.azbuild.docker;

import com.github.dockerjava.api.model.AuthConfig;
import java.util.Objects;

/**
 * Credentials for one registry, passed to the daemon with a pull or push. Never logged: {@link
 * #toString()} hides the secret.
 *
 * @param username the user name ({@code AWS} for ECR tokens)
 * @param secret the password or token
 * @param serverAddress the registry host, e.g. {@code 127.0.0.1:5002}
 */
public record RegistryAuth(String username, String secret, String serverAddress) {

  public RegistryAuth {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(serverAddress, "serverAddress");
  }

  /** The form docker-java sends in the {@code X-Registry-Auth} header. */
  AuthConfig toAuthConfig() {
    return new AuthConfig()
        .withUsername(username)
        .withPassword(secret)
        .withRegistryAddress(serverAddress);
  }

  /**
   * {@code text} with every occurrence of the secret masked, for messages that echo a server's
   * words.
   */
  String scrub(String text) {
    return secret.isEmpty() || text == null ? text : text.replace(secret, "****");
  }

  @Override
  public String toString() {
    return "RegistryAuth[username="
        + username
        + ", secret=****, serverAddress="
        + serverAddress
        + "]";
  }
}
