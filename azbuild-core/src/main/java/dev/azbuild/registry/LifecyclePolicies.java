package dev.azbuild.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azbuild.io.Json;
import java.io.IOException;

/**
 * Compares lifecycle policies as JSON trees, so re-formatting or re-ordering keys does not count as
 * a change (ECR may return the text differently from how it was put).
 */
final class LifecyclePolicies {

  private LifecyclePolicies() {}

  static JsonNode parse(String policyJson, String where) throws RegistryException {
    try {
      JsonNode node = Json.MAPPER.readTree(policyJson == null ? "" : policyJson);
      if (node == null || !node.isObject()) {
        throw new IOException("not a JSON object");
      }
      return node;
    } catch (IOException e) {
      String reason = e.getMessage() == null ? "" : e.getMessage().split("\n", 2)[0];
      throw new RegistryException(
          "Lifecycle policy for "
              + where
              + " is not a JSON object ("
              + reason
              + "); fix the policy file",
          e);
    }
  }

  /** Same JSON: object key order and whitespace ignored, array order kept. */
  static boolean same(JsonNode desired, String current) {
    if (current == null) {
      return false;
    }
    try {
      return desired.equals(Json.MAPPER.readTree(current));
    } catch (IOException e) {
      return false;
    }
  }
}
