package dev.azbuild.deploy;

import dev.azbuild.graph.ImageModule;
import dev.azbuild.registry.Registry;
import dev.azbuild.registry.RegistryException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Deploy's precondition: every image module of the reactor has its commit image in the cache
 * registry.
 */
public final class DeployGate {

  /**
   * @param digests the commit image's digest per module id, for the modules that have one
   * @param missing modules without a commit image, in graph order
   */
  public record Result(Map<String, String> digests, List<ImageModule> missing) {
    public boolean open() {
      return missing.isEmpty();
    }

    /** One line listing the missing modules. */
    public String message(String commit, String registry) {
      return "deploy gate closed: no image tagged "
          + commit
          + " in "
          + registry
          + " for "
          + String.join(", ", missing.stream().map(ImageModule::label).toList())
          + "; run azbuild:build for this commit first (nothing was deployed)";
    }
  }

  private DeployGate() {}

  public static Result check(Registry cache, List<ImageModule> modules, String commit)
      throws RegistryException {
    Map<String, String> digests = new LinkedHashMap<>();
    List<ImageModule> missing = new java.util.ArrayList<>();
    for (ImageModule m : modules) {
      Optional<String> digest = cache.digest(m.image(), commit);
      if (digest.isPresent()) {
        digests.put(m.id(), digest.get());
      } else {
        missing.add(m);
      }
    }
    return new Result(Map.copyOf(digests), List.copyOf(missing));
  }
}
