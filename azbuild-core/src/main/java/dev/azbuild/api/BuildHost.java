package dev.azbuild.api;

import dev.azbuild.graph.ModuleSettingSource;
import dev.azbuild.graph.ReactorModule;
import dev.azbuild.hashing.ArtifactResolver;
import dev.azbuild.registry.Credentials;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the build tool running azbuild knows and azbuild-core cannot find out itself: the reactor,
 * its directories, the modules this run was asked to build, credentials from its own settings. The
 * Maven plugin implements it over the Maven session.
 */
public interface BuildHost {

  /** Every module of the whole reactor (not only those selected), in build order. */
  List<ReactorModule> reactor();

  /**
   * Ids ({@code groupId:artifactId}) of the modules this run builds ({@code -pl} selects them), in
   * build order.
   */
  List<String> selectedModules();

  /** Resolves SNAPSHOT dependencies from outside the reactor (content mode hashes their files). */
  ArtifactResolver artifacts();

  /**
   * Registry credentials the build tool holds, by registry host (Maven: settings.xml servers,
   * decrypted).
   */
  Map<String, Credentials> credentials();

  /** The directory the build was started in. */
  Path executionRoot();

  /** The reactor's top directory. */
  Path reactorRoot();

  /** Where reports go ({@code target/azbuild} at the reactor root). */
  Path reportDir();

  /**
   * The artifactId of the project the build was started in (names this project on shared hosts).
   */
  String rootArtifactId();

  /** The build tool's own installation (ci-local runs the same Maven in its jobs). */
  Path toolHome();

  /** The build tool's local repository of plugins and dependencies. */
  Path localRepository();

  /** Whether the build tool runs offline. */
  boolean offline();

  /** The repository URL of a module ({@code <scm><url>}), for the image's source label. */
  Optional<String> scmUrl(String moduleId);

  /**
   * Where the module settings of the reactor's modules are declared (a shared Dockerfile set once
   * in a parent, an opt-out), for the plan's header; none when the build tool cannot say.
   */
  default List<ModuleSettingSource> moduleSettingSources() {
    return List.of();
  }

  /**
   * Why a reactor module builds no image, e.g. {@code azbuild.image.skip=true} or "a pom-packaged
   * parent: its azbuild.dockerfile is for its modules"; empty when the build tool cannot say.
   */
  default Optional<String> noImageReason(String moduleId) {
    return Optional.empty();
  }
}
