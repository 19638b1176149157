package dev.azbuild.tools;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Asks a terraform binary which version it is. */
final class VersionProbe {

  private static final Pattern JSON_VERSION =
      Pattern.compile("\"terraform_version\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern TEXT_VERSION = Pattern.compile("(?m)^Terraform v(\\S+)");

  private final Duration timeout;

  VersionProbe(Duration timeout) {
    this.timeout = timeout;
  }

  /**
   * Runs {@code <binary> version -json} and returns the reported version, or empty when the binary
   * does not run, times out or prints no recognisable version.
   */
  Optional<String> version(Path binary) {
    ProcessBuilder pb =
        new ProcessBuilder(binary.toString(), "version", "-json").redirectErrorStream(true);
    // Without this terraform phones HashiCorp to check for a newer release.
    pb.environment().put("CHECKPOINT_DISABLE", "1");
    Process process;
    try {
      process = start(pb);
    } catch (IOException e) {
      return Optional.empty();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    // Read on a separate thread so a binary that hangs without output still times out.
    Thread reader =
        new Thread(
            () -> {
              try {
                process.getInputStream().transferTo(out);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            },
            "terraform-version-reader");
    reader.setDaemon(true);
    reader.start();
    try {
      process.getOutputStream().close();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        return Optional.empty();
      }
      reader.join(timeout.toMillis());
    } catch (IOException e) {
      process.destroyForcibly();
      return Optional.empty();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
    return parse(out.toString(StandardCharsets.UTF_8));
  }

  /**
   * Starts the process, again when exec fails with ETXTBSY: another thread of this JVM may be
   * writing an executable (an install beside this one) while the fork copies its descriptors, and
   * the child then holds a write descriptor of the binary for a moment.
   */
  private static Process start(ProcessBuilder pb) throws IOException {
    try {
      return Failsafe.with(
              RetryPolicy.<Process>builder()
                  .handleIf(
                      e ->
                          e instanceof IOException
                              && String.valueOf(e.getMessage()).contains("Text file busy"))
                  .withDelay(Duration.ofMillis(50))
                  .withMaxRetries(10)
                  .build())
          .get(pb::start);
    } catch (FailsafeException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
    }
  }

  /**
   * {@code "terraform_version": "X"} from {@code -json}, else {@code Terraform vX} (old releases).
   */
  static Optional<String> parse(String output) {
    Matcher json = JSON_VERSION.matcher(output);
    if (json.find()) {
      return Optional.of(json.group(1));
    }
    Matcher text = TEXT_VERSION.matcher(output);
    return text.find() ? Optional.of(text.group(1)) : Optional.empty();
  }
}
