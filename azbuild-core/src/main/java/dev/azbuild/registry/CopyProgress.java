package dev.azbuild.registry;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts what a copy did and reports it without flooding: one debug line per blob, an info line at
 * most every {@link #INTERVAL} while bytes stream, and one info summary at the end.
 */
final class CopyProgress {

  private static final Logger log = LoggerFactory.getLogger(CopyProgress.class);
  static final Duration INTERVAL = Duration.ofSeconds(10);

  private final String what;
  private final long startNanos = System.nanoTime();
  private final AtomicLong streamed = new AtomicLong();
  private final AtomicLong nextReportNanos = new AtomicLong(System.nanoTime() + INTERVAL.toNanos());
  private long bytesCopied;
  private int blobsCopied;
  private int blobsSkipped;

  CopyProgress(String what) {
    this.what = what;
  }

  /** Called from the streaming thread for every chunk read. */
  void streamed(long bytes) {
    long total = streamed.addAndGet(bytes);
    long now = System.nanoTime();
    long next = nextReportNanos.get();
    if (now >= next && nextReportNanos.compareAndSet(next, now + INTERVAL.toNanos())) {
      log.info("{}: {} streamed so far", what, humanBytes(total));
    }
  }

  synchronized void copied(String blob, long size) {
    blobsCopied++;
    bytesCopied += size;
    log.debug("{}: copied ({})", blob, humanBytes(size));
  }

  synchronized void skipped(String blob, String why) {
    blobsSkipped++;
    log.debug("{}: skipped, {}", blob, why);
  }

  synchronized CopyResult finish(String digest) {
    long millis = Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
    log.info(
        "{}: {} blob(s) copied ({}), {} skipped, in {} ms",
        what,
        blobsCopied,
        humanBytes(bytesCopied),
        blobsSkipped,
        millis);
    return new CopyResult(digest, bytesCopied, blobsCopied, blobsSkipped);
  }

  static String humanBytes(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(java.util.Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}
