package dev.azbuild.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.azbuild.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LifecyclePolicyFilesTest {

  @TempDir Path dir;

  @Test
  void moduleFileWinsOverRootFileWhichWinsOverDefault() throws Exception {
    Path module = dir.resolve("module/lifecycle-policy.json");
    Path root = dir.resolve("lifecycle-policy.json");
    assertThat(LifecyclePolicyFiles.find(List.of(module, root)).source())
        .isEqualTo("default policy");
    Files.writeString(root, "{\"rules\":[]}");
    assertThat(LifecyclePolicyFiles.find(List.of(module, root)).source())
        .isEqualTo(root.toString());
    Files.createDirectories(module.getParent());
    Files.writeString(module, "{\"rules\":[{\"rulePriority\":1}]}");
    LifecyclePolicyFiles.Policy policy = LifecyclePolicyFiles.find(List.of(module, root));
    assertThat(policy.source()).isEqualTo(module.toString());
    assertThat(policy.json()).contains("rulePriority");
  }

  @Test
  void defaultPolicyIsValidJsonWithBoundedRules() throws Exception {
    var rules = Json.MAPPER.readTree(LifecyclePolicyFiles.DEFAULT).get("rules");
    assertThat(rules).hasSize(2);
    assertThat(rules.get(1).get("selection").get("countNumber").asInt()).isEqualTo(500);
  }

  @Test
  void invalidJsonNamesFileLineAndColumn() throws Exception {
    Path file = dir.resolve("lifecycle-policy.json");
    Files.writeString(file, "{\n  \"rules\": [\n    {\"rulePriority\": 1,}\n  ]\n}\n");
    assertThatThrownBy(() -> LifecyclePolicyFiles.find(List.of(file)))
        .isInstanceOf(RegistryException.class)
        .hasMessageStartingWith(file + ":3:")
        .hasMessageContaining("invalid JSON")
        .hasMessageEndingWith("; fix the lifecycle policy file")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void jsonWithoutRulesIsRejected() throws Exception {
    Path file = dir.resolve("lifecycle-policy.json");
    Files.writeString(file, "[1, 2]");
    assertThatThrownBy(() -> LifecyclePolicyFiles.read(file))
        .hasMessage(
            file
                + ": a lifecycle policy is a JSON object with \"rules\"; see the ECR lifecycle policy format");
  }
}
