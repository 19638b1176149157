package dev.azbuild.ci.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Maven installation the jobs' {@code mvn} runs: it must read {@code MAVEN_ARGS} and chain local
 * repositories (3.9+).
 */
public final class MavenHome {

  private static final Pattern CORE =
      Pattern.compile("maven-core-(\\d+)\\.(\\d+)\\.(\\d+)[^/]*\\.jar");

  private MavenHome() {}

  /** The version of the Maven at {@code home}, from its {@code lib/maven-core-*.jar}. */
  public static Optional<String> version(Path home) {
    try (Stream<Path> jars = Files.list(home.resolve("lib"))) {
      return jars.map(p -> CORE.matcher(p.getFileName().toString()))
          .filter(Matcher::matches)
          .map(m -> m.group(1) + "." + m.group(2) + "." + m.group(3))
          .findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * Checks that {@code home} is a Maven 3.9 or newer.
   *
   * @return its version
   * @throws WorkflowException naming the parameter, what was found and the fix
   */
  public static String check(Path home, String parameter) throws WorkflowException {
    Optional<String> version = version(home);
    if (version.isEmpty() || !Files.isRegularFile(home.resolve("bin/mvn"))) {
      throw new WorkflowException(
          parameter
              + ": "
              + home
              + " is not a Maven installation (no bin/mvn and lib/maven-core-*.jar);"
              + " give the directory of a Maven 3.9 or newer");
    }
    String[] parts = version.get().split("\\.");
    int major = Integer.parseInt(parts[0]);
    int minor = Integer.parseInt(parts[1]);
    if (major < 3 || (major == 3 && minor < 9)) {
      throw new WorkflowException(
          parameter
              + ": "
              + home
              + " is Maven "
              + version.get()
              + "; the jobs need Maven 3.9 or newer"
              + " (MAVEN_ARGS, chained local repositories): give the directory of one, e.g. the Maven wrapper's");
    }
    return version.get();
  }
}
