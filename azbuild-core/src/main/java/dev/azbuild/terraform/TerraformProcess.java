package dev.azbuild.terraform;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts one terraform command in a module, captures its output and enforces a timeout. */
final class TerraformProcess {

  private static final Logger log = LoggerFactory.getLogger(TerraformProcess.class);

  /**
   * How long terraform gets to stop cleanly (release state locks, stop providers) after SIGTERM.
   */
  private static final Duration GRACE = Duration.ofSeconds(10);

  private static final Duration KILL_WAIT = Duration.ofSeconds(5);

  /** What a finished command printed; any exit code. */
  record Result(int exitCode, String stdout, String stderr) {}

  private final Path binary;
  private final Map<String, String> env;
  private final Duration timeout;

  /** The commands running now, for {@link #stopRunning}. */
  private final Set<Process> running = ConcurrentHashMap.newKeySet();

  /** Set by {@link #stopRunning}: no command starts after it. */
  private volatile boolean stopped;

  /**
   * @param env set on top of this process's environment for every command
   * @param timeout per command
   */
  TerraformProcess(Path binary, Map<String, String> env, Duration timeout) {
    this.binary = binary;
    this.env = Map.copyOf(env);
    this.timeout = timeout;
  }

  /**
   * {@code terraform <args>} as shown to users: no binary path, no {@code -chdir}, secrets masked.
   */
  static String display(List<String> args, SecretMask mask) {
    return mask.apply("terraform " + String.join(" ", args));
  }

  /**
   * Runs {@code terraform -chdir=<moduleDir> <args>} with {@code TF_DATA_DIR=dataDir}.
   *
   * @throws TerraformException if it cannot start, times out or the thread is interrupted; a
   *     non-zero exit is returned, not thrown, as some commands use it for results
   */
  Result run(Path moduleDir, Path dataDir, List<String> args, SecretMask mask)
      throws TerraformException {
    String display = display(args, mask);
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.add("-chdir=" + moduleDir);
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(env);
    builder.environment().put("TF_DATA_DIR", dataDir.toString());
    log.debug("{}: {}", moduleDir, display);

    if (stopped) {
      throw new TerraformException(moduleDir, display, -1, "not started: azbuild is stopping");
    }
    Process process;
    try {
      process = builder.start();
      process.getOutputStream().close();
    } catch (IOException e) {
      throw new TerraformException(
          moduleDir,
          display,
          -1,
          "could not run " + binary + ": " + ErrorSummary.truncate(String.valueOf(e.getMessage())));
    }
    running.add(process);
    if (stopped) { // stopRunning came between the check above and the add: it did not see this one
      stop(process);
    }
    Capture out =
        new Capture(process.getInputStream(), line -> log.debug("  {}", mask.apply(line)));
    Capture err =
        new Capture(process.getErrorStream(), line -> log.debug("  {}", mask.apply(line)));
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        stop(process);
        String tail = ErrorSummary.of(mask.apply(err.text()), mask.apply(out.text()));
        throw new TerraformException(
            moduleDir,
            display,
            -1,
            "timed out after "
                + seconds(timeout)
                + "; raise the terraform timeout if it needs longer (last output: "
                + tail
                + ")");
      }
      out.join();
      err.join();
    } catch (InterruptedException e) {
      stop(process);
      Thread.currentThread().interrupt();
      throw new TerraformException(moduleDir, display, -1, "interrupted");
    } finally {
      running.remove(process);
    }
    return new Result(process.exitValue(), out.text(), err.text());
  }

  /**
   * Stops every command running now the way a timeout does (for a JVM that is shutting down): the
   * command that was waiting for it then returns terraform's exit.
   */
  void stopRunning(Duration grace) {
    stopped = true;
    List<Thread> stopping =
        running.stream()
            .map(
                process -> {
                  Thread thread = new Thread(() -> stop(process, grace), "terraform-stop");
                  thread.setDaemon(true);
                  thread.start();
                  return thread;
                })
            .toList();
    for (Thread thread : stopping) {
      try {
        thread.join(grace.toMillis() + 1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static void stop(Process process) {
    stop(process, GRACE);
  }

  /**
   * SIGTERM first (terraform then cancels cleanly), SIGKILL for what is left after the grace
   * period.
   */
  private static void stop(Process process, Duration grace) {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    try {
      process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<ProcessHandle> left =
        Stream.concat(children.stream(), process.descendants()).distinct().toList();
    left.forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    // A killed local-exec may outlive the JVM by a moment unless we wait: wait it out, so that
    // nothing terraform started still runs once the deploy has stopped.
    for (ProcessHandle child : left) {
      try {
        child.onExit().get(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (ExecutionException | TimeoutException e) {
        // still alive after SIGKILL (uninterruptible I/O): nothing more to do
      }
    }
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  /** Reads a stream on its own thread, so neither pipe can fill up and block terraform. */
  private static final class Capture {
    private final StringBuilder text = new StringBuilder();
    private final Thread thread;

    Capture(InputStream in, Consumer<String> onLine) {
      thread =
          new Thread(
              () -> {
                try (BufferedReader reader =
                    new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                  for (String line; (line = reader.readLine()) != null; ) {
                    onLine.accept(line);
                    synchronized (text) {
                      text.append(line).append('\n');
                    }
                  }
                } catch (IOException e) {
                  // The stream closes when the process is killed; what was read so far is kept.
                }
              },
              "terraform-output");
      thread.setDaemon(true);
      thread.start();
    }

    /**
     * Waits for the end of the stream; bounded, as a killed process's grandchildren may hold it
     * open.
     */
    void join() throws InterruptedException {
      thread.join(GRACE.toMillis());
    }

    String text() {
      synchronized (text) {
        return text.toString();
      }
    }
  }
}
