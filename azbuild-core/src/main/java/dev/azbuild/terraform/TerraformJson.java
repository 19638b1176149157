package dev.azbuild.terraform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.azbuild.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads the JSON terraform prints ({@code validate -json}, {@code output -json}) and keeps in its
 * data dir.
 */
final class TerraformJson {

  private TerraformJson() {}

  /**
   * {@code validate -json} output, or empty when it is not that (terraform failed before
   * validating).
   */
  static Optional<TerraformValidation> validation(String stdout) {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(stdout);
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
    if (root == null || !root.has("valid")) {
      return Optional.empty();
    }
    List<TerraformDiagnostic> diagnostics = new ArrayList<>();
    for (JsonNode d : root.path("diagnostics")) {
      JsonNode range = d.path("range");
      diagnostics.add(
          new TerraformDiagnostic(
              d.path("severity").asText("error"),
              d.path("summary").asText(""),
              d.path("detail").asText(""),
              range.path("filename").asText(""),
              range.path("start").path("line").asInt(0)));
    }
    boolean ok =
        root.path("valid").asBoolean(false)
            && diagnostics.stream().noneMatch(TerraformDiagnostic::isError);
    return Optional.of(new TerraformValidation(ok, diagnostics));
  }

  /**
   * {@code output -json}: name to value, strings as they are, other values as JSON text.
   *
   * @throws IOException when it is not a JSON object; the message never quotes the text, which may
   *     hold sensitive values
   */
  static Map<String, String> outputs(String stdout) throws IOException {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(stdout);
    } catch (JsonProcessingException e) {
      throw new IOException(
          "unexpected output, not JSON (" + e.getOriginalMessage().replaceAll("\\s+", " ") + ")");
    }
    if (root == null || !root.isObject()) {
      throw new IOException("unexpected output, not a JSON object");
    }
    Map<String, String> outputs = new TreeMap<>();
    root.fields()
        .forEachRemaining(
            e -> {
              JsonNode value = e.getValue().path("value");
              outputs.put(e.getKey(), value.isTextual() ? value.asText() : value.toString());
            });
    return outputs;
  }

  /**
   * Whether the configuration declares a backend: {@code init} then records it in {@code <data
   * dir>/terraform.tfstate}; without a backend block there is no such file.
   */
  static boolean declaresBackend(Path dataDir) throws IOException {
    Path backendFile = dataDir.resolve("terraform.tfstate");
    if (!Files.isRegularFile(backendFile)) {
      return false;
    }
    return !Json.MAPPER
        .readTree(backendFile.toFile())
        .path("backend")
        .path("type")
        .asText("")
        .isEmpty();
  }
}
