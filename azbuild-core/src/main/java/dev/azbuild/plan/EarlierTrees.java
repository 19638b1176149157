package dev.azbuild.plan;

import dev.azbuild.graph.ImageModule;
import dev.azbuild.io.RequestPool;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the earlier input trees of many rebuilt modules at once (a manifest and a config blob
 * each), as {@link CacheProbes} does the probes. Only the reasons depend on them, so a failed read
 * is logged at debug level and leaves that module's reason as it was.
 */
final class EarlierTrees {

  private static final Logger LOG = LoggerFactory.getLogger(EarlierTrees.class);

  private EarlierTrees() {}

  /** Module id to the earlier tree, for the modules that have one. */
  static Map<String, List<String>> read(
      InputTreeSource source, List<ImageModule> modules, List<String> tags, int concurrency) {
    Map<String, List<String>> trees = new HashMap<>();
    if (modules.isEmpty()) {
      return trees;
    }
    ExecutorService pool = RequestPool.open("input-tree", Math.min(concurrency, modules.size()));
    try {
      List<Future<Optional<List<String>>>> futures = new ArrayList<>(modules.size());
      for (ImageModule module : modules) {
        futures.add(pool.submit(() -> source.inputTree(module, tags)));
      }
      for (int i = 0; i < modules.size(); i++) {
        ImageModule module = modules.get(i);
        try {
          futures.get(i).get().ifPresent(tree -> trees.put(module.id(), tree));
        } catch (ExecutionException e) {
          LOG.debug(
              "{}: cannot read the input tree of {}:{}: {}",
              module.label(),
              module.image(),
              tags,
              e.getCause().toString());
        }
      }
      return trees;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return trees;
    } finally {
      pool.shutdownNow();
    }
  }
}
