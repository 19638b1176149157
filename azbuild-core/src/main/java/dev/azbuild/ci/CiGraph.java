package dev.azbuild.ci;

import dev.azbuild.graph.ImageModule;
import dev.azbuild.graph.ModuleGraph;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The image modules of a reactor as the CI sees them: per module its job names and the build jobs
 * of its upstream modules. Job names come from the module directory ({@code services/api} → {@code
 * build-services-api}); the few that would clash get a number. {@link CiLayout} turns this into the
 * jobs of a workflow.
 *
 * @param modules in graph (reactor) order
 * @param defaultBranch the only branch deploy jobs run on
 */
public record CiGraph(List<CiModule> modules, String defaultBranch) {

  /** CircleCI's rule for job names, which GitHub's for job ids also accepts. */
  public static final Pattern JOB_NAME = Pattern.compile("^[A-Za-z][A-Za-z0-9_-]*$");

  /**
   * Job ids stay below GitHub's 100 characters with {@code deploy-} and a clash number in front and
   * behind.
   */
  static final int MAX_SUFFIX = 80;

  public CiGraph {
    modules = List.copyOf(modules);
    if (defaultBranch == null || defaultBranch.isBlank()) {
      throw new IllegalArgumentException("defaultBranch must not be blank");
    }
  }

  /**
   * The jobs for every image module of {@code graph}; module dirs are made relative to {@code
   * reactorRoot}.
   */
  public static CiGraph from(ModuleGraph graph, Path reactorRoot, String defaultBranch) {
    return from(graph, reactorRoot, defaultBranch, Set.of());
  }

  /**
   * As {@link #from(ModuleGraph, Path, String)}; {@code mavenBuilt} holds the ids of the image
   * modules whose packaging Maven must build before their image (jar modules).
   */
  public static CiGraph from(
      ModuleGraph graph, Path reactorRoot, String defaultBranch, Set<String> mavenBuilt) {
    Path root = reactorRoot.toAbsolutePath().normalize();
    Map<String, CiModule> byId = new HashMap<>();
    Set<String> taken = new HashSet<>();
    List<CiModule> result = new ArrayList<>();
    for (ImageModule m : graph.modules()) {
      String dir =
          root.relativize(m.basedir().toAbsolutePath().normalize()).toString().replace('\\', '/');
      String artifactId = m.id().substring(m.id().indexOf(':') + 1);
      String name = unique(jobSuffix(dir.isEmpty() ? artifactId : dir), taken);
      List<String> upstream =
          m.upstream().stream()
              .map(byId::get)
              .filter(u -> u != null)
              .map(CiModule::buildJob)
              .toList();
      CiModule module =
          new CiModule(
              dir,
              dir.isEmpty() ? ":" + artifactId : dir,
              "build-" + name,
              "deploy-" + name,
              upstream,
              mavenBuilt.contains(m.id()));
      byId.put(m.id(), module);
      result.add(module);
    }
    return new CiGraph(result, defaultBranch);
  }

  /**
   * {@code services/api} → {@code services-api}: letters, digits, '_' and '-' only, no
   * leading/trailing '-'.
   */
  static String jobSuffix(String name) {
    String s =
        name.replaceAll("[^A-Za-z0-9_-]+", "-").replaceAll("-{2,}", "-").replaceAll("^-+|-+$", "");
    if (s.length() > MAX_SUFFIX) {
      // GitHub job ids must be shorter than 100 characters: keep the start, tell long dirs apart by
      // a hash
      s = s.substring(0, MAX_SUFFIX - 9) + "-" + String.format("%08x", name.hashCode());
    }
    return s.isEmpty() ? "module" : s;
  }

  private static String unique(String name, Set<String> taken) {
    String candidate = name;
    for (int i = 2; !taken.add(candidate); i++) {
      candidate = name + "-" + i;
    }
    return candidate;
  }
}
