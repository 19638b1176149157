package dev.azbuild.plan;

import dev.azbuild.graph.ImageModule;
import java.util.Optional;

/** Asks the cache registry whether a module's image holds a tag, without pulling anything. */
@FunctionalInterface
public interface CacheProbe {

  /** No registry configured: content decisions say the cache was not checked. */
  CacheProbe NONE = (module, tag) -> Optional.empty();

  /** Whether {@code <cacheRegistry>/<image>:<tag>} exists; empty when no registry was asked. */
  Optional<Boolean> exists(ImageModule module, String tag) throws Exception;
}
