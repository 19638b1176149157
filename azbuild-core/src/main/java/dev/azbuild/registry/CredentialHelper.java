package dev.azbuild.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azbuild.io.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code docker-credential-<name> get} as docker does: the registry host on stdin, JSON {@code
 * {"Username": ..., "Secret": ...}} on stdout. The helper's stderr is discarded and its output
 * never quoted in messages, so a misbehaving helper cannot leak a secret into the log.
 */
final class CredentialHelper {

  private static final long TIMEOUT_SECONDS = 30;
  private static final int MAX_OUTPUT = 64 * 1024;

  private final String name;
  private final Path directory;

  /**
   * @param name the helper suffix ({@code ecr-login} for {@code docker-credential-ecr-login})
   * @param directory where the helper lives; null to search {@code PATH}
   */
  CredentialHelper(String name, Path directory) {
    this.name = name;
    this.directory = directory;
  }

  String command() {
    String program = "docker-credential-" + name;
    return directory == null ? program : directory.resolve(program).toString();
  }

  Optional<Credentials> get(String host) throws RegistryException {
    Process process;
    try {
      process =
          new ProcessBuilder(command(), "get")
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
    } catch (IOException e) {
      throw new RegistryException(
          "Credential helper "
              + command()
              + " for "
              + host
              + " cannot be run ("
              + e.getClass().getSimpleName()
              + "); install it or remove it from the docker config");
    }
    try (OutputStream stdin = process.getOutputStream()) {
      stdin.write(host.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // The helper may exit before reading stdin; its exit code tells what happened.
    }
    byte[] out = readLimited(process.getInputStream());
    int exit = waitFor(process, host);
    String text = new String(out, StandardCharsets.UTF_8);
    if (exit != 0) {
      if (text.contains("credentials not found")) {
        return Optional.empty();
      }
      throw new RegistryException(
          "Credential helper "
              + command()
              + " failed for "
              + host
              + " (exit "
              + exit
              + "); run 'echo "
              + host
              + " | "
              + command()
              + " get' to see why");
    }
    return parse(text, host);
  }

  private Optional<Credentials> parse(String text, String host) throws RegistryException {
    try {
      JsonNode node = Json.MAPPER.readTree(text);
      String user = node.path("Username").asText("");
      String secret = node.path("Secret").asText("");
      return user.isEmpty() || secret.isEmpty()
          ? Optional.empty()
          : Optional.of(new Credentials(user, secret));
    } catch (IOException e) {
      throw new RegistryException(
          "Credential helper "
              + command()
              + " printed no JSON for "
              + host
              + "; expected {\"Username\":...,\"Secret\":...}");
    }
  }

  private byte[] readLimited(InputStream in) throws RegistryException {
    try (in) {
      return in.readNBytes(MAX_OUTPUT);
    } catch (IOException e) {
      throw new RegistryException("Credential helper " + command() + " output unreadable", e);
    }
  }

  private int waitFor(Process process, String host) throws RegistryException {
    try {
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new RegistryException(
            "Credential helper "
                + command()
                + " did not answer for "
                + host
                + " within "
                + TIMEOUT_SECONDS
                + " s; is it waiting for a login prompt?");
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new RegistryException("Interrupted while running " + command(), e);
    }
  }
}
