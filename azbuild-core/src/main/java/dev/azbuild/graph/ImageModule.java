package dev.azbuild.graph;

import dev.azbuild.hashing.MavenModule;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A reactor module that builds an image.
 *
 * @param id {@code groupId:artifactId}
 * @param dir the module directory relative to the git root ("" for the root)
 * @param basedir the module directory on disk
 * @param image the image name (artifactId unless configured)
 * @param dockerfile the Dockerfile, relative to the git root
 * @param contextDir the build context, relative to the git root
 * @param upstream image modules this one depends on directly (through Maven dependencies, also via
 *     non-image modules), in reactor order
 * @param dependencyDirs directories of the non-image reactor modules it depends on
 * @param buildArgs docker build args
 * @param maven what Maven reads to build it (content mode hashes it)
 * @param dependencyModules the same for each non-image reactor module it depends on, transitively
 */
public record ImageModule(
    String id,
    String dir,
    Path basedir,
    String image,
    String dockerfile,
    String contextDir,
    List<String> upstream,
    List<String> dependencyDirs,
    Map<String, String> buildArgs,
    MavenModule maven,
    List<MavenModule> dependencyModules) {

  /** A module known by its directories alone (no Maven model). */
  public ImageModule(
      String id,
      String dir,
      Path basedir,
      String image,
      String dockerfile,
      String contextDir,
      List<String> upstream,
      List<String> dependencyDirs,
      Map<String, String> buildArgs) {
    this(
        id,
        dir,
        basedir,
        image,
        dockerfile,
        contextDir,
        upstream,
        dependencyDirs,
        buildArgs,
        MavenModule.ofDir(id, dir),
        dependencyDirs.stream().map(d -> MavenModule.ofDir(d, d)).toList());
  }

  /** How the module is named in log lines: its directory, or its id at the git root. */
  public String label() {
    return dir.isEmpty() ? id : dir;
  }
}
