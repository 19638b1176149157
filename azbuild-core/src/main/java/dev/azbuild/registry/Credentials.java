package dev.azbuild.registry;

import java.util.Objects;

/**
 * A user name and its password or token. {@link #toString()} never shows the secret, so a record
 * holding credentials can be logged safely.
 */
public record Credentials(String username, String secret) {

  public Credentials {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(secret, "secret");
  }

  /**
   * {@code text} with every occurrence of the secret masked, for messages that echo a server's
   * words.
   */
  public String scrub(String text) {
    return secret.isEmpty() || text == null ? text : text.replace(secret, "****");
  }

  @Override
  public String toString() {
    return "Credentials[username=" + username + ", secret=****]";
  }
}
