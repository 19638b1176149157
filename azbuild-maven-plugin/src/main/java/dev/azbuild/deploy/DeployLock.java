package dev.azbuild.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.azbuild.registry.Registry;
import dev.azbuild.registry.RegistryException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A best-effort lock against two deploys at once, held as a record in the deploy registry under
 * {@code <prefix>/}{@value #REPOSITORY}{@code :}{@value #TAG}: {@code {"run","host","time","state"}}.
 *
 * <p>The registry API has no compare-and-set, so acquiring is: read; refuse if another run holds a
 * fresh lock (younger than {@link #STALE}); write ours; wait a moment; read back and refuse unless
 * it is still ours. Two runs starting within that moment can both see their own write only if the
 * registry reorders the writes; the second reader then fails instead. Releasing writes
 * {@code state=released}. A run that dies keeps the lock until it goes stale.
 */
public final class DeployLock implements AutoCloseable {

  public static final String REPOSITORY = "azbuild-lock";
  public static final String TAG = "lock";
  public static final Duration STALE = Duration.ofMinutes(30);

  /** The lock's content. */
  public record Holder(String run, String host, Instant time, String state) {
    boolean held() {
      return "held".equals(state);
    }
  }

  private final Registry registry;
  private final Holder ours;
  private boolean released;

  private DeployLock(Registry registry, Holder ours) {
    this.registry = registry;
    this.ours = ours;
  }

  /**
   * @param settle how long to wait between writing and reading back
   * @throws DeployException when another run holds a fresh lock
   */
  public static DeployLock acquire(Registry registry, String run, String host, Instant now, Duration settle)
      throws DeployException, RegistryException {
    Optional<Holder> current = read(registry);
    if (current.isPresent()) {
      refuseIfHeld(current.get(), run, now, registry);
    }
    Holder ours = new Holder(run, host, now, "held");
    write(registry, ours);
    try {
      Thread.sleep(settle.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeployException("interrupted while acquiring the deploy lock", e);
    }
    Holder after = read(registry).orElseThrow(() -> new DeployException(
        "the deploy lock " + registry.describe() + "/" + REPOSITORY + ":" + TAG + " vanished after writing it; retry"));
    if (!after.run().equals(run)) {
      refuseIfHeld(after, run, now, registry);
      throw new DeployException("deploy lock taken over by " + after.run() + " on " + after.host() + "; retry");
    }
    return new DeployLock(registry, ours);
  }

  /** The current lock record, if any. */
  public static Optional<Holder> read(Registry registry) throws RegistryException {
    Optional<byte[]> bytes = registry.getRecord(REPOSITORY, TAG);
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    try {
      JsonNode n = Json.MAPPER.readTree(bytes.get());
      return Optional.of(new Holder(n.path("run").asText(), n.path("host").asText(),
          Instant.parse(n.path("time").asText()), n.path("state").asText()));
    } catch (IOException | DateTimeParseException e) {
      // an unreadable lock protects nothing: treat it as absent, it is overwritten
      return Optional.empty();
    }
  }

  /** Whether {@code holder} keeps {@code run} from deploying at {@code now}. */
  static boolean blocks(Holder holder, String run, Instant now) {
    return holder.held() && !holder.run().equals(run) && holder.time().plus(STALE).isAfter(now);
  }

  private static void refuseIfHeld(Holder holder, String run, Instant now, Registry registry) throws DeployException {
    if (blocks(holder, run, now)) {
      throw new DeployException("deploy locked by " + holder.run() + " on " + holder.host() + " since "
          + holder.time() + " (" + registry.describe() + "/" + REPOSITORY + ":" + TAG
          + "); wait for it to finish, or it goes stale after " + STALE.toMinutes() + " minutes");
    }
  }

  private static void write(Registry registry, Holder holder) throws RegistryException {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("run", holder.run());
    n.put("host", holder.host());
    n.put("time", holder.time().toString());
    n.put("state", holder.state());
    registry.putRecord(REPOSITORY, TAG, n.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** Marks the lock released, if it is still ours. */
  public void release() throws RegistryException {
    if (released) {
      return;
    }
    released = true;
    Optional<Holder> current = read(registry);
    if (current.isPresent() && current.get().run().equals(ours.run())) {
      write(registry, new Holder(ours.run(), ours.host(), Instant.now(), "released"));
    }
  }

  @Override
  public void close() throws RegistryException {
    release();
  }
}
