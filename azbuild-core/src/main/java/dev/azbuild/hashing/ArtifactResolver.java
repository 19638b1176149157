package dev.azbuild.hashing;

import java.nio.file.Path;

/**
 * Finds the file of a dependency from outside the reactor, as the module's Maven build would: the
 * Maven goals implement it with Maven's resolver, so this package stays Maven-free.
 */
@FunctionalInterface
public interface ArtifactResolver {

  /** Without Maven: any SNAPSHOT dependency is unresolvable. */
  ArtifactResolver NONE =
      (moduleId, coordinate) -> {
        throw new IllegalStateException("no Maven resolver in this run");
      };

  /**
   * The local file of a dependency of a module.
   *
   * @param moduleId the declaring module, {@code groupId:artifactId}
   * @param coordinate {@code groupId:artifactId:type:classifier:version}, as in {@link
   *     MavenModule#snapshots()}
   * @throws Exception when it cannot be resolved (the message says why)
   */
  Path resolve(String moduleId, String coordinate) throws Exception;
}
