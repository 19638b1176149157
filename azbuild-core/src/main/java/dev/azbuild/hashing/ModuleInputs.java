package dev.azbuild.hashing;

import dev.azbuild.dockerfile.DockerIgnore;
import dev.azbuild.patterns.RebuildPatterns;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What goes into a module's image, for content mode.
 *
 * @param contextDir the build context, relative to the git root ("" = the root)
 * @param dockerfile the Dockerfile, relative to the git root
 * @param ignore the context's {@code .dockerignore} rules
 * @param buildArgs docker build args
 * @param extraPatterns the module's {@code .rebuild_patterns}: files outside the context they match
 *     count as inputs too
 * @param maven what Maven reads to build the module itself (its files, parent poms, {@code .mvn},
 *     dependency and plugin coordinates); empty for a module known only by its context
 * @param dependencies the same for every non-image reactor module it depends on, transitively
 *     (their jars usually land in the image)
 */
public record ModuleInputs(
    String contextDir,
    String dockerfile,
    DockerIgnore ignore,
    Map<String, String> buildArgs,
    Optional<RebuildPatterns> extraPatterns,
    Optional<MavenModule> maven,
    List<MavenModule> dependencies) {

  /** The inputs of the context alone, plus the files of dependency directories (no Maven model). */
  public ModuleInputs(
      String contextDir,
      String dockerfile,
      DockerIgnore ignore,
      List<String> dependencyDirs,
      Map<String, String> buildArgs,
      Optional<RebuildPatterns> extraPatterns) {
    this(
        contextDir,
        dockerfile,
        ignore,
        buildArgs,
        extraPatterns,
        Optional.empty(),
        dependencyDirs.stream().map(dir -> MavenModule.ofDir(dir, dir)).toList());
  }
}
