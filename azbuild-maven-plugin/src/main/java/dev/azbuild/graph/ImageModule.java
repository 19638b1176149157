package dev.azbuild.graph;

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
    Map<String, String> buildArgs) {

  /** How the module is named in log lines: its directory, or its id at the git root. */
  public String label() {
    return dir.isEmpty() ? id : dir;
  }
}
