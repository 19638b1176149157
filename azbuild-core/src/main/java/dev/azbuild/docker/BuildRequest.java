package dev.azbuild.docker;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One {@code docker build}: the context directory, the Dockerfile and the options azbuild uses.
 * Start with {@link #of(Path)} or {@link #of(Path, Path)} and add options with the {@code with}
 * methods; collections are copied and keep their order.
 *
 * @param contextDir the build context; {@code .dockerignore} in it applies
 * @param dockerfile the Dockerfile, inside or outside the context
 * @param target the stage to stop at ({@code --target}), if any
 * @param buildArgs {@code --build-arg} values
 * @param labels labels set on the image ({@code --label})
 * @param cacheFrom images whose layers may serve as cache ({@code --cache-from}); with the classic
 *     builder they must be present locally, so pull them first
 * @param tags full references to tag the result with ({@code -t})
 * @param pull always try to pull newer base images ({@code --pull})
 * @param parents images the Dockerfile names in {@code FROM} or {@code COPY --from} (as written,
 *     after {@code ARG} substitution) → the immutable reference the daemon reads there instead,
 *     e.g. {@code libs-base} → {@code 127.0.0.1:5000/team/libs-base@sha256:…}; the file on disk is
 *     not changed (see {@link PinnedDockerfile})
 * @param fileTime when present, every file, directory and link of the context is sent with this
 *     modification time (reproducible builds: a {@code COPY} keeps the time it is sent with); empty
 *     sends the times on disk
 */
public record BuildRequest(
    Path contextDir,
    Path dockerfile,
    Optional<String> target,
    Map<String, String> buildArgs,
    Map<String, String> labels,
    Set<String> cacheFrom,
    Set<String> tags,
    boolean pull,
    Map<String, String> parents,
    Optional<Instant> fileTime) {

  public BuildRequest {
    Objects.requireNonNull(contextDir, "contextDir");
    Objects.requireNonNull(dockerfile, "dockerfile");
    Objects.requireNonNull(target, "target");
    buildArgs = copy(buildArgs, "buildArgs");
    labels = copy(labels, "labels");
    cacheFrom = copy(cacheFrom, "cacheFrom");
    tags = copy(tags, "tags");
    parents = copy(parents, "parents");
    Objects.requireNonNull(fileTime, "fileTime");
  }

  /** Without a fixed file time. */
  public BuildRequest(
      Path contextDir,
      Path dockerfile,
      Optional<String> target,
      Map<String, String> buildArgs,
      Map<String, String> labels,
      Set<String> cacheFrom,
      Set<String> tags,
      boolean pull,
      Map<String, String> parents) {
    this(
        contextDir,
        dockerfile,
        target,
        buildArgs,
        labels,
        cacheFrom,
        tags,
        pull,
        parents,
        Optional.empty());
  }

  /** A build of {@code contextDir/Dockerfile} with no options. */
  public static BuildRequest of(Path contextDir) {
    return of(contextDir, contextDir.resolve("Dockerfile"));
  }

  /** A build of {@code dockerfile} with {@code contextDir} as context and no options. */
  public static BuildRequest of(Path contextDir, Path dockerfile) {
    return new BuildRequest(
        contextDir,
        dockerfile,
        Optional.empty(),
        Map.of(),
        Map.of(),
        Set.of(),
        Set.of(),
        false,
        Map.of());
  }

  /** Builds only up to {@code stage} ({@code --target}). */
  public BuildRequest withTarget(String stage) {
    return new BuildRequest(
        contextDir,
        dockerfile,
        Optional.of(stage),
        buildArgs,
        labels,
        cacheFrom,
        tags,
        pull,
        parents,
        fileTime);
  }

  /** Replaces the {@code --build-arg} values. */
  public BuildRequest withBuildArgs(Map<String, String> args) {
    return new BuildRequest(
        contextDir, dockerfile, target, args, labels, cacheFrom, tags, pull, parents, fileTime);
  }

  /** Replaces the image labels. */
  public BuildRequest withLabels(Map<String, String> imageLabels) {
    return new BuildRequest(
        contextDir,
        dockerfile,
        target,
        buildArgs,
        imageLabels,
        cacheFrom,
        tags,
        pull,
        parents,
        fileTime);
  }

  /** Replaces the {@code --cache-from} images. */
  public BuildRequest withCacheFrom(Set<String> images) {
    return new BuildRequest(
        contextDir, dockerfile, target, buildArgs, labels, images, tags, pull, parents, fileTime);
  }

  /** Replaces the references the image is tagged with. */
  public BuildRequest withTags(Set<String> references) {
    return new BuildRequest(
        contextDir,
        dockerfile,
        target,
        buildArgs,
        labels,
        cacheFrom,
        references,
        pull,
        parents,
        fileTime);
  }

  /** Sets whether base images are always pulled ({@code --pull}). */
  public BuildRequest withPull(boolean alwaysPull) {
    return new BuildRequest(
        contextDir,
        dockerfile,
        target,
        buildArgs,
        labels,
        cacheFrom,
        tags,
        alwaysPull,
        parents,
        fileTime);
  }

  /** Replaces the pinned images (see {@link #parents()}). */
  public BuildRequest withParents(Map<String, String> pinned) {
    return new BuildRequest(
        contextDir, dockerfile, target, buildArgs, labels, cacheFrom, tags, pull, pinned, fileTime);
  }

  /** Sends every file of the context with this modification time (see {@link #fileTime()}). */
  public BuildRequest withFileTime(Optional<Instant> time) {
    return new BuildRequest(
        contextDir, dockerfile, target, buildArgs, labels, cacheFrom, tags, pull, parents, time);
  }

  private static <K, V> Map<K, V> copy(Map<K, V> map, String name) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(map, name)));
  }

  private static <T> Set<T> copy(Set<T> set, String name) {
    return Collections.unmodifiableSet(new LinkedHashSet<>(Objects.requireNonNull(set, name)));
  }
}
