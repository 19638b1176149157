package dev.azbuild.mojo;

import dev.azbuild.graph.MavenInputs;
import dev.azbuild.graph.ReactorModule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.apache.maven.artifact.ArtifactUtils;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Dependency;
import org.apache.maven.model.Plugin;
import org.apache.maven.project.MavenProject;

/**
 * Adapts the Maven reactor to the graph's {@link ReactorModule}s. Per-module settings are project
 * properties, so every module's settings are known wherever a goal runs: {@code azbuild.image},
 * {@code azbuild.dockerfile}, {@code azbuild.context}, {@code azbuild.buildArg.NAME}.
 */
final class MavenReactor {

  static final String IMAGE = "azbuild.image";
  static final String DOCKERFILE = "azbuild.dockerfile";
  static final String CONTEXT = "azbuild.context";
  static final String BUILD_ARG_PREFIX = "azbuild.buildArg.";

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
    List<ReactorModule> result = new ArrayList<>();
    for (MavenProject p : all) {
      result.add(module(p, mavenInputs(p, reactorIds, configDir)));
    }
    return result;
  }

  static List<MavenProject> projects(MavenSession session) {
    return session.getAllProjects() != null ? session.getAllProjects() : session.getProjects();
  }

  /** The image name of a project that has a Dockerfile. */
  static java.util.Optional<String> imageModule(MavenProject p) {
    ReactorModule m = module(p, MavenInputs.NONE);
    return m.buildsImage() ? java.util.Optional.of(m.image()) : java.util.Optional.empty();
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

  private static ReactorModule module(MavenProject p, MavenInputs maven) {
    Properties props = p.getProperties();
    Path basedir = p.getBasedir().toPath();
    List<String> deps = new ArrayList<>();
    for (Dependency d : p.getDependencies()) {
      deps.add(d.getGroupId() + ":" + d.getArtifactId());
    }
    Map<String, String> buildArgs = new LinkedHashMap<>();
    props.stringPropertyNames().stream()
        .sorted()
        .filter(k -> k.startsWith(BUILD_ARG_PREFIX))
        .forEach(k -> buildArgs.put(k.substring(BUILD_ARG_PREFIX.length()), props.getProperty(k)));
    Path dockerfile = basedir.resolve(props.getProperty(DOCKERFILE, "Dockerfile")).normalize();
    if (props.getProperty(DOCKERFILE) != null && !java.nio.file.Files.isRegularFile(dockerfile)) {
      // a configured Dockerfile that is missing is a mistake, not a module without an image
      throw new IllegalArgumentException(
          basedir.resolve("pom.xml")
              + ": azbuild.dockerfile="
              + props.getProperty(DOCKERFILE)
              + " does not exist ("
              + dockerfile
              + "); fix the path or remove the property");
    }
    return new ReactorModule(
        id(p),
        basedir,
        deps,
        dockerfile,
        props.getProperty(IMAGE, p.getArtifactId()),
        basedir.resolve(props.getProperty(CONTEXT, ".")).normalize(),
        buildArgs,
        p.getFile() != null ? p.getFile().toPath() : basedir.resolve("pom.xml"),
        maven);
  }
}
