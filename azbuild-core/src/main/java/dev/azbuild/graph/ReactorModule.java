package dev.azbuild.graph;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A module of the Maven reactor as the graph needs it, without Maven types.
 *
 * @param dependencies ids ({@code groupId:artifactId}) of its dependencies; ids outside the reactor
 *     are ignored
 * @param dockerfile its Dockerfile; the module builds an image only if this file exists
 * @param image the image name to use if it builds one
 * @param context the build context directory
 * @param pomFile where a missing dependency would be added (named in errors)
 * @param maven what its effective model says about its build (parent POMs, coordinates)
 */
public record ReactorModule(
    String id,
    Path basedir,
    List<String> dependencies,
    Path dockerfile,
    String image,
    Path context,
    Map<String, String> buildArgs,
    Path pomFile,
    MavenInputs maven) {

  /** A module without a Maven model. */
  public ReactorModule(
      String id,
      Path basedir,
      List<String> dependencies,
      Path dockerfile,
      String image,
      Path context,
      Map<String, String> buildArgs,
      Path pomFile) {
    this(
        id,
        basedir,
        dependencies,
        dockerfile,
        image,
        context,
        buildArgs,
        pomFile,
        MavenInputs.NONE);
  }

  public boolean buildsImage() {
    return dockerfile != null && java.nio.file.Files.isRegularFile(dockerfile);
  }
}
