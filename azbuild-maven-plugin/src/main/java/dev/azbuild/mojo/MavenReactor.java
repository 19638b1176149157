package dev.azbuild.mojo;

import dev.azbuild.graph.GraphException;
import dev.azbuild.graph.MavenInputs;
import dev.azbuild.graph.ModuleSettingSource;
import dev.azbuild.graph.ReactorModule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.maven.artifact.ArtifactUtils;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Dependency;
import org.apache.maven.model.Plugin;
import org.apache.maven.project.MavenProject;

/**
 * Adapts the Maven reactor to the graph's {@link ReactorModule}s. Per-module settings are project
 * properties, so every module's settings are known wherever a goal runs, and a parent's apply to
 * the modules that inherit them ({@link MavenModuleSettings}): {@code azbuild.image}, {@code
 * azbuild.dockerfile}, {@code azbuild.context}, {@code azbuild.buildArg.NAME}, {@code
 * azbuild.image.skip}.
 */
final class MavenReactor {

  /** This plugin's key ({@code groupId:artifactId}). */
  private static final String SELF = "dev.azbuild:azbuild-maven-plugin";

  private MavenReactor() {}

  /** Every project of the whole reactor (not only those selected with -pl), in build order. */
  static List<ReactorModule> modules(MavenSession session) {
    List<MavenProject> all = projects(session);
    Set<String> reactorIds = new HashSet<>();
    all.forEach(p -> reactorIds.add(id(p)));
    Optional<Path> configDir =
        Optional.ofNullable(session.getRequest())
            .map(r -> r.getMultiModuleProjectDirectory())
            .map(dir -> dir.toPath().resolve(".mvn"));
    Set<String> parents = parentIds(all);
    Path root = root(session);
    List<ReactorModule> result = new ArrayList<>();
    for (MavenProject p : all) {
      result.add(module(p, settings(p, parents, root), mavenInputs(p, reactorIds, configDir)));
    }
    return result;
  }

  /**
   * Where the module settings of the reactor's modules are declared, one entry per property, value
   * and pom, with the modules it applies to (image modules, and opted-out modules for {@code
   * azbuild.image.skip}).
   */
  static List<ModuleSettingSource> settingSources(MavenSession session) {
    List<MavenProject> all = projects(session);
    Set<String> parents = parentIds(all);
    Path root = root(session);
    Map<List<String>, List<String>> modules = new LinkedHashMap<>();
    for (MavenProject p : all) {
      MavenModuleSettings settings = settings(p, parents, root);
      Path dir = p.getBasedir().toPath().toAbsolutePath().normalize();
      String label =
          dir.equals(root.toAbsolutePath().normalize())
              ? id(p)
              : MavenModuleSettings.relative(root, dir);
      for (MavenModuleSettings.Declared d : MavenModuleSettings.sources(p, settings, root)) {
        modules
            .computeIfAbsent(List.of(d.property(), d.value(), d.where()), k -> new ArrayList<>())
            .add(label);
      }
    }
    List<ModuleSettingSource> result = new ArrayList<>();
    modules.forEach((k, v) -> result.add(new ModuleSettingSource(k.get(0), k.get(1), k.get(2), v)));
    return result;
  }

  /** Why a reactor project builds no image; empty for an image module or an unknown id. */
  static Optional<String> noImageReason(MavenSession session, String moduleId) {
    List<MavenProject> all = projects(session);
    Set<String> parents = parentIds(all);
    Path root = root(session);
    return all.stream()
        .filter(p -> id(p).equals(moduleId))
        .findFirst()
        .flatMap(p -> settings(p, parents, root).noImage());
  }

  static List<MavenProject> projects(MavenSession session) {
    return session.getAllProjects() != null ? session.getAllProjects() : session.getProjects();
  }

  /** The ids of the reactor's projects that build an image. */
  static Set<String> imageModuleIds(MavenSession session) throws GraphException {
    List<MavenProject> all = projects(session);
    Set<String> parents = parentIds(all);
    Path root = root(session);
    Set<String> ids = new HashSet<>();
    try {
      for (MavenProject p : all) {
        if (settings(p, parents, root).buildsImage()) {
          ids.add(id(p));
        }
      }
    } catch (IllegalArgumentException e) {
      throw new GraphException(e.getMessage());
    }
    return ids;
  }

  /** The image name of a project that builds an image. */
  static Optional<String> imageModule(MavenSession session, MavenProject p) throws GraphException {
    MavenModuleSettings m;
    try {
      m = settings(p, parentIds(projects(session)), root(session));
    } catch (IllegalArgumentException e) {
      throw new GraphException(e.getMessage());
    }
    return m.buildsImage() ? Optional.of(m.image()) : Optional.empty();
  }

  private static MavenModuleSettings settings(MavenProject p, Set<String> parents, Path root) {
    boolean parentOrAggregator =
        "pom".equals(p.getPackaging())
            && (parents.contains(id(p))
                || (p.getOriginalModel() != null && !p.getOriginalModel().getModules().isEmpty()));
    return MavenModuleSettings.of(p, parentOrAggregator, root);
  }

  /** The ids of the projects that are the parent of a reactor project. */
  static Set<String> parentIds(List<MavenProject> all) {
    Set<String> ids = new HashSet<>();
    for (MavenProject p : all) {
      if (p.getParent() != null) {
        ids.add(id(p.getParent()));
      }
    }
    return ids;
  }

  private static Path root(MavenSession session) {
    MavenProject root = MavenBuildHost.rootProject(session);
    return root != null && root.getBasedir() != null
        ? root.getBasedir().toPath()
        : Path.of(session.getExecutionRootDirectory());
  }

  /**
   * What the effective model says about the project's build: parent POM files, dependency and
   * build-plugin coordinates after inheritance and dependencyManagement, the SNAPSHOT dependencies
   * from outside the reactor. All in memory: Maven has built every model already.
   */
  static MavenInputs mavenInputs(MavenProject p, Set<String> reactorIds, Optional<Path> configDir) {
    List<Path> parentPoms = new ArrayList<>();
    List<String> coordinates = new ArrayList<>();
    for (MavenProject parent = p.getParent(); parent != null; parent = parent.getParent()) {
      if (parent.getFile() != null) {
        parentPoms.add(parent.getFile().toPath());
      }
      coordinates.add(
          "parent "
              + parent.getGroupId()
              + ":"
              + parent.getArtifactId()
              + ":"
              + parent.getVersion());
    }
    List<String> snapshots = new ArrayList<>();
    for (Dependency d : p.getDependencies()) {
      coordinates.add(
          "dependency " + coordinate(d) + ":" + (d.getScope() == null ? "compile" : d.getScope()));
      if (ArtifactUtils.isSnapshot(d.getVersion())
          && !"system".equals(d.getScope())
          && !reactorIds.contains(d.getGroupId() + ":" + d.getArtifactId())) {
        snapshots.add(coordinate(d));
      }
    }
    for (Plugin plugin : p.getBuildPlugins()) {
      if (SELF.equals(plugin.getKey())) {
        continue; // azbuild builds no part of the image; a new azbuild changes hashes only with its
        // input format
      }
      String name = plugin.getGroupId() + ":" + plugin.getArtifactId() + ":" + plugin.getVersion();
      coordinates.add("plugin " + name);
      for (Dependency d : plugin.getDependencies()) {
        coordinates.add("plugin " + name + " dependency " + coordinate(d));
      }
    }
    return new MavenInputs(parentPoms, configDir, coordinates, snapshots);
  }

  /**
   * {@code groupId:artifactId:type:classifier:version}, as {@link MavenArtifacts} finds it again.
   */
  static String coordinate(Dependency d) {
    return d.getGroupId()
        + ":"
        + d.getArtifactId()
        + ":"
        + (d.getType() == null ? "jar" : d.getType())
        + ":"
        + (d.getClassifier() == null ? "" : d.getClassifier())
        + ":"
        + d.getVersion();
  }

  static String id(MavenProject p) {
    return p.getGroupId() + ":" + p.getArtifactId();
  }

  private static ReactorModule module(
      MavenProject p, MavenModuleSettings settings, MavenInputs maven) {
    List<String> deps = new ArrayList<>();
    for (Dependency d : p.getDependencies()) {
      deps.add(d.getGroupId() + ":" + d.getArtifactId());
    }
    return new ReactorModule(
        id(p),
        p.getBasedir().toPath(),
        deps,
        settings.dockerfile().orElse(null),
        settings.image(),
        settings.context(),
        settings.buildArgs(),
        MavenModuleSettings.pomFile(p),
        maven);
  }
}
