package dev.azbuild.mojo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.apache.maven.model.Model;
import org.apache.maven.model.Profile;
import org.apache.maven.project.MavenProject;

/**
 * A project's azbuild module settings and whether it builds an image. The settings are project
 * properties, so a parent's apply to every module that inherits them: a Dockerfile, context and
 * build args set once in the root pom serve every service. Which pom declares a value is read from
 * the projects' original models (the poms as written, before inheritance), so that
 *
 * <ul>
 *   <li>a pom-packaged parent or aggregator that declares or inherits {@code azbuild.dockerfile}
 *       passes it on to its modules and builds no image itself (unless its own pom names one with
 *       {@code azbuild.image});
 *   <li>{@code azbuild.image.skip=true} opts a module out (a library): it builds no image and stays
 *       an input of the modules that depend on it; together with an image setting of its own pom it
 *       is an error;
 *   <li>an inherited Dockerfile that a module does not have is an error naming the pom it came
 *       from;
 *   <li>the plan's header can say where each setting is declared.
 * </ul>
 *
 * @param dockerfile the Dockerfile of an image module; empty when the module builds no image
 * @param noImage why the module builds no image
 */
record MavenModuleSettings(
    Optional<Path> dockerfile,
    String image,
    Path context,
    Map<String, String> buildArgs,
    Optional<String> noImage) {

  static final String IMAGE = "azbuild.image";
  static final String DOCKERFILE = "azbuild.dockerfile";
  static final String CONTEXT = "azbuild.context";
  static final String IMAGE_SKIP = "azbuild.image.skip";
  static final String BUILD_ARG_PREFIX = "azbuild.buildArg.";

  /** The settings that name an image: with {@code azbuild.image.skip=true} in one pom, an error. */
  private static final List<String> EXPLICIT = List.of(IMAGE, DOCKERFILE, CONTEXT);

  boolean buildsImage() {
    return dockerfile.isPresent();
  }

  /**
   * Resolves a project's settings.
   *
   * @param parentOrAggregator whether the project is pom-packaged and has modules or is the parent
   *     of a reactor project
   * @param root the reactor root, paths in messages are relative to it
   * @throws IllegalArgumentException one line naming the pom, the setting and the fix
   */
  static MavenModuleSettings of(MavenProject p, boolean parentOrAggregator, Path root) {
    Properties props = p.getProperties();
    Path basedir = p.getBasedir().toPath();
    String pom = relative(root, pomFile(p));
    Map<String, String> buildArgs = new LinkedHashMap<>();
    props.stringPropertyNames().stream()
        .sorted()
        .filter(k -> k.startsWith(BUILD_ARG_PREFIX))
        .forEach(k -> buildArgs.put(k.substring(BUILD_ARG_PREFIX.length()), props.getProperty(k)));
    String image = props.getProperty(IMAGE, p.getArtifactId());
    Path context = basedir.resolve(props.getProperty(CONTEXT, ".")).normalize();

    if (skip(props, pom)) {
      String origin = origin(p, IMAGE_SKIP, root);
      if (!parentOrAggregator) {
        List<String> explicit = EXPLICIT.stream().filter(k -> declares(p, k)).toList();
        if (!explicit.isEmpty()) {
          String named = explicit.get(0) + "=" + props.getProperty(explicit.get(0));
          throw new IllegalArgumentException(
              pom
                  + ": azbuild.image.skip=true"
                  + origin
                  + " and "
                  + named
                  + " on the same module; remove azbuild.image.skip (or set it to false) to build"
                  + " the image, or remove "
                  + String.join(", ", explicit)
                  + " to build none");
        }
      }
      return noImage(image, context, buildArgs, "azbuild.image.skip=true" + origin);
    }

    String configured = props.getProperty(DOCKERFILE);
    if (parentOrAggregator && configured != null && !declares(p, IMAGE)) {
      return noImage(
          image,
          context,
          buildArgs,
          "a pom-packaged parent: azbuild.dockerfile"
              + origin(p, DOCKERFILE, root)
              + " is for its modules; set azbuild.image in its pom to build an image of it");
    }
    Path dockerfile = basedir.resolve(configured != null ? configured : "Dockerfile").normalize();
    if (Files.isRegularFile(dockerfile)) {
      return new MavenModuleSettings(
          Optional.of(dockerfile), image, context, Map.copyOf(buildArgs), Optional.empty());
    }
    if (configured == null) {
      return noImage(image, context, buildArgs, "no Dockerfile: not an image module");
    }
    // a configured Dockerfile that is missing is a mistake, not a module without an image
    if (declares(p, DOCKERFILE)) {
      throw new IllegalArgumentException(
          pom
              + ": azbuild.dockerfile="
              + configured
              + " does not exist ("
              + relative(root, dockerfile)
              + "); fix the path or remove the property");
    }
    throw new IllegalArgumentException(
        pom
            + ": azbuild.dockerfile="
            + configured
            + origin(p, DOCKERFILE, root)
            + " does not exist for this module ("
            + relative(root, dockerfile)
            + "); add the file, set azbuild.dockerfile in "
            + pom
            + ", or opt the module out with <azbuild.image.skip>true</azbuild.image.skip>");
  }

  private static MavenModuleSettings noImage(
      String image, Path context, Map<String, String> buildArgs, String why) {
    return new MavenModuleSettings(
        Optional.empty(), image, context, Map.copyOf(buildArgs), Optional.of(why));
  }

  private static boolean skip(Properties props, String pom) {
    String value = props.getProperty(IMAGE_SKIP);
    if (value == null || value.isBlank()) {
      return false;
    }
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new IllegalArgumentException(
              pom
                  + ": azbuild.image.skip="
                  + value.strip()
                  + " is not true or false; set <azbuild.image.skip>true</azbuild.image.skip> to"
                  + " build no image of the module");
    };
  }

  /**
   * Where each module setting that applies to this project is declared: property, the value as
   * written, and the pom (relative to the root) or the parent's coordinates.
   */
  static List<Declared> sources(MavenProject p, MavenModuleSettings settings, Path root) {
    List<String> keys = new ArrayList<>();
    if (settings.buildsImage()) {
      for (String key : List.of(DOCKERFILE, CONTEXT, IMAGE)) {
        if (p.getProperties().getProperty(key) != null) {
          keys.add(key);
        }
      }
      p.getProperties().stringPropertyNames().stream()
          .filter(k -> k.startsWith(BUILD_ARG_PREFIX))
          .sorted()
          .forEach(keys::add);
    } else if (p.getProperties().getProperty(IMAGE_SKIP) != null) {
      keys.add(IMAGE_SKIP);
    }
    List<Declared> result = new ArrayList<>();
    for (String key : keys) {
      Optional<MavenProject> declaring = declaring(p, key);
      String value =
          declaring.flatMap(d -> declaredValue(d, key)).orElse(p.getProperties().getProperty(key));
      String where = declaring.map(d -> label(d, root)).orElse("settings or a profile");
      result.add(new Declared(key, value, where));
    }
    return result;
  }

  /** A setting as declared: the value as written and where (a pom, or a parent's coordinates). */
  record Declared(String property, String value, String where) {}

  /** {@code ""} when the project's own pom declares it, else {@code " (inherited from X)"}. */
  private static String origin(MavenProject p, String key, Path root) {
    if (declares(p, key)) {
      return "";
    }
    return declaring(p, key).map(d -> " (inherited from " + label(d, root) + ")").orElse("");
  }

  /** The project or nearest parent whose own pom declares the property. */
  static Optional<MavenProject> declaring(MavenProject p, String key) {
    for (MavenProject q = p; q != null; q = q.getParent()) {
      if (declares(q, key)) {
        return Optional.of(q);
      }
    }
    return Optional.empty();
  }

  /** Whether the pom as written declares the property (in its properties or an active profile). */
  static boolean declares(MavenProject p, String key) {
    return declaredValue(p, key).isPresent();
  }

  private static Optional<String> declaredValue(MavenProject p, String key) {
    Model original = p.getOriginalModel();
    if (original == null) {
      return Optional.empty();
    }
    if (original.getProperties().containsKey(key)) {
      return Optional.of(original.getProperties().getProperty(key));
    }
    Set<String> own = new java.util.HashSet<>();
    original.getProfiles().forEach(profile -> own.add(profile.getId()));
    for (Profile profile : p.getActiveProfiles()) {
      if (own.contains(profile.getId()) && profile.getProperties().containsKey(key)) {
        return Optional.of(profile.getProperties().getProperty(key));
      }
    }
    return Optional.empty();
  }

  private static String label(MavenProject p, Path root) {
    if (p.getFile() != null) {
      return relative(root, p.getFile().toPath());
    }
    return p.getGroupId() + ":" + p.getArtifactId() + ":" + p.getVersion();
  }

  static Path pomFile(MavenProject p) {
    return p.getFile() != null ? p.getFile().toPath() : p.getBasedir().toPath().resolve("pom.xml");
  }

  /** A path relative to the reactor root when inside it, else as it is. */
  static String relative(Path root, Path path) {
    Path r = root.toAbsolutePath().normalize();
    Path a = path.toAbsolutePath().normalize();
    return a.startsWith(r) && !a.equals(r) ? r.relativize(a).toString() : a.toString();
  }
}
