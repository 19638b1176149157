package dev.azbuild.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.azbuild.registry.CredentialChain;
import dev.azbuild.registry.Registries;
import dev.azbuild.registry.Registry;
import dev.azbuild.registry.RegistryOptions;
import dev.azbuild.testing.LocalServices;
import dev.azbuild.testing.LogCapture;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deploy lock against the real deploy registry (5001): who may take it, the heartbeat that
 * keeps it live, breaking it, and its release on SIGTERM and SIGINT (in a JVM of its own, stopped
 * with a real signal, with a real terraform apply running under it).
 */
class DeployLockIT {

  private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
  private static final Duration TWO_MINUTES = Duration.ofMinutes(2);

  @TempDir Path dir;
  private String url;
  private Registry deploy;
  private final List<DeployLock> taken = new ArrayList<>();
  private final List<Process> children = new ArrayList<>();

  @BeforeEach
  void open() throws Exception {
    url = LocalServices.DEPLOY + "/azbtest-lock-" + UUID.randomUUID().toString().substring(0, 8);
    deploy =
        Registries.forUrl(
            url,
            RegistryOptions.defaults()
                .withCredentials(CredentialChain.none())
                .withRetries(2, Duration.ofMillis(1)));
  }

  @AfterEach
  void close() throws Exception {
    for (DeployLock lock : taken) {
      lock.release(); // stops heartbeats and removes shutdown hooks; writes nothing unless still
      // ours
    }
    children.forEach(Process::destroyForcibly);
    deploy.close();
  }

  @Test
  void aLiveLockOfAnotherRunRefusesWithTheHolderAndTheStaleTime() throws Exception {
    Instant now = Instant.now();
    acquire(lock("run-a", "host-a", now, TWO_MINUTES));

    assertThatThrownBy(() -> acquire(lock("run-b", "host-b", now.plusSeconds(60), TWO_MINUTES)))
        .isInstanceOf(DeployException.class)
        .hasMessage(
            "deploy locked by run-a (host host-a pid "
                + ProcessHandle.current().pid()
                + ", commit "
                + COMMIT
                + ", since "
                + now
                + ") in "
                + url
                + "/azbuild-lock:lock; wait for it to finish, or it goes stale"
                + " 2 minutes after its last heartbeat (if that run is gone, -Dazbuild.deploy.breakLock=true takes"
                + " the lock now)");
    assertThat(DeployLock.read(deploy)).map(DeployLock.Holder::run).contains("run-a");
  }

  @Test
  void aLockWithoutAHeartbeatForTheStaleTimeIsTakenOverByAnyHostAndLogged() throws Exception {
    Instant now = Instant.now();
    // its next heartbeat is 15 s away: at run-b's (simulated) time it has been silent for 121 s
    DeployLock a = acquire(lock("run-a", "host-a", now, TWO_MINUTES));

    try (LogCapture log = new LogCapture()) {
      acquire(lock("run-b", "host-b", now.plus(TWO_MINUTES).plusSeconds(1), TWO_MINUTES));

      assertThat(log.text())
          .contains(
              "WARN dev.azbuild.deploy.DeployLock - deploy lock of run-a (host host-a pid "
                  + ProcessHandle.current().pid()
                  + ", commit "
                  + COMMIT
                  + ", since "
                  + now
                  + ") taken over: no heartbeat for 121 s (stale after 2 minutes)");
    }
    assertThat(DeployLock.read(deploy)).map(DeployLock.Holder::run).contains("run-b");
    assertThatThrownBy(() -> a.checkStillOurs("app"))
        .hasMessageContaining("is no longer held by this run");
    a.release(); // no longer ours: leaves run-b's record alone
    assertThat(DeployLock.read(deploy)).map(DeployLock.Holder::state).contains("held");
  }

  @Test
  void theHeartbeatKeepsALongDeployLive() throws Exception {
    Duration stale = Duration.ofSeconds(2); // a heartbeat every 500 ms
    Instant start = Instant.now();
    DeployLock a = acquire(lock("run-a", "host-a", start, stale));

    Thread.sleep(4000); // well past the stale time since the lock was taken
    Instant later = Instant.now();
    DeployLock.Holder record = DeployLock.read(deploy).orElseThrow();
    assertThat(record.time()).isEqualTo(start);
    assertThat(record.heartbeat()).isAfter(start.plusMillis(3000));
    assertThat(record.staleAfter()).isEqualTo(stale);
    assertThatThrownBy(() -> acquire(lock("run-b", "host-b", later, stale)))
        .hasMessageStartingWith(
            "deploy locked by run-a (host host-a pid "
                + ProcessHandle.current().pid()
                + ", commit "
                + COMMIT
                + ", since "
                + start
                + ", last heartbeat ")
        .hasMessageContaining("goes stale 2 s after its last heartbeat");

    a.release();
    Thread.sleep(1200); // no heartbeat overwrites the released record
    assertThat(DeployLock.read(deploy)).map(DeployLock.Holder::state).contains("released");
    acquire(lock("run-b", "host-b", Instant.now(), stale));
  }

  @Test
  void aHolderIsNeverJudgedByAShorterStaleTimeThanItRecorded() throws Exception {
    Instant now = Instant.now();
    acquire(lock("run-a", "host-a", now, TWO_MINUTES));

    assertThatThrownBy(
            () -> acquire(lock("run-b", "host-b", now.plusSeconds(30), Duration.ofSeconds(5))))
        .hasMessageContaining("goes stale 2 minutes after its last heartbeat");
    acquire(lock("run-b", "host-b", now.plus(TWO_MINUTES), Duration.ofSeconds(5)));
  }

  @Test
  void breakLockTakesALiveLockLogsTheHolderAndTheHolderStops() throws Exception {
    Instant now = Instant.now();
    DeployLock a = acquire(lock("run-a", "host-a", now, Duration.ofSeconds(1)));

    try (LogCapture log = new LogCapture()) {
      taken.add(
          DeployLock.acquire(
              deploy,
              lock("run-b", "host-b", now.plusSeconds(1), Duration.ofSeconds(1)),
              Duration.ZERO,
              true));
      assertThat(log.text())
          .contains(
              "WARN dev.azbuild.deploy.DeployLock - breaking the deploy lock "
                  + url
                  + "/azbuild-lock:lock held by run-a (host host-a pid "
                  + ProcessHandle.current().pid()
                  + ", commit "
                  + COMMIT
                  + ", since "
                  + now
                  + ") (azbuild.deploy.breakLock=true)");
      Thread.sleep(800); // run-a's heartbeat notices and stops instead of overwriting
      assertThat(log.text())
          .contains("deploy lock " + url + "/azbuild-lock:lock is now held by run-b (host host-b");
    }
    assertThat(DeployLock.read(deploy)).map(DeployLock.Holder::run).contains("run-b");
    assertThatThrownBy(() -> a.checkStillOurs("app"))
        .hasMessageStartingWith(
            "deploy lock "
                + url
                + "/azbuild-lock:lock is no longer held by this run"
                + " but by run-b (host host-b")
        .hasMessageEndingWith("; stopped before app, modules before it are deployed and recorded");
  }

  @Test
  void aLockLeftByADeadProcessOnThisHostIsTakenOverAtOnce() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Instant now = Instant.now();
    // never released, as when the registry died under it
    acquire(
        new DeployLock.Holder(
            "run-dead", "this-host", gone.pid(), COMMIT, now, now, TWO_MINUTES, "held"));
    DeployLock.Holder elsewhere = lock("run-b", "other-host", now.plusSeconds(1), TWO_MINUTES);

    assertThat(DeployLock.blockedBy(deploy, elsewhere))
        .hasValueSatisfying(
            m ->
                assertThat(m)
                    .startsWith(
                        "deploy locked by run-dead (host this-host pid "
                            + gone.pid()
                            + ", commit "
                            + COMMIT));
    try (LogCapture log = new LogCapture()) {
      acquire(lock("run-b", "this-host", now.plusSeconds(1), TWO_MINUTES));
      assertThat(log.text())
          .contains(
              "deploy lock of run-dead (host this-host pid "
                  + gone.pid()
                  + ", commit "
                  + COMMIT
                  + ", since "
                  + now
                  + ") taken over: its process on this host is gone");
    }
  }

  @Test
  void aRunWhoseLockWasOverwrittenStopsBeforeTheNextModule() throws Exception {
    Instant now = Instant.now();
    DeployLock a = acquire(lock("run-a", "host-a", now, TWO_MINUTES));
    a.checkStillOurs("app");
    // run-b read the lock before run-a wrote it and wrote after run-a's read-back (no CAS in the
    // API)
    acquire(lock("run-b", "host-b", now.plus(TWO_MINUTES).plusSeconds(1), TWO_MINUTES));

    assertThatThrownBy(() -> a.checkStillOurs("app"))
        .hasMessageStartingWith(
            "deploy lock "
                + url
                + "/azbuild-lock:lock is no longer held by this run"
                + " but by run-b (host host-b")
        .hasMessageEndingWith("; stopped before app, modules before it are deployed and recorded");
  }

  @Test
  void aReleasedLockStopsItsOwnRunBeforeTheNextModule() throws Exception {
    DeployLock a = acquire(lock("run-a", "host-a", Instant.now(), TWO_MINUTES));
    a.release();

    assertThatThrownBy(() -> a.checkStillOurs("app"))
        .hasMessage(
            "deploy lock "
                + url
                + "/azbuild-lock:lock was released because azbuild is stopping;"
                + " stopped before app, modules before it are deployed and recorded");
  }

  @Test
  void aRecordOfAnOlderVersionCountsItsTimeAsTheHeartbeat() throws Exception {
    Instant then = Instant.now().minusSeconds(30);
    deploy.putRecord(
        "azbuild-lock",
        "lock",
        ("{\"run\":\"old\",\"host\":\"h\",\"pid\":0,\"commit\":\""
                + COMMIT
                + "\",\"time\":\""
                + then
                + "\",\"state\":\"held\"}")
            .getBytes(StandardCharsets.UTF_8));

    DeployLock.Holder old = DeployLock.read(deploy).orElseThrow();
    assertThat(old.heartbeat()).isEqualTo(then);
    assertThat(old.staleAfter()).isEqualTo(Duration.ZERO);
    assertThat(DeployLock.blockedBy(deploy, lock("new", "h2", Instant.now(), TWO_MINUTES)))
        .isPresent();
    assertThat(
            DeployLock.blockedBy(deploy, lock("new", "h2", Instant.now(), Duration.ofSeconds(20))))
        .isEmpty();
  }

  @Test
  void heartbeatIntervalIsAQuarterOfTheStaleTimeAtMost15Seconds() {
    assertThat(DeployLock.heartbeatEvery(TWO_MINUTES)).isEqualTo(Duration.ofSeconds(15));
    assertThat(DeployLock.heartbeatEvery(Duration.ofSeconds(20))).isEqualTo(Duration.ofSeconds(5));
    assertThat(DeployLock.heartbeatEvery(Duration.ofSeconds(1))).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void sigtermStopsTheRunningTerraformThenReleasesTheLock() throws Exception {
    Path module = Files.createDirectories(dir.resolve("module"));
    Path started = dir.resolve("started");
    Path shellPid = dir.resolve("shell.pid");
    // a local-exec that records its pid and waits (up to 120 s) for a file nobody creates
    Files.writeString(
        module.resolve("main.tf"),
        "resource \"terraform_data\" \"wait\" {\n"
            + "  provisioner \"local-exec\" {\n"
            + "    command = \"echo $$ > "
            + shellPid
            + "; touch "
            + started
            + "; i=0; while [ $i -lt 1200 ];"
            + " do i=$((i+1)); sleep 0.1; done\"\n"
            + "  }\n}\n");
    Process holder =
        startHolder(
            "run-term",
            "5",
            "/usr/local/bin/terraform",
            module.toString(),
            dir.resolve("state").toString());
    StringBuilder output = readAll(holder);
    awaitFile(started, holder, output);
    long shell = Long.parseLong(Files.readString(shellPid).strip());
    assertThat(DeployLock.read(deploy)).map(DeployLock.Holder::state).contains("held");

    kill("TERM", holder);

    assertThat(holder.waitFor(20, TimeUnit.SECONDS))
        .as("exited within the shutdown budget: %s", output)
        .isTrue();
    assertThat(output.toString())
        .contains(
            "azbuild is stopping (SIGTERM or SIGINT): stopping the deploy and releasing the deploy lock "
                + url
                + "/azbuild-lock:lock")
        .contains("deploy lock " + url + "/azbuild-lock:lock released");
    DeployLock.Holder record = DeployLock.read(deploy).orElseThrow();
    assertThat(record.run()).isEqualTo("run-term");
    assertThat(record.state()).isEqualTo("released");
    assertThat(ProcessHandle.of(shell).map(ProcessHandle::isAlive).orElse(false))
        .as("terraform's local-exec was stopped")
        .isFalse();
  }

  @Test
  void sigintReleasesTheLock() throws Exception {
    assumeFalse(
        sigintIgnored(),
        "this JVM was started with SIGINT ignored (in the background of a non-interactive shell),"
            + " and so is the holder: a JVM keeps an ignored SIGINT ignored");
    Process holder = startHolder("run-int", "120");
    StringBuilder output = readAll(holder);
    for (int i = 0; i < 300 && !output.toString().contains("LOCKED"); i++) {
      assertThat(holder.isAlive()).as("holder died: %s", output).isTrue();
      Thread.sleep(100);
    }

    kill("INT", holder);

    assertThat(holder.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(DeployLock.read(deploy)).map(DeployLock.Holder::state).contains("released");
    acquire(lock("run-b", "host-b", Instant.now(), TWO_MINUTES));
  }

  /** Whether SIGINT (signal 2) is in this process's ignored-signal mask, which children inherit. */
  private static boolean sigintIgnored() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("SigIgn:")) {
        return (Long.parseUnsignedLong(line.substring("SigIgn:".length()).strip(), 16) & 0x2) != 0;
      }
    }
    return false;
  }

  private DeployLock acquire(DeployLock.Holder holder) throws Exception {
    DeployLock lock = DeployLock.acquire(deploy, holder, Duration.ZERO, false);
    taken.add(lock);
    return lock;
  }

  private static DeployLock.Holder lock(
      String run, String host, Instant time, Duration staleAfter) {
    return DeployLock.Holder.ours(run, host, COMMIT, time, staleAfter);
  }

  private Process startHolder(String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                LockHolderMain.class.getName(),
                url));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    children.add(process);
    return process;
  }

  /** Collects the process's output (stdout and stderr) as it comes. */
  private static StringBuilder readAll(Process process) {
    StringBuilder output = new StringBuilder();
    CompletableFuture.runAsync(
        () -> {
          try (BufferedReader in =
              new BufferedReader(
                  new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
              synchronized (output) {
                output.append(line).append('\n');
              }
            }
          } catch (java.io.IOException ignored) {
            // the process ended
          }
        });
    return output;
  }

  private static void awaitFile(Path file, Process process, StringBuilder output)
      throws InterruptedException {
    for (int i = 0; i < 1200 && !Files.exists(file); i++) {
      assertThat(process.isAlive()).as("holder died: %s", output).isTrue();
      Thread.sleep(100);
    }
    assertThat(file).as("terraform's local-exec did not start: %s", output).exists();
  }

  private static void kill(String signal, Process process) throws Exception {
    assertThat(
            new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                .start()
                .waitFor())
        .isZero();
  }
}
