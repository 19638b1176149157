package dev.azbuild.deploy;

import dev.azbuild.graph.ImageModule;
import dev.azbuild.io.RequestPool;
import dev.azbuild.registry.Registry;
import dev.azbuild.registry.RegistryException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

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

  /**
   * Looks up every module's commit tag, {@code concurrency} at a time. A build record of the commit
   * does not replace these lookups: it says which images the build left, not that they are still
   * there, and deploy must know that before it changes anything.
   */
  public static Result check(
      Registry cache, List<ImageModule> modules, String commit, int concurrency)
      throws RegistryException {
    Map<String, String> digests = new LinkedHashMap<>();
    List<ImageModule> missing = new ArrayList<>();
    if (modules.isEmpty()) {
      return new Result(Map.of(), List.of());
    }
    ExecutorService pool = RequestPool.open("deploy-gate", Math.min(concurrency, modules.size()));
    try {
      List<Future<Optional<String>>> lookups = new ArrayList<>();
      for (ImageModule m : modules) {
        lookups.add(pool.submit(() -> cache.digest(m.image(), commit)));
      }
      for (int i = 0; i < modules.size(); i++) {
        ImageModule m = modules.get(i);
        Optional<String> digest = lookup(lookups.get(i));
        if (digest.isPresent()) {
          digests.put(m.id(), digest.get());
        } else {
          missing.add(m);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    return new Result(Map.copyOf(digests), List.copyOf(missing));
  }

  private static Optional<String> lookup(Future<Optional<String>> lookup) throws RegistryException {
    try {
      return lookup.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RegistryException failure) {
        throw failure;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryException("interrupted while checking the commit images", e);
    }
  }
}
