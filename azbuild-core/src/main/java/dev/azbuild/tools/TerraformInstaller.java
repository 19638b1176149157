package dev.azbuild.tools;

import dev.azbuild.io.FileTrees;
import dev.azbuild.io.Retries;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provides an exact terraform version, in this order:
 *
 * <ol>
 *   <li>the {@code terraform} found first on {@code PATH}, if it reports that version;
 *   <li>the cached {@code <cacheRoot>/terraform/<version>/terraform}, if it runs and reports that
 *       version; a cached version is never downloaded again;
 *   <li>a download of the release zip and its {@code SHA256SUMS} from the mirror, installed only if
 *       the zip's SHA-256 matches.
 * </ol>
 *
 * <p>An install is staged in a temporary directory beside the cache and renamed into place in one
 * step, so other builds never see a half-written binary and an interrupted install leaves nothing
 * behind at the version path. Concurrent installs of one version may both download; the first
 * rename wins and the others use its result. Instances hold no mutable state and may be shared
 * between threads.
 */
public final class TerraformInstaller {

  private static final Logger log = LoggerFactory.getLogger(TerraformInstaller.class);

  private static final String STAGING_PREFIX = ".tmp-";
  private static final String BROKEN_PREFIX = ".broken-";

  /** Staging left this long ago belongs to a killed build; no download takes a day. */
  private static final Duration STALE = Duration.ofDays(1);

  private final String pathEnv;
  private final ReleaseMirror mirror;
  private final VersionProbe probe;

  /** Searches this process's {@code PATH}; downloads with 3 attempts per file, backoff from 1 s. */
  public TerraformInstaller() {
    this(Retries.DEFAULT);
  }

  /** Searches this process's {@code PATH}; downloads each file as {@code retries} says. */
  public TerraformInstaller(Retries retries) {
    this(
        System.getenv("PATH"),
        defaultHttpClient(),
        retries.withDelays(Duration.ofSeconds(1), retries.maxDelay()),
        Duration.ofMinutes(10));
  }

  /**
   * @param pathEnv a {@code PATH} value to search, or {@code null} to skip the search
   * @param requestTimeout for each download, body included
   */
  TerraformInstaller(
      String pathEnv, HttpClient http, int attempts, Duration backoff, Duration requestTimeout) {
    this(
        pathEnv,
        http,
        Retries.of(attempts).withDelays(backoff, Retries.DEFAULT_MAX_DELAY),
        requestTimeout);
  }

  private TerraformInstaller(
      String pathEnv, HttpClient http, Retries retries, Duration requestTimeout) {
    this.pathEnv = pathEnv;
    this.mirror = new ReleaseMirror(http, retries, requestTimeout);
    this.probe = new VersionProbe(Duration.ofSeconds(30));
  }

  private static HttpClient defaultHttpClient() {
    return HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(30))
        .followRedirects(HttpClient.Redirect.NORMAL)
        // Honours -Dhttps.proxyHost and friends, which HttpClient ignores by default.
        .proxy(ProxySelector.getDefault())
        .build();
  }

  /**
   * Returns the path of a terraform binary that reports exactly {@code request.version()},
   * installing it into the cache if needed.
   *
   * @throws TerraformInstallException with a one-line message when the version is malformed,
   *     missing on the mirror, fails verification, or cannot be downloaded or installed
   */
  public Path ensure(TerraformRequest request) throws TerraformInstallException {
    request.validate();
    String version = request.version();

    Optional<Path> onPath = findOnPath(request.binaryName());
    if (onPath.isPresent()) {
      Optional<String> reported = probe.version(onPath.get());
      if (reported.equals(Optional.of(version))) {
        log.info("terraform {}: using {} (on PATH)", version, onPath.get());
        return onPath.get();
      }
      log.info(
          "terraform {}: not using {} on PATH, which reports {}",
          version,
          onPath.get(),
          reported.orElse("no version"));
    }

    Path cached = request.cachedBinary();
    if (isInstalled(cached, version)) {
      log.info("terraform {}: using {} (cached)", version, cached);
      return cached;
    }
    return install(request);
  }

  /** The first executable {@code name} in a {@code PATH} entry, like a shell's lookup. */
  private Optional<Path> findOnPath(String name) {
    if (pathEnv == null) {
      return Optional.empty();
    }
    for (String dir : pathEnv.split(Pattern.quote(File.pathSeparator))) {
      // An empty entry means the working directory: not a place to pick a deploy tool from.
      if (dir.isBlank()) {
        continue;
      }
      try {
        Path candidate = Path.of(dir, name);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return Optional.of(candidate.toAbsolutePath());
        }
      } catch (InvalidPathException e) {
        log.debug("skipping PATH entry '{}': {}", dir, e.getMessage());
      }
    }
    return Optional.empty();
  }

  private boolean isInstalled(Path binary, String version) {
    return Files.isRegularFile(binary)
        && Files.isExecutable(binary)
        && probe.version(binary).equals(Optional.of(version));
  }

  private Path install(TerraformRequest request) throws TerraformInstallException {
    String version = request.version();
    Path toolDir = request.toolDir();
    Path staging = null;
    try {
      Files.createDirectories(toolDir);
      removeStale(toolDir);
      staging = Files.createTempDirectory(toolDir, STAGING_PREFIX + version + "-");

      String expected = expectedHash(request);
      Path zip = staging.resolve(request.zipName());
      download(request, zip);
      String actual = Checksums.sha256(zip);
      if (!actual.equals(expected)) {
        throw new TerraformInstallException(
            "SHA-256 mismatch for "
                + request.zipName()
                + " from "
                + request.zipUri()
                + ": expected "
                + expected
                + ", got "
                + actual
                + "; nothing installed");
      }

      Path staged = Files.createDirectory(staging.resolve(version));
      Path binary = staged.resolve(request.binaryName());
      extract(request, zip, binary);
      makeExecutable(binary);
      Optional<String> reported = probe.version(binary);
      if (!reported.equals(Optional.of(version))) {
        throw new TerraformInstallException(
            "The terraform binary in "
                + request.zipName()
                + " from "
                + request.mirror()
                + " reports "
                + reported.map(v -> "version " + v).orElse("no version")
                + ", expected "
                + version
                + "; nothing installed");
      }
      return moveIntoPlace(request, staged);
    } catch (IOException e) {
      throw new TerraformInstallException(
          "Could not install terraform " + version + " into " + toolDir + ": " + oneLine(e), e);
    } finally {
      if (staging != null) {
        FileTrees.deleteQuietly(staging);
      }
    }
  }

  private String expectedHash(TerraformRequest request) throws TerraformInstallException {
    String sums;
    try {
      sums = mirror.getString(request.sumsUri());
    } catch (ReleaseMirror.NotFoundException e) {
      throw new TerraformInstallException(
          "terraform "
              + request.version()
              + " does not exist on mirror "
              + request.mirror()
              + " ("
              + e.getMessage()
              + "); check the version",
          e);
    } catch (IOException e) {
      throw downloadFailed(request, e);
    } catch (InterruptedException e) {
      throw interrupted(request, e);
    }
    return Checksums.find(sums, request.zipName())
        .orElseThrow(
            () ->
                new TerraformInstallException(
                    request.sumsUri()
                        + " has no SHA-256 line for "
                        + request.zipName()
                        + ": terraform "
                        + request.version()
                        + " is not published for "
                        + request.os()
                        + "_"
                        + request.arch()
                        + " on that mirror"));
  }

  private void download(TerraformRequest request, Path zip) throws TerraformInstallException {
    try {
      mirror.download(request.zipUri(), zip);
    } catch (ReleaseMirror.NotFoundException e) {
      throw new TerraformInstallException(
          "terraform "
              + request.version()
              + " for "
              + request.os()
              + "_"
              + request.arch()
              + " does not exist on mirror "
              + request.mirror()
              + " ("
              + e.getMessage()
              + ")",
          e);
    } catch (IOException e) {
      throw downloadFailed(request, e);
    } catch (InterruptedException e) {
      throw interrupted(request, e);
    }
  }

  private static TerraformInstallException downloadFailed(TerraformRequest request, IOException e) {
    return new TerraformInstallException(
        "Could not download terraform "
            + request.version()
            + " from "
            + request.mirror()
            + ": "
            + oneLine(e),
        e);
  }

  private static TerraformInstallException interrupted(
      TerraformRequest request, InterruptedException e) {
    Thread.currentThread().interrupt();
    return new TerraformInstallException(
        "Interrupted while downloading terraform " + request.version(), e);
  }

  private static void extract(TerraformRequest request, Path zip, Path target)
      throws IOException, TerraformInstallException {
    try (ZipFile zipFile = new ZipFile(zip.toFile())) {
      // Only this one entry is read, to a fixed path: names inside the zip never become paths.
      ZipEntry entry = zipFile.getEntry(request.binaryName());
      if (entry == null || entry.isDirectory()) {
        throw new TerraformInstallException(
            request.zipName()
                + " from "
                + request.mirror()
                + " has no '"
                + request.binaryName()
                + "' file at its root; nothing installed");
      }
      try (InputStream in = zipFile.getInputStream(entry)) {
        Files.copy(in, target);
      }
    }
  }

  private static void makeExecutable(Path binary) throws IOException {
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwxr-xr-x"));
    } else if (!binary.toFile().setExecutable(true)) {
      throw new IOException("cannot make " + binary + " executable");
    }
  }

  /**
   * Renames the staged version directory to its final path. rename(2) of a directory onto an
   * existing non-empty one fails, so of several racing installs exactly one lands.
   */
  private Path moveIntoPlace(TerraformRequest request, Path staged)
      throws IOException, TerraformInstallException {
    String version = request.version();
    Path target = request.versionDir();
    Path binary = request.cachedBinary();
    if (Files.exists(target)) {
      if (isInstalled(binary, version)) {
        return adoptConcurrentInstall(request);
      }
      // Not something an install of ours leaves: moved aside whole, then deleted.
      log.warn(
          "terraform {}: replacing {}, which does not hold a working terraform {}",
          version,
          target,
          version);
      Path aside = request.toolDir().resolve(BROKEN_PREFIX + version + "-" + UUID.randomUUID());
      try {
        Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        log.debug("could not move {} aside (another build may have): {}", target, oneLine(e));
      }
      FileTrees.deleteQuietly(aside);
    }
    try {
      Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      if (isInstalled(binary, version)) {
        return adoptConcurrentInstall(request);
      }
      throw e;
    }
    log.info(
        "terraform {}: downloaded and verified from {} into {}", version, request.mirror(), binary);
    return binary;
  }

  private static Path adoptConcurrentInstall(TerraformRequest request) {
    log.info(
        "terraform {}: using {} (installed concurrently by another build)",
        request.version(),
        request.cachedBinary());
    return request.cachedBinary();
  }

  /** Deletes staging and moved-aside directories that killed builds left behind. */
  private static void removeStale(Path toolDir) {
    FileTime cutoff = FileTime.from(Instant.now().minus(STALE));
    List<Path> stale;
    try (Stream<Path> entries = Files.list(toolDir)) {
      stale =
          entries
              .filter(
                  p -> {
                    String name = p.getFileName().toString();
                    return name.startsWith(STAGING_PREFIX) || name.startsWith(BROKEN_PREFIX);
                  })
              .filter(
                  p -> {
                    try {
                      return Files.getLastModifiedTime(p).compareTo(cutoff) < 0;
                    } catch (IOException e) {
                      return false;
                    }
                  })
              .toList();
    } catch (IOException e) {
      return;
    }
    stale.forEach(FileTrees::deleteQuietly);
  }

  /** An exception's message on one line, falling back to its type when it has none. */
  private static String oneLine(Exception e) {
    String message = e.getMessage();
    String text = message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    return text.replaceAll("\\s+", " ").trim();
  }
}
