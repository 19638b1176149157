package dev.azbuild.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.azbuild.io.Json;
import dev.azbuild.registry.Registry;
import dev.azbuild.registry.RegistryException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * The last commit whose whole reactor deployed, kept in the CACHE registry as a record under {@code
 * <prefix>/}{@value #REPOSITORY}{@code :}{@value #TAG}; on the default branch it is the base commit
 * of the next build (setenv, diff mode).
 */
public final class DeployedCommit {

  public static final String REPOSITORY = "azbuild-deployed";
  public static final String TAG = "commit";

  private DeployedCommit() {}

  /** The recorded commit; empty when no deploy completed yet. */
  public static Optional<String> read(Registry cache) throws RegistryException {
    Optional<byte[]> bytes = cache.getRecord(REPOSITORY, TAG);
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    try {
      JsonNode n = Json.MAPPER.readTree(bytes.get());
      String commit = n.path("commit").asText("");
      return commit.matches("[0-9a-f]{7,64}") ? Optional.of(commit) : Optional.empty();
    } catch (IOException e) {
      throw new RegistryException(
          cache.describe()
              + "/"
              + REPOSITORY
              + ":"
              + TAG
              + " is not a deployed-commit record ("
              + e.getMessage()
              + "); delete the tag",
          e);
    }
  }

  public static void write(Registry cache, String commit, Instant time) throws RegistryException {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("commit", commit);
    n.put("time", time.toString());
    cache.putRecord(REPOSITORY, TAG, n.toString().getBytes(StandardCharsets.UTF_8));
  }
}
