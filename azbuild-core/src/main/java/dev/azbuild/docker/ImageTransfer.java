package dev.azbuild.docker;

import com.github.dockerjava.api.command.PullImageCmd;
import com.github.dockerjava.api.command.PushImageCmd;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.api.model.PushResponseItem;
import dev.azbuild.image.ImageReference;
import dev.azbuild.io.Retries;
import dev.azbuild.registry.Credentials;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls and pushes images through the daemon, with registry credentials, throttled progress and
 * retries. A missing image on pull is an answer ({@code Optional.empty()}), not an error: the
 * pipeline tries the branch tag, then master. Thread-safe.
 */
public final class ImageTransfer {

  private static final Logger LOG = LoggerFactory.getLogger(ImageTransfer.class);

  /** Errors that may pass: the network, or the registry answering 5xx or "slow down". */
  private static final Pattern RETRYABLE =
      Pattern.compile(
          "connection refused|connection reset|broken pipe|\\beof\\b|i/o timeout|timeout exceeded|tls handshake timeout"
              + "|no route to host|network is unreachable|unexpected http status: 5\\d\\d|internal server error"
              + "|bad gateway|service unavailable|gateway timeout|toomanyrequests|too many requests");

  /** How the daemon says a pulled tag or repository is not in the registry. */
  private static final Pattern MISSING = Pattern.compile("manifest unknown|not found|name unknown");

  /**
   * Three attempts, waiting about 2 s then 4 s (a registry that restarts needs seconds), none
   * started after two minutes.
   */
  public static final Retries DEFAULT_RETRIES =
      Retries.DEFAULT.withDelays(Duration.ofSeconds(2), Duration.ofSeconds(30));

  /**
   * An attempt during which the daemon reports nothing for this long is stopped and counts as
   * failed: the daemon sends progress while bytes move, so this only ends a transfer that hangs.
   */
  static final Duration STALL_LIMIT = Duration.ofSeconds(60);

  private final DockerDaemon daemon;
  private final Retries retries;
  private final Duration stallLimit;

  public ImageTransfer(DockerDaemon daemon) {
    this(daemon, DEFAULT_RETRIES);
  }

  /**
   * @param retries attempts, backoff and time budget (the caller's {@code azbuild.retries} and
   *     {@code azbuild.retryTimeout}); the daemon's own retries of a layer end an attempt at once
   */
  public ImageTransfer(DockerDaemon daemon, Retries retries) {
    this(daemon, retries, STALL_LIMIT);
  }

  ImageTransfer(DockerDaemon daemon, Retries retries, Duration stallLimit) {
    this.daemon = daemon;
    this.retries = retries;
    this.stallLimit = stallLimit;
  }

  /**
   * Pushes a local image ({@code registry/repository:tag}).
   *
   * @param auth credentials for the registry; empty uses the docker config ({@code
   *     ~/.docker/config.json})
   * @throws ImageTransferException when the push fails for good, naming registry and image
   * @throws DaemonUnreachableException when the daemon does not answer
   */
  public TransferResult push(String reference, Optional<Credentials> auth)
      throws DockerOperationException {
    ImageReference parsed = parse(reference);
    String repository = parsed.name();
    String tag = tagOf(parsed);
    return transfer(
            Verb.PUSH,
            reference,
            auth,
            () -> {
              PushImageCmd cmd = daemon.client().pushImageCmd(repository).withTag(tag);
              auth.ifPresent(c -> cmd.withAuthConfig(authConfig(parsed, c)));
              return cmd.exec(
                  new TransferProgress<PushResponseItem>(
                      reference, TransferProgress.Direction.PUSH));
            })
        .orElseThrow(); // only a pull can find nothing
  }

  /** {@link #push(String, Optional)} with the docker config's credentials. */
  public TransferResult push(String reference) throws DockerOperationException {
    return push(reference, Optional.empty());
  }

  /**
   * Pulls an image: {@code registry/repository:tag}, {@code registry/repository@sha256:…} (the
   * daemon verifies the content against the digest) or, as docker does, {@code repository} for its
   * {@code latest} tag.
   *
   * @param auth credentials for the registry; empty uses the docker config ({@code
   *     ~/.docker/config.json})
   * @return the transfer, or empty when the registry has no such tag or repository
   * @throws ImageTransferException when the pull fails for another reason, e.g. bad credentials
   * @throws DaemonUnreachableException when the daemon does not answer
   */
  public Optional<TransferResult> pull(String reference, Optional<Credentials> auth)
      throws DockerOperationException {
    ImageReference parsed = parse(reference);
    String repository = parsed.name();
    String tag = parsed.pullReference(); // the API takes a digest in its tag parameter
    Optional<TransferResult> result =
        transfer(
            Verb.PULL,
            reference,
            auth,
            () -> {
              PullImageCmd cmd = daemon.client().pullImageCmd(repository).withTag(tag);
              auth.ifPresent(c -> cmd.withAuthConfig(authConfig(parsed, c)));
              return cmd.exec(
                  new TransferProgress<PullResponseItem>(
                      reference, TransferProgress.Direction.PULL));
            });
    if (result.isEmpty()) {
      LOG.info("{} is not in the registry", reference);
    }
    return result;
  }

  /** {@link #pull(String, Optional)} with the docker config's credentials. */
  public Optional<TransferResult> pull(String reference) throws DockerOperationException {
    return pull(reference, Optional.empty());
  }

  private enum Verb {
    PULL("pull", "from"),
    PUSH("push", "to");

    final String word;
    final String preposition;

    Verb(String word, String preposition) {
      this.word = word;
      this.preposition = preposition;
    }
  }

  /** Starts one try; the returned callback is already running. */
  private interface Start {
    TransferProgress<?> start();
  }

  /** A failure that may pass on another try: what the daemon said, and why. */
  private static final class TransientTransfer extends Exception {
    final String said;

    TransientTransfer(String said, Throwable cause) {
      super(said, cause, false, false);
      this.said = said;
    }
  }

  /**
   * Runs attempts (the {@link Retries} policy: backoff with jitter, a number of attempts, a time
   * budget) until one succeeds, the image proves missing (empty), or the failure is final.
   */
  private Optional<TransferResult> transfer(
      Verb verb, String reference, Optional<Credentials> auth, Start start)
      throws DockerOperationException {
    String registry = registryOf(reference);
    dev.failsafe.RetryPolicy<Optional<TransferResult>> policy =
        retries
            .<Optional<TransferResult>>policy(TransientTransfer.class)
            .onRetry(
                e ->
                    LOG.warn(
                        "{} of {} {} {} failed ({}); try {}/{}",
                        verb.word,
                        reference,
                        verb.preposition,
                        registry,
                        e.getLastException().getMessage(),
                        e.getAttemptCount() + 1,
                        retries.attempts()))
            .build();
    AtomicInteger attempts = new AtomicInteger();
    long started = System.nanoTime();
    try {
      return Failsafe.with(policy)
          .get(context -> once(verb, reference, auth, start, registry, attempts.incrementAndGet()));
    } catch (FailsafeException e) {
      Throwable cause = e.getCause();
      if (cause instanceof TransientTransfer t) {
        throw new ImageTransferException(
            verb.word
                + " of "
                + reference
                + " "
                + verb.preposition
                + " "
                + registry
                + " failed "
                + Retries.spent(attempts.get(), Duration.ofNanos(System.nanoTime() - started))
                + ": "
                + t.said
                + hint(t.said),
            registry,
            reference,
            t.getCause());
      }
      if (cause instanceof DockerOperationException d) {
        throw d;
      }
      if (cause instanceof InterruptedException) {
        Thread.currentThread().interrupt();
        throw new DockerOperationException(verb.word + " of " + reference + " interrupted", cause);
      }
      throw e;
    }
  }

  /** One try: the result, empty when the image is missing, or a final or transient failure. */
  private Optional<TransferResult> once(
      Verb verb,
      String reference,
      Optional<Credentials> auth,
      Start start,
      String registry,
      int attempt)
      throws DockerOperationException, TransientTransfer, InterruptedException {
    Throwable cause;
    String message;
    try {
      TransferProgress<?> progress = start.start();
      awaitUnlessStalled(progress);
      if (progress.daemonRetry().isPresent()) {
        throw new TransientTransfer(progress.daemonRetry().get(), null);
      }
      if (progress.failure().isEmpty() && progress.error().isEmpty()) {
        TransferResult result = progress.result(attempt);
        LOG.info(progress.summary(result));
        return Optional.of(result);
      }
      cause = progress.failure().orElse(null);
      message = cause != null ? DockerDaemon.errorMessage(cause) : progress.error().get();
    } catch (RuntimeException e) {
      cause = e;
      message = DockerDaemon.errorMessage(e);
    }
    if (cause != null && DockerDaemon.isConnectionFailure(cause)) {
      throw daemon.unreachable(cause);
    }
    String raw = message;
    // a proxy may answer with a whole HTML page; keep the line short
    String said =
        BuildOutput.abbreviate(DockerDaemon.oneLine(auth.map(c -> c.scrub(raw)).orElse(raw)), 300);
    if (verb == Verb.PUSH
        && (cause instanceof NotFoundException || said.contains("does not exist locally"))) {
      throw new ImageTransferException(
          "push of " + reference + ": no such local image; build or tag it first",
          registry,
          reference,
          cause);
    }
    if (cause instanceof NotFoundException
        || (verb == Verb.PULL && MISSING.matcher(lower(said)).find())) {
      LOG.debug("{} of {}: {}", verb.word, reference, said);
      return Optional.empty();
    }
    if (RETRYABLE.matcher(lower(said)).find()) {
      throw new TransientTransfer(said, cause);
    }
    throw new ImageTransferException(
        verb.word
            + " of "
            + reference
            + " "
            + verb.preposition
            + " "
            + registry
            + " failed: "
            + said
            + hint(said),
        registry,
        reference,
        cause);
  }

  /**
   * Waits for the transfer to end; stops it as a failed attempt when the daemon has reported
   * nothing for the stall limit.
   */
  private void awaitUnlessStalled(TransferProgress<?> progress)
      throws InterruptedException, TransientTransfer {
    Duration check =
        stallLimit.compareTo(Duration.ofSeconds(1)) < 0 ? stallLimit : Duration.ofSeconds(1);
    while (!progress.awaitEnd(check)) {
      long quiet = System.nanoTime() - progress.lastEventNanos();
      if (quiet >= stallLimit.toNanos()) {
        progress.stop();
        throw new TransientTransfer(
            "the daemon reported no progress for " + Retries.seconds(stallLimit), null);
      }
    }
  }

  /** What to do about the errors users hit most. */
  private static String hint(String message) {
    String m = lower(message);
    if (m.contains("unauthorized")
        || m.contains("authentication required")
        || m.contains("denied")) {
      return " (check the registry credentials)";
    }
    return "";
  }

  /** The registry host of a reference; Docker Hub when it names none. */
  static String registryOf(String reference) {
    return ImageReference.tryParse(reference)
        .map(ImageReference::registryOrDefault)
        .orElse(ImageReference.DEFAULT_REGISTRY);
  }

  /**
   * The credentials as docker-java sends them in the {@code X-Registry-Auth} header, for the
   * registry the reference names: the one place registry credentials become the daemon's.
   */
  private static AuthConfig authConfig(ImageReference reference, Credentials credentials) {
    return new AuthConfig()
        .withUsername(credentials.username())
        .withPassword(credentials.secret())
        .withRegistryAddress(reference.registryOrDefault());
  }

  private static ImageReference parse(String reference) throws ImageTransferException {
    try {
      return ImageReference.parse(reference);
    } catch (IllegalArgumentException e) {
      throw new ImageTransferException(
          e.getMessage() + "; fix the image name", registryOf(reference), reference, e);
    }
  }

  /**
   * The tag of {@code repository:tag}; a tag is required so a push never sends every tag of a
   * repository.
   */
  static String tagOf(ImageReference reference) {
    return reference
        .tag()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "image reference needs a tag (repository:tag): " + reference));
  }

  private static String lower(String text) {
    return text.toLowerCase(Locale.ROOT);
  }
}
