package dev.azbuild.plan;

import dev.azbuild.graph.ImageModule;
import java.util.List;
import java.util.Optional;

/**
 * Reads the input tree an earlier build stored in a module's image (its {@code
 * dev.azbuild.input-tree} label), through the registry API without pulling the image.
 */
@FunctionalInterface
public interface InputTreeSource {

  /** No registry configured: rebuild reasons stay the cache miss. */
  InputTreeSource NONE = (module, tags) -> Optional.empty();

  /**
   * The input tree of the first image of {@code tags} that exists in the cache registry, one line
   * per input; empty when none exists, or when that image has no readable input-tree label.
   */
  Optional<List<String>> inputTree(ImageModule module, List<String> tags) throws Exception;
}
