package dev.azbuild.plan;

import java.util.List;
import java.util.Optional;

/** The decisions for every image module, in reactor order. */
public record Plan(
    Mode mode, String base, String head, List<ModuleDecision> modules, List<String> warnings) {

  public Optional<ModuleDecision> decision(String id) {
    return modules.stream().filter(m -> m.id().equals(id)).findFirst();
  }
}
