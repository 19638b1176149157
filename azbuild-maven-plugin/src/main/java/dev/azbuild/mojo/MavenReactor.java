package dev.azbuild.mojo;

import dev.azbuild.graph.ReactorModule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Dependency;
import org.apache.maven.project.MavenProject;

/**
 * Adapts the Maven reactor to the graph's {@link ReactorModule}s. Per-module settings are project
 * properties, so every module's settings are known wherever a goal runs:
 * {@code azbuild.image}, {@code azbuild.dockerfile}, {@code azbuild.context},
 * {@code azbuild.buildArg.NAME}.
 */
final class MavenReactor {

  static final String IMAGE = "azbuild.image";
  static final String DOCKERFILE = "azbuild.dockerfile";
  static final String CONTEXT = "azbuild.context";
  static final String BUILD_ARG_PREFIX = "azbuild.buildArg.";

  private MavenReactor() {}

  /** Every project of the whole reactor (not only those selected with -pl), in build order. */
  static List<ReactorModule> modules(MavenSession session) {
    List<MavenProject> all = session.getAllProjects() != null ? session.getAllProjects() : session.getProjects();
    List<ReactorModule> result = new ArrayList<>();
    for (MavenProject p : all) {
      result.add(module(p));
    }
    return result;
  }

  /** The image name of a project that has a Dockerfile. */
  static java.util.Optional<String> imageModule(MavenProject p) {
    ReactorModule m = module(p);
    return m.buildsImage() ? java.util.Optional.of(m.image()) : java.util.Optional.empty();
  }

  static String id(MavenProject p) {
    return p.getGroupId() + ":" + p.getArtifactId();
  }

  private static ReactorModule module(MavenProject p) {
    Properties props = p.getProperties();
    Path basedir = p.getBasedir().toPath();
    List<String> deps = new ArrayList<>();
    for (Dependency d : p.getDependencies()) {
      deps.add(d.getGroupId() + ":" + d.getArtifactId());
    }
    Map<String, String> buildArgs = new LinkedHashMap<>();
    props.stringPropertyNames().stream().sorted()
        .filter(k -> k.startsWith(BUILD_ARG_PREFIX))
        .forEach(k -> buildArgs.put(k.substring(BUILD_ARG_PREFIX.length()), props.getProperty(k)));
    Path dockerfile = basedir.resolve(props.getProperty(DOCKERFILE, "Dockerfile")).normalize();
    if (props.getProperty(DOCKERFILE) != null && !java.nio.file.Files.isRegularFile(dockerfile)) {
      // a configured Dockerfile that is missing is a mistake, not a module without an image
      throw new IllegalArgumentException(basedir.resolve("pom.xml") + ": azbuild.dockerfile=" + props.getProperty(DOCKERFILE)
          + " does not exist (" + dockerfile + "); fix the path or remove the property");
    }
    return new ReactorModule(
        id(p),
        basedir,
        deps,
        dockerfile,
        props.getProperty(IMAGE, p.getArtifactId()),
        basedir.resolve(props.getProperty(CONTEXT, ".")).normalize(),
        buildArgs,
        p.getFile() != null ? p.getFile().toPath() : basedir.resolve("pom.xml"));
  }
}
