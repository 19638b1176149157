package dev.azbuild.api;

import dev.azbuild.build.BuildReport;
import dev.azbuild.build.UnchangedImages;
import dev.azbuild.deploy.DeployedCommit;
import dev.azbuild.io.AzbuildException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * What the goal executions of one build share: the plan (one pass over the repository serves every
 * module), the check of the modules to build before the first push, the batch that re-tags the
 * unchanged modules, the build report, the last deployed commit and which modules reached the
 * deploy goal. Safe under {@code mvn -T}: each value is computed once, by the first execution that
 * asks; the others wait for it and get the same value, or the same failure.
 */
public final class BuildSession {

  /** A computation that may fail with azbuild's exceptions. */
  @FunctionalInterface
  public interface Computation<T> {
    T compute() throws AzbuildException;
  }

  private record Key(String kind, Object settings) {}

  private final ConcurrentHashMap<Key, FutureTask<Object>> tasks = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Path, BuildReport> reports = new ConcurrentHashMap<>();
  private final Set<Object> claims = ConcurrentHashMap.newKeySet();
  private final Map<String, Set<String>> arrivals = new HashMap<>();

  /** The plan for these settings ({@code key} holds every setting the plan depends on). */
  public Planned plan(Object key, Computation<Planned> compute) throws AzbuildException {
    return once(new Key("plan", key), compute);
  }

  /** What re-tagging every unchanged module did, for these settings. */
  public UnchangedImages.Result unchangedBatch(
      Object key, Computation<UnchangedImages.Result> compute) throws AzbuildException {
    return once(new Key("unchangedBatch", key), compute);
  }

  /**
   * True for the first caller with this key, false for every later one: what must happen once per
   * build (writing the build record) is done by the execution that claims it.
   */
  public boolean claim(Object key) {
    return claims.add(key);
  }

  /** Whether an execution claimed {@code key} already. */
  public boolean claimed(Object key) {
    return claims.contains(key);
  }

  /**
   * The check of every module this session builds, made once before anything is pushed; every
   * execution gets its failure.
   */
  public void preflight(Object key, Computation<Boolean> compute) throws AzbuildException {
    once(new Key("preflight", key), compute);
  }

  /** The record of the last complete deploy in a cache registry, read once. */
  public Optional<DeployedCommit> deployedCommit(
      String cacheRegistry, Computation<Optional<DeployedCommit>> compute) throws AzbuildException {
    return once(new Key("deployedCommit", cacheRegistry), compute);
  }

  /** The one report of this build written to {@code file}. */
  public BuildReport buildReport(Path file, Supplier<BuildReport> create) {
    return reports.computeIfAbsent(file, f -> create.get());
  }

  /**
   * Notes that {@code member} reached {@code point} (e.g. the deploy goal bound in the lifecycle)
   * and says whether this was the arrival that completed {@code expected}: true for exactly one
   * call, also under {@code -T}, so the work done at the end of the reactor is done once. A member
   * that never arrives (its module failed) keeps it false for everyone.
   *
   * @return how many of {@code expected} have arrived, and whether this call completed them
   */
  public synchronized Arrival arrive(String point, String member, Set<String> expected) {
    Set<String> arrived = arrivals.computeIfAbsent(point, p -> new HashSet<>());
    boolean wasComplete = arrived.containsAll(expected);
    arrived.add(member);
    int count = (int) expected.stream().filter(arrived::contains).count();
    return new Arrival(count, expected.size(), !wasComplete && count == expected.size());
  }

  /**
   * @param arrived how many of the expected members have arrived
   * @param expected how many are expected
   * @param last whether this arrival completed them (once per point)
   */
  public record Arrival(int arrived, int expected, boolean last) {}

  @SuppressWarnings("unchecked")
  private <T> T once(Key key, Computation<T> compute) throws AzbuildException {
    FutureTask<Object> task = tasks.computeIfAbsent(key, k -> new FutureTask<>(compute::compute));
    task.run(); // runs it unless another execution ran or runs it; the map's lock is not held
    // meanwhile
    try {
      return (T) task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + key.kind(), e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof AzbuildException failure) {
        throw failure;
      }
      if (cause instanceof RuntimeException failure) {
        throw failure;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(cause);
    }
  }
}
