package dev.azbuild.docker;

import com.github.dockerjava.api.model.ResponseItem;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the daemon's pull or push progress stream. Counts layers, skipped layers and bytes, and
 * reports progress at most once per layer per {@link #INTERVAL} (a layer that finishes sooner
 * prints nothing), so a large push shows it is alive without flooding the log.
 *
 * @param <T> {@code PullResponseItem} or {@code PushResponseItem}
 */
final class TransferProgress<T extends ResponseItem> extends StreamCallback<T> {

  /** Whether the stream is a pull or a push; decides which statuses mean what. */
  enum Direction {
    PULL("pull", "pulled", "pulling", "Downloading"),
    PUSH("push", "pushed", "pushing", "Pushing");

    final String noun;
    final String done;
    final String ongoing;
    final String transferStatus;

    Direction(String noun, String done, String ongoing, String transferStatus) {
      this.noun = noun;
      this.done = done;
      this.ongoing = ongoing;
      this.transferStatus = transferStatus;
    }
  }

  static final Duration INTERVAL = Duration.ofSeconds(5);

  private static final Logger LOG = LoggerFactory.getLogger(TransferProgress.class);
  // Layer ids are short hex digests; other ids in the stream are tags ("Pulling from", "digest:").
  private static final Pattern LAYER_ID = Pattern.compile("[0-9a-f]{12}");
  private static final Pattern DIGEST = Pattern.compile("(?i)digest: (sha256:[0-9a-f]{64})");

  private final String reference;
  private final Direction direction;
  private final LongSupplier nanoClock;
  private final Consumer<String> info;
  private final Map<String, Layer> layers = new LinkedHashMap<>();
  private String digest;
  private String error;
  private volatile String daemonRetry;
  private volatile long lastEventNanos;

  private static final class Layer {
    long lastReportNanos;
    long total;
    long current;
    boolean skipped;
    boolean done;

    Layer(long now) {
      lastReportNanos = now;
    }
  }

  TransferProgress(String reference, Direction direction) {
    this(reference, direction, System::nanoTime, LOG::info);
  }

  /** For tests: a clock in nanoseconds and a sink for the info lines. */
  TransferProgress(
      String reference, Direction direction, LongSupplier nanoClock, Consumer<String> info) {
    this.reference = reference;
    this.direction = direction;
    this.nanoClock = nanoClock;
    this.info = info;
    this.lastEventNanos = nanoClock.getAsLong();
  }

  @Override
  public void onNext(T item) {
    lastEventNanos = nanoClock.getAsLong();
    if (item.isErrorIndicated()) {
      ResponseItem.ErrorDetail detail = item.getErrorDetail();
      error = detail != null && detail.getMessage() != null ? detail.getMessage() : item.getError();
      return;
    }
    if (item.getAux() != null && item.getAux().getDigest() != null) {
      digest = item.getAux().getDigest();
    }
    String status = item.getStatus() == null ? "" : item.getStatus();
    Matcher d = DIGEST.matcher(status);
    if (d.find()) {
      digest = d.group(1);
    }
    String id = item.getId();
    if (id == null || !LAYER_ID.matcher(id).matches()) {
      LOG.debug("{}: {}", reference, status);
      return;
    }
    long now = nanoClock.getAsLong();
    Layer layer = layers.computeIfAbsent(id, k -> new Layer(now));
    ResponseItem.ProgressDetail detail = item.getProgressDetail();
    if (status.equals(direction.transferStatus) && detail != null) {
      if (detail.getTotal() != null && detail.getTotal() > 0) {
        layer.total = detail.getTotal();
      }
      if (detail.getCurrent() != null) {
        layer.current = detail.getCurrent();
      }
    }
    if (status.equals("Layer already exists")
        || status.equals("Already exists")
        || status.startsWith("Mounted from")) {
      layer.skipped = true;
      layer.done = true;
    } else if (status.equals("Pushed") || status.equals("Pull complete")) {
      layer.done = true;
    }
    if (status.startsWith("Retrying") && !layer.done && daemonRetry == null) {
      // the daemon retries a layer up to 5 times, waiting 5, 10, 15 and 20 s: azbuild stops this
      // try here and retries the whole transfer itself, within its own attempts and time budget
      daemonRetry =
          "the "
              + direction.noun
              + " of layer "
              + id
              + " failed and the daemon would retry it ("
              + status.toLowerCase(Locale.ROOT)
              + ")";
      LOG.debug("{}: layer {} {}; stopping this attempt", reference, id, status);
      stop();
      return;
    }
    boolean progress = status.equals(direction.transferStatus);
    if (progress && !layer.done && now - layer.lastReportNanos >= INTERVAL.toNanos()) {
      layer.lastReportNanos = now;
      info.accept(direction.ongoing + " " + reference + ": layer " + id + " " + sizes(layer));
    } else {
      LOG.debug("{}: layer {} {}", reference, id, status);
    }
  }

  private static String sizes(Layer layer) {
    return layer.total > 0
        ? bytes(layer.current) + " / " + bytes(layer.total)
        : bytes(layer.current);
  }

  /**
   * Why this try was stopped when the daemon began to retry a layer on its own (its retries take up
   * to 50 s per layer, and every one of azbuild's attempts would repeat them); empty otherwise.
   */
  Optional<String> daemonRetry() {
    return Optional.ofNullable(daemonRetry);
  }

  /** When the daemon last reported anything, on the progress clock (nanoseconds). */
  long lastEventNanos() {
    return lastEventNanos;
  }

  /**
   * Counts down when the stream ends in any way; docker-java's own {@code awaitCompletion} with a
   * timeout closes the stream when the time is up, so it cannot be used to look at the clock.
   */
  private final CountDownLatch ended = new CountDownLatch(1);

  @Override
  public void close() throws IOException {
    try {
      super.close();
    } finally {
      ended.countDown();
    }
  }

  /** Waits up to {@code timeout} for the stream to end; true when it has. */
  boolean awaitEnd(Duration timeout) throws InterruptedException {
    return ended.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Ends the stream: the daemon cancels the transfer when its client goes away. */
  void stop() {
    try {
      close();
    } catch (IOException e) {
      LOG.debug("closing the {} stream of {}: {}", direction.ongoing, reference, e.toString());
    }
  }

  /** The daemon's error message, when the stream ended with one. */
  Optional<String> error() {
    return Optional.ofNullable(error);
  }

  /** The counts so far; after completion, the result of the transfer. */
  TransferResult result(int attempts) {
    int skipped = 0;
    long transferred = 0;
    for (Layer layer : layers.values()) {
      if (layer.skipped) {
        skipped++;
      } else {
        transferred += Math.max(layer.total, layer.current);
      }
    }
    return new TransferResult(
        reference, layers.size(), skipped, transferred, Optional.ofNullable(digest), attempts);
  }

  /** The closing line: {@code pushed 127.0.0.1:5000/api:abc (3 layers, 2 existed, 21.0 MB)}. */
  String summary(TransferResult result) {
    if (result.layers() == 0) {
      return direction.done + " " + reference + " (up to date)";
    }
    return direction.done
        + " "
        + reference
        + " ("
        + result.layers()
        + (result.layers() == 1 ? " layer, " : " layers, ")
        + result.layersSkipped()
        + " existed, "
        + bytes(result.bytesTransferred())
        + ")";
  }

  /** Decimal units, as the docker CLI prints them. */
  static String bytes(long n) {
    if (n < 1000) {
      return n + " B";
    }
    String[] units = {"kB", "MB", "GB", "TB"};
    double value = n;
    int unit = -1;
    while (value >= 1000 && unit < units.length - 1) {
      value /= 1000;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}
