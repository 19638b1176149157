package dev.azbuild.change;

import dev.azbuild.docker.DockerIgnore;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What goes into a module's image, for content mode.
 *
 * @param contextDir the build context, relative to the git root ("" = the root)
 * @param dockerfile the Dockerfile, relative to the git root
 * @param ignore the context's {@code .dockerignore} rules
 * @param dependencyDirs directories of non-image reactor modules the module depends on (their
 *     tracked files count as inputs: a jar built from them usually lands in the image)
 * @param buildArgs docker build args
 * @param extraPatterns the module's {@code .rebuild_patterns}: files outside the context they match
 *     count as inputs too
 */
public record ModuleInputs(
    String contextDir,
    String dockerfile,
    DockerIgnore ignore,
    List<String> dependencyDirs,
    Map<String, String> buildArgs,
    Optional<RebuildPatterns> extraPatterns) {}
