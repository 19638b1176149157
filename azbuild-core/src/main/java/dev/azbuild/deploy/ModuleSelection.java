package dev.azbuild.deploy;

import dev.azbuild.graph.ImageModule;
import java.io.File;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which modules {@code azbuild.deploy.modules} names: module dirs as for {@code -pl}, or {@code
 * [groupId]:artifactId}.
 */
public final class ModuleSelection {

  private ModuleSelection() {}

  /**
   * The named modules in graph order; every module when {@code spec} is blank.
   *
   * @param root the reactor root that module dirs are relative to
   * @throws DeployException naming an entry that is not an image module, and the known ones
   */
  public static List<ImageModule> select(List<ImageModule> modules, Path root, String spec)
      throws DeployException {
    if (spec == null || spec.isBlank()) {
      return modules;
    }
    Path base = root.toAbsolutePath().normalize();
    Set<String> ids = new LinkedHashSet<>();
    for (String raw : spec.split(",")) {
      String name = raw.strip().replaceAll("/+$", "");
      if (name.isEmpty()) {
        continue;
      }
      ImageModule match =
          modules.stream()
              .filter(m -> names(m, base).contains(name))
              .findFirst()
              .orElseThrow(
                  () ->
                      new DeployException(
                          "azbuild.deploy.modules: '"
                              + name
                              + "' is not an image module"
                              + " of this reactor; use a module dir ("
                              + String.join(
                                  ", ", modules.stream().map(m -> dirOf(m, base)).toList())
                              + ") or [groupId]:artifactId"));
      ids.add(match.id());
    }
    return modules.stream().filter(m -> ids.contains(m.id())).toList();
  }

  /** What a module can be called: its dir, groupId:artifactId, :artifactId. */
  private static Set<String> names(ImageModule m, Path root) {
    return Set.of(dirOf(m, root), m.id(), m.id().substring(m.id().indexOf(':')));
  }

  private static String dirOf(ImageModule m, Path root) {
    String dir =
        root.relativize(m.basedir().toAbsolutePath().normalize())
            .toString()
            .replace(File.separatorChar, '/');
    return dir.isEmpty() ? "." : dir;
  }
}
