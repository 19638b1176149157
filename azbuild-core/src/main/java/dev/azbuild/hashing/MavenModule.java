package dev.azbuild.hashing;

import java.util.List;
import java.util.Optional;

/**
 * What Maven reads to build one reactor module, in repository terms: content mode hashes it, so a
 * source, pom or dependency change rebuilds the image even when its Docker context holds only the
 * built jar.
 *
 * @param id {@code groupId:artifactId}, named in errors
 * @param dir the module directory relative to the git root ("" = the root)
 * @param nestedDirs directories of other reactor modules inside {@code dir}: they are modules of
 *     their own, inputs only when depended on
 * @param parentPoms the parent POM files inside the repository, relative to the git root
 * @param mavenConfigDir the reactor's {@code .mvn} directory relative to the git root, when it lies
 *     inside the repository
 * @param coordinates lines for the effective model's dependencies, build plugins and parents, e.g.
 *     {@code dependency g:a:jar::1.0:compile}, {@code plugin g:a:3.1}, {@code parent g:a:1}
 * @param snapshots SNAPSHOT dependencies from outside the reactor ({@code
 *     g:a:type:classifier:version}), counted by the content of the file Maven resolves
 */
public record MavenModule(
    String id,
    String dir,
    List<String> nestedDirs,
    List<String> parentPoms,
    Optional<String> mavenConfigDir,
    List<String> coordinates,
    List<String> snapshots) {

  public MavenModule {
    nestedDirs = List.copyOf(nestedDirs);
    parentPoms = List.copyOf(parentPoms);
    coordinates = List.copyOf(coordinates);
    snapshots = List.copyOf(snapshots);
  }

  /** A module known only by its directory: its files count, nothing Maven-specific. */
  public static MavenModule ofDir(String id, String dir) {
    return new MavenModule(id, dir, List.of(), List.of(), Optional.empty(), List.of(), List.of());
  }

  /** How the module is named in messages: its directory, or its id at the git root. */
  public String label() {
    return dir.isEmpty() ? id : dir;
  }
}
