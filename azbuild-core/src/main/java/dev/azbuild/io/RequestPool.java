package dev.azbuild.io;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads for independent network requests sent at once (the plan's cache probes, the build's
 * re-tags, the deploy gate): one bound for every such fan-out ({@code
 * azbuild.registry.concurrency}), and daemon threads, so a request that hangs never keeps Maven's
 * JVM alive after the goal has failed.
 */
public final class RequestPool {

  /**
   * Requests in flight at most by default: enough to hide a registry's latency, few enough for a
   * small one.
   */
  public static final int DEFAULT_CONCURRENCY = 8;

  private RequestPool() {}

  /**
   * A fixed pool of {@code threads} daemon threads named {@code azbuild-<name>-<n>}; shut it down
   * when done.
   */
  public static ExecutorService open(String name, int threads) {
    AtomicInteger count = new AtomicInteger();
    return Executors.newFixedThreadPool(
        threads,
        runnable -> {
          Thread thread = new Thread(runnable, "azbuild-" + name + "-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
  }
}
