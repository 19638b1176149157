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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A best-effort lock against two deploys at once, held as a record in the deploy registry under
 * {@code <prefix>/}{@value #REPOSITORY}{@code :}{@value #TAG}:
 * {@code {"run","host","pid","commit","time","state"}}.
 *
 * <p>The OCI distribution API has no compare-and-set (no conditional manifest PUT), so acquiring
 * is: read; refuse if another run holds a fresh lock; write ours; wait {@code settle}; read back and
 * refuse unless it is still ours. Of two runs whose writes land within the settle time, the later
 * writer keeps the lock and the other stops. What this cannot exclude: a run that stalls longer
 * than the settle time between its read and its write overwrites a lock just taken. {@link
 * #checkStillOurs} before every module bounds that: the overwritten run stops before its next
 * module. Releasing writes {@code state=released}.
 *
 * <p>A held lock is ignored when it is older than {@link #STALE}, when it names this run id (a CI
 * retry with the same {@code azbuild.deploy.runId}), or when it was taken on this host by a process
 * that no longer runs (a deploy that died, or whose release could not reach the registry).
 */
public final class DeployLock implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DeployLock.class);

  public static final String REPOSITORY = "azbuild-lock";
  public static final String TAG = "lock";
  public static final Duration STALE = Duration.ofMinutes(30);

  /** The lock's content. {@code pid} is 0 when unknown (records of older versions). */
  public record Holder(String run, String host, long pid, String commit, Instant time, String state) {

    /** A held lock for this process. */
    public static Holder ours(String run, String host, String commit, Instant time) {
      return new Holder(run, host, ProcessHandle.current().pid(), commit, time, "held");
    }

    boolean held() {
      return "held".equals(state);
    }

    /** {@code run-id (host pid N, commit C, since T)} for messages. */
    public String describe() {
      return run + " (host " + host + (pid > 0 ? " pid " + pid : "") + ", commit " + commit + ", since " + time + ")";
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
   * @param ours the record to write ({@link Holder#ours})
   * @param settle how long to wait between writing and reading back
   * @throws DeployException when another run holds a fresh lock
   */
  public static DeployLock acquire(Registry registry, Holder ours, Duration settle)
      throws DeployException, RegistryException {
    Optional<Holder> current = read(registry);
    if (current.isPresent()) {
      refuseIfHeld(current.get(), ours, registry);
      if (current.get().held() && !current.get().run().equals(ours.run())) {
        LOG.info("deploy lock of {} taken over: {}", current.get().describe(),
            diedOnThisHost(current.get(), ours.host()) ? "its process on this host is gone" : "it is stale");
      }
    }
    write(registry, ours);
    try {
      Thread.sleep(settle.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeployException("interrupted while acquiring the deploy lock", e);
    }
    Holder after = read(registry).orElseThrow(() -> new DeployException(
        "the deploy lock " + where(registry) + " vanished after writing it; retry"));
    if (!after.run().equals(ours.run())) {
      throw new DeployException("deploy lock " + where(registry) + " taken at the same moment by " + after.describe()
          + "; that run deploys, this one changed nothing");
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
      return Optional.of(new Holder(n.path("run").asText(), n.path("host").asText(), n.path("pid").asLong(0),
          n.path("commit").asText("unknown"), Instant.parse(n.path("time").asText()), n.path("state").asText()));
    } catch (IOException | DateTimeParseException e) {
      // an unreadable lock protects nothing: treat it as absent, it is overwritten
      return Optional.empty();
    }
  }

  /**
   * The one-line reason a run {@code ours} may not deploy now, or empty when the lock is free for
   * it. For dry runs, which report the lock without taking it.
   */
  public static Optional<String> blockedBy(Registry registry, Holder ours) throws RegistryException {
    return read(registry).filter(h -> blocks(h, ours)).map(h -> lockedMessage(h, registry));
  }

  /** Whether {@code holder} keeps {@code ours} from deploying. */
  static boolean blocks(Holder holder, Holder ours) {
    return holder.held() && !holder.run().equals(ours.run()) && holder.time().plus(STALE).isAfter(ours.time())
        && !diedOnThisHost(holder, ours.host());
  }

  /** Taken on this host by a process that is gone: nobody will release it. */
  static boolean diedOnThisHost(Holder holder, String host) {
    return holder.pid() > 0 && holder.host().equals(host)
        && ProcessHandle.of(holder.pid()).map(ProcessHandle::isAlive).orElse(false) == Boolean.FALSE;
  }

  /**
   * Fails when the lock is no longer ours (another run overwrote it, see the class comment), so
   * this run stops before touching {@code next}.
   */
  public void checkStillOurs(String next) throws DeployException, RegistryException {
    Optional<Holder> current = read(registry);
    if (current.isEmpty() || !current.get().run().equals(ours.run())) {
      throw new DeployException("deploy lock " + where(registry) + " is no longer held by this run but by "
          + current.map(Holder::describe).orElse("nobody") + "; stopped before " + next
          + ", modules before it are deployed and recorded");
    }
  }

  private static void refuseIfHeld(Holder holder, Holder ours, Registry registry) throws DeployException {
    if (blocks(holder, ours)) {
      throw new DeployException(lockedMessage(holder, registry));
    }
  }

  private static String lockedMessage(Holder holder, Registry registry) {
    return "deploy locked by " + holder.describe() + " in " + where(registry)
        + "; wait for it to finish, or it goes stale after " + STALE.toMinutes() + " minutes";
  }

  private static String where(Registry registry) {
    return registry.describe() + "/" + REPOSITORY + ":" + TAG;
  }

  private static void write(Registry registry, Holder holder) throws RegistryException {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("run", holder.run());
    n.put("host", holder.host());
    n.put("pid", holder.pid());
    n.put("commit", holder.commit());
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
      write(registry, new Holder(ours.run(), ours.host(), ours.pid(), ours.commit(), Instant.now(), "released"));
    }
  }

  @Override
  public void close() throws RegistryException {
    release();
  }
}
