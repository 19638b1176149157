package dev.azbuild.graph;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the effective Maven model says about a module's build, without Maven types: content mode
 * hashes it (see {@link dev.azbuild.hashing.MavenModule}).
 *
 * @param parentPoms the files of its parent POMs, nearest first (those outside the repository are
 *     left out when the graph is built)
 * @param configDir the reactor's {@code .mvn} directory (the multi-module project directory's)
 * @param coordinates {@code dependency g:a:type:classifier:version:scope}, {@code plugin
 *     g:a:version}, {@code plugin g:a:version dependency g:a:type:classifier:version}, {@code
 *     parent g:a:version}
 * @param snapshots the SNAPSHOT dependencies ({@code g:a:type:classifier:version}) that are not
 *     modules of the reactor: their content counts
 */
public record MavenInputs(
    List<Path> parentPoms,
    Optional<Path> configDir,
    List<String> coordinates,
    List<String> snapshots) {

  /** A module without a Maven model (tests, tools that build the graph themselves). */
  public static final MavenInputs NONE =
      new MavenInputs(List.of(), Optional.empty(), List.of(), List.of());

  public MavenInputs {
    parentPoms = List.copyOf(parentPoms);
    coordinates = List.copyOf(coordinates);
    snapshots = List.copyOf(snapshots);
  }
}
