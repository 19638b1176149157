package dev.azbuild.registry;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.azbuild.io.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds and checks the lifecycle policy of a repository: the module's {@code
 * lifecycle-policy.json}, else the reactor root's, else {@link #DEFAULT}. A broken file is an error
 * with its position, also for registries that have no policies, so it is never silently ignored.
 */
public final class LifecyclePolicyFiles {

  public static final String FILE_NAME = "lifecycle-policy.json";

  /**
   * Keeps a repository bounded without touching what deploys use: untagged images expire after 7
   * days, and only the 500 newest {@code cache-*} images are kept.
   */
  public static final String DEFAULT =
      """
      {"rules":[
        {"rulePriority":1,"description":"untagged images expire after 7 days",
         "selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":7},
         "action":{"type":"expire"}},
        {"rulePriority":2,"description":"keep the 500 newest content-addressed cache images",
         "selection":{"tagStatus":"tagged","tagPatternList":["cache-*"],"countType":"imageCountMoreThan","countNumber":500},
         "action":{"type":"expire"}}
      ]}
      """;

  /** A policy and where it came from ("default" or the file). */
  public record Policy(String json, String source) {}

  private LifecyclePolicyFiles() {}

  /** The first existing file among {@code candidates}, checked, else the default. */
  public static Policy find(List<Path> candidates) throws RegistryException {
    for (Path candidate : candidates) {
      if (Files.isRegularFile(candidate)) {
        return new Policy(read(candidate), candidate.toString());
      }
    }
    return new Policy(DEFAULT, "default policy");
  }

  /** Reads a policy file; invalid JSON gives {@code file:line:column: ...}. */
  public static String read(Path file) throws RegistryException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new RegistryException(
          file + ": cannot read the lifecycle policy (" + e.getMessage() + ")", e);
    }
    try {
      JsonNode node = Json.MAPPER.readTree(text);
      if (node == null || !node.isObject() || !node.has("rules")) {
        throw new RegistryException(
            file
                + ": a lifecycle policy is a JSON object with \"rules\"; see the ECR"
                + " lifecycle policy format");
      }
    } catch (JsonProcessingException e) {
      JsonLocation at = Optional.ofNullable(e.getLocation()).orElse(JsonLocation.NA);
      throw new RegistryException(
          file
              + ":"
              + at.getLineNr()
              + ":"
              + at.getColumnNr()
              + ": invalid JSON ("
              + e.getOriginalMessage()
              + "); fix the lifecycle policy file",
          e);
    }
    return text;
  }
}
