package dev.azbuild.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.azbuild.io.Json;
import dev.azbuild.registry.Registry;
import dev.azbuild.registry.RegistryException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A best-effort lock against two deploys at once, held as a record in the deploy registry under
 * {@code <prefix>/}{@value #REPOSITORY}{@code :}{@value #TAG}: {@code
 * {"run","host","pid","commit","time","heartbeat","staleAfterSeconds","state"}}.
 *
 * <p>The OCI distribution API has no compare-and-set (no conditional manifest PUT), so acquiring
 * is: read; refuse if another run holds a live lock; write ours; wait {@code settle}; read back and
 * refuse unless it is still ours. Of two runs whose writes land within the settle time, the later
 * writer keeps the lock and the other stops. What this cannot exclude: a run that stalls longer
 * than the settle time between its read and its write overwrites a lock just taken. {@link
 * #checkStillOurs} before every module bounds that: the overwritten run stops before its next
 * module.
 *
 * <p>While held, a daemon thread renews the record's {@code heartbeat} every {@link
 * #heartbeatEvery} (15 s by default), and a JVM shutdown hook (SIGTERM, SIGINT) stops the run's
 * work and writes {@code state=released} within {@link #SHUTDOWN_BUDGET}. A held lock of another
 * run is ignored when its heartbeat is older than the stale time (the larger of this run's and the
 * one the holder recorded: a holder is never judged by a shorter time than it renews for), when it
 * was taken on this host by a process that no longer runs, or when the operator breaks it ({@code
 * breakLock}). A lock that names this run id (a CI retry with the same {@code
 * azbuild.deploy.runId}) is this run's.
 */
public final class DeployLock implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DeployLock.class);

  public static final String REPOSITORY = "azbuild-lock";
  public static final String TAG = "lock";

  /** How long a held lock may go without a heartbeat before any host may take it over. */
  public static final Duration DEFAULT_STALE_AFTER = Duration.ofMinutes(2);

  /** The longest wait between two heartbeats. */
  static final Duration MAX_HEARTBEAT = Duration.ofSeconds(15);

  /**
   * The most a shutdown (SIGTERM, SIGINT) waits for the work to stop and the lock to be released.
   */
  static final Duration SHUTDOWN_BUDGET = Duration.ofSeconds(10);

  static final String HELD = "held";
  static final String RELEASED = "released";

  /**
   * The lock's content. {@code pid} is 0 when unknown; records of older versions have no heartbeat
   * (their {@code time} is taken) and no stale time ({@link Duration#ZERO}).
   *
   * @param time when the run took the lock
   * @param heartbeat when the run last renewed it
   * @param staleAfter how long the holder may go without a heartbeat before it counts as gone
   */
  public record Holder(
      String run,
      String host,
      long pid,
      String commit,
      Instant time,
      Instant heartbeat,
      Duration staleAfter,
      String state) {

    public Holder {
      Objects.requireNonNull(run, "run");
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(heartbeat, "heartbeat");
      Objects.requireNonNull(staleAfter, "staleAfter");
    }

    /** A held lock for this process, taken at {@code time}. */
    public static Holder ours(
        String run, String host, String commit, Instant time, Duration staleAfter) {
      return new Holder(
          run, host, ProcessHandle.current().pid(), commit, time, time, staleAfter, HELD);
    }

    boolean held() {
      return HELD.equals(state);
    }

    Holder beat(Instant now) {
      return new Holder(run, host, pid, commit, time, now, staleAfter, state);
    }

    Holder released(Instant now) {
      return new Holder(run, host, pid, commit, time, now, staleAfter, RELEASED);
    }

    /** {@code run-id (host H pid N, commit C, since T, last heartbeat T2)} for messages. */
    public String describe() {
      return run
          + " (host "
          + host
          + (pid > 0 ? " pid " + pid : "")
          + ", commit "
          + commit
          + ", since "
          + time
          + (heartbeat.equals(time) ? "" : ", last heartbeat " + heartbeat)
          + ")";
    }
  }

  private final Registry registry;
  private final Holder ours;
  private final ScheduledExecutorService heartbeats;
  private final Thread shutdownHook;
  private volatile Runnable stopWork = () -> {};

  /** Set once, under this object's monitor, before the released record is written. */
  private boolean released;

  /** Another run took the lock: heartbeats stop, the next {@link #checkStillOurs} fails. */
  private boolean lost;

  private DeployLock(Registry registry, Holder ours) {
    this.registry = registry;
    this.ours = ours;
    this.heartbeats =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "azbuild-deploy-lock-heartbeat");
              thread.setDaemon(true);
              return thread;
            });
    this.shutdownHook = new Thread(this::releaseOnShutdown, "azbuild-deploy-lock-shutdown");
  }

  /**
   * Takes the lock, starts its heartbeat and registers the shutdown hook that releases it.
   *
   * @param ours the record to write ({@link Holder#ours})
   * @param settle how long to wait between writing and reading back
   * @param breakLock take the lock whoever holds it (logged with the holder's details)
   * @throws DeployException when another run holds a live lock
   */
  public static DeployLock acquire(
      Registry registry, Holder ours, Duration settle, boolean breakLock)
      throws DeployException, RegistryException {
    Optional<Holder> current = read(registry);
    if (current.isPresent() && current.get().held() && !current.get().run().equals(ours.run())) {
      Holder holder = current.get();
      if (breakLock) {
        LOG.warn(
            "breaking the deploy lock {} held by {} (azbuild.deploy.breakLock=true)",
            where(registry),
            holder.describe());
      } else if (diedOnThisHost(holder, ours.host())) {
        LOG.warn(
            "deploy lock of {} taken over: its process on this host is gone", holder.describe());
      } else if (stale(holder, ours)) {
        LOG.warn(
            "deploy lock of {} taken over: no heartbeat for {} (stale after {})",
            holder.describe(),
            human(Duration.between(holder.heartbeat(), ours.time())),
            human(staleAfter(holder, ours)));
      } else {
        throw new DeployException(lockedMessage(holder, ours, registry));
      }
    }
    write(registry, ours);
    try {
      Thread.sleep(settle.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeployException("interrupted while acquiring the deploy lock", e);
    }
    Holder after =
        read(registry)
            .orElseThrow(
                () ->
                    new DeployException(
                        "the deploy lock "
                            + where(registry)
                            + " vanished after writing it; retry"));
    if (!after.run().equals(ours.run())) {
      throw new DeployException(
          "deploy lock "
              + where(registry)
              + " taken at the same moment by "
              + after.describe()
              + "; that run deploys, this one changed nothing");
    }
    DeployLock lock = new DeployLock(registry, ours);
    long every = heartbeatEvery(ours.staleAfter()).toMillis();
    @SuppressWarnings("FutureReturnValueIgnored") // runs until release() shuts the executor down;
    // beat() catches and logs its own failures, so the future has nothing to report
    var unused =
        lock.heartbeats.scheduleWithFixedDelay(lock::beat, every, every, TimeUnit.MILLISECONDS);
    Runtime.getRuntime().addShutdownHook(lock.shutdownHook);
    return lock;
  }

  /** The current lock record, if any. */
  public static Optional<Holder> read(Registry registry) throws RegistryException {
    Optional<byte[]> bytes = registry.getRecord(REPOSITORY, TAG);
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    try {
      JsonNode n = Json.MAPPER.readTree(bytes.get());
      Instant time = Instant.parse(n.path("time").asText());
      Instant heartbeat =
          n.hasNonNull("heartbeat") ? Instant.parse(n.path("heartbeat").asText()) : time;
      return Optional.of(
          new Holder(
              n.path("run").asText(),
              n.path("host").asText(),
              n.path("pid").asLong(0),
              n.path("commit").asText("unknown"),
              time,
              heartbeat,
              Duration.ofSeconds(Math.max(0, n.path("staleAfterSeconds").asLong(0))),
              n.path("state").asText()));
    } catch (IOException | DateTimeParseException e) {
      // an unreadable lock protects nothing: treat it as absent, it is overwritten
      return Optional.empty();
    }
  }

  /**
   * The one-line reason a run {@code ours} may not deploy now, or empty when the lock is free for
   * it. For dry runs, which report the lock without taking it.
   */
  public static Optional<String> blockedBy(Registry registry, Holder ours)
      throws RegistryException {
    return read(registry).filter(h -> blocks(h, ours)).map(h -> lockedMessage(h, ours, registry));
  }

  /** Whether {@code holder} keeps {@code ours} from deploying (unless the operator breaks it). */
  static boolean blocks(Holder holder, Holder ours) {
    return holder.held()
        && !holder.run().equals(ours.run())
        && !stale(holder, ours)
        && !diedOnThisHost(holder, ours.host());
  }

  /** No heartbeat for longer than the stale time, as {@code ours} sees it at its {@code time}. */
  static boolean stale(Holder holder, Holder ours) {
    return !holder.heartbeat().plus(staleAfter(holder, ours)).isAfter(ours.time());
  }

  /**
   * The larger of the two runs' stale times: a holder is never judged by a shorter time than it
   * renews for.
   */
  static Duration staleAfter(Holder holder, Holder ours) {
    return holder.staleAfter().compareTo(ours.staleAfter()) > 0
        ? holder.staleAfter()
        : ours.staleAfter();
  }

  /**
   * A quarter of the stale time, at most {@link #MAX_HEARTBEAT}: a few renewals may fail before the
   * lock goes stale.
   */
  static Duration heartbeatEvery(Duration staleAfter) {
    Duration quarter = staleAfter.dividedBy(4);
    return quarter.compareTo(MAX_HEARTBEAT) > 0
        ? MAX_HEARTBEAT
        : quarter.compareTo(Duration.ofMillis(100)) < 0 ? Duration.ofMillis(100) : quarter;
  }

  /** Taken on this host by a process that is gone: nobody will release it. */
  static boolean diedOnThisHost(Holder holder, String host) {
    return holder.pid() > 0
        && holder.host().equals(host)
        && !ProcessHandle.of(holder.pid()).map(ProcessHandle::isAlive).orElse(false);
  }

  /**
   * What to stop before the lock is released when the JVM shuts down (the running terraform), so a
   * released lock means this run's work has stopped. Bounded by {@link #SHUTDOWN_BUDGET}.
   */
  public void stopOnShutdown(Runnable stopWork) {
    this.stopWork = Objects.requireNonNull(stopWork, "stopWork");
  }

  /**
   * Fails when the lock is no longer ours (another run overwrote it, see the class comment, or the
   * JVM is shutting down and released it), so this run stops before touching {@code next}.
   */
  public void checkStillOurs(String next) throws DeployException, RegistryException {
    synchronized (this) {
      if (released) {
        throw new DeployException(
            "deploy lock "
                + where(registry)
                + " was released because azbuild is stopping;"
                + " stopped before "
                + next
                + ", modules before it are deployed and recorded");
      }
    }
    Optional<Holder> current = read(registry);
    if (current.isEmpty() || !current.get().run().equals(ours.run())) {
      throw new DeployException(
          "deploy lock "
              + where(registry)
              + " is no longer held by this run but by "
              + current.map(Holder::describe).orElse("nobody")
              + "; stopped before "
              + next
              + ", modules before it are deployed and recorded");
    }
  }

  /** Renews the heartbeat, unless the lock was released or taken by another run meanwhile. */
  private synchronized void beat() {
    if (released || lost) {
      return;
    }
    try {
      Optional<Holder> current = read(registry);
      if (current.isEmpty() || !current.get().run().equals(ours.run())) {
        lost = true;
        LOG.warn(
            "deploy lock {} is now held by {}; heartbeat stopped, this deploy stops before its next module",
            where(registry),
            current.map(Holder::describe).orElse("nobody"));
        return;
      }
      write(registry, ours.beat(Instant.now()));
    } catch (RegistryException | RuntimeException e) {
      LOG.warn(
          "deploy lock heartbeat failed, retrying in {}: {}",
          human(heartbeatEvery(ours.staleAfter())),
          e.getMessage());
    }
  }

  private static String lockedMessage(Holder holder, Holder ours, Registry registry) {
    return "deploy locked by "
        + holder.describe()
        + " in "
        + where(registry)
        + "; wait for it to finish, or it goes stale "
        + human(staleAfter(holder, ours))
        + " after its last heartbeat"
        + " (if that run is gone, -Dazbuild.deploy.breakLock=true takes the lock now)";
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
    n.put("heartbeat", holder.heartbeat().toString());
    n.put("staleAfterSeconds", holder.staleAfter().toSeconds());
    n.put("state", holder.state());
    registry.putRecord(REPOSITORY, TAG, n.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** {@code 2 minutes}, {@code 5 s}, {@code 1.5 s}. */
  static String human(Duration d) {
    if (d.toMillis() % 60_000 == 0 && !d.isZero()) {
      long minutes = d.toMinutes();
      return minutes + (minutes == 1 ? " minute" : " minutes");
    }
    return d.toMillis() % 1000 == 0
        ? d.toSeconds() + " s"
        : String.format("%.1f s", d.toMillis() / 1000.0);
  }

  /**
   * Marks the lock released if it is still ours; stops the heartbeat and removes the shutdown hook.
   * Later calls do nothing.
   */
  public void release() throws RegistryException {
    synchronized (this) {
      if (released) {
        return;
      }
      released = true; // no heartbeat writes "held" after this
    }
    heartbeats.shutdownNow();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // called by the hook itself, or the JVM is already stopping: the hook is running or done
    }
    synchronized (this) {
      Optional<Holder> current = read(registry);
      if (current.isPresent() && current.get().run().equals(ours.run())) {
        write(registry, ours.released(Instant.now()));
      }
    }
  }

  /**
   * The shutdown hook: stops the work (terraform gets SIGTERM), then releases the lock, all within
   * {@link #SHUTDOWN_BUDGET}; a registry that does not answer in time leaves the lock to go stale.
   */
  private void releaseOnShutdown() {
    synchronized (this) {
      if (released) {
        return;
      }
    }
    LOG.warn(
        "azbuild is stopping (SIGTERM or SIGINT): stopping the deploy and releasing the deploy lock {}",
        where(registry));
    Thread release =
        new Thread(
            () -> {
              try {
                stopWork.run();
              } catch (RuntimeException e) {
                LOG.warn("stopping the deploy's work failed: {}", e.getMessage());
              }
              try {
                release();
                LOG.warn("deploy lock {} released", where(registry));
              } catch (RegistryException | RuntimeException e) {
                LOG.warn(
                    "could not release the deploy lock {}: {}; it goes stale {} after its last heartbeat",
                    where(registry),
                    e.getMessage(),
                    human(ours.staleAfter()));
              }
            },
            "azbuild-deploy-lock-release");
    release.setDaemon(true);
    release.start();
    try {
      release.join(SHUTDOWN_BUDGET.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (release.isAlive()) {
      LOG.warn(
          "could not release the deploy lock {} within {}; it goes stale {} after its last heartbeat",
          where(registry),
          human(SHUTDOWN_BUDGET),
          human(ours.staleAfter()));
    }
  }

  @Override
  public void close() throws RegistryException {
    release();
  }
}
