package dev.azbuild.registry;

import java.util.Objects;

/**
 * Credentials together with where they came from, so an authentication error can say which source
 * to fix ("credentials from ~/.docker/config.json (credHelpers: ecr-login)").
 *
 * @param credentials the credentials (their {@code toString} hides the secret)
 * @param source a human-readable description of the source, never a secret
 */
public record SourcedCredentials(Credentials credentials, String source) {

  public SourcedCredentials {
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(source, "source");
  }

  /** "credentials from SOURCE (user NAME)", for error messages. */
  public String describe() {
    return "credentials from " + source + " (user " + credentials.username() + ")";
  }
}
