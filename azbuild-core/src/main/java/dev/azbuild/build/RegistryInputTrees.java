package dev.azbuild.build;

import dev.azbuild.docker.ImageLabels;
import dev.azbuild.graph.ImageModule;
import dev.azbuild.plan.InputTreeSource;
import dev.azbuild.registry.Registry;
import dev.azbuild.registry.RegistryException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The input trees earlier builds stored in their images' labels, read from the cache registry (a
 * manifest and a config blob per image, nothing pulled), for rebuild reasons that name what
 * changed.
 */
public final class RegistryInputTrees implements InputTreeSource {

  private final Registry cache;

  public RegistryInputTrees(Registry cache) {
    this.cache = cache;
  }

  /**
   * The tree of the first of {@code tags} whose image exists: the image a rebuild primes its layer
   * cache from.
   */
  @Override
  public Optional<List<String>> inputTree(ImageModule module, List<String> tags)
      throws RegistryException {
    for (String tag : tags) {
      Optional<Map<String, String>> labels = cache.imageLabels(module.image(), tag);
      if (labels.isPresent()) {
        return ImageLabels.inputTree(labels.get()).map(tree -> List.of(tree.split("\n", -1)));
      }
    }
    return Optional.empty();
  }
}
