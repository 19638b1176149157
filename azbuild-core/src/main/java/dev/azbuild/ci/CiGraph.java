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
 * The CI jobs of a reactor: per image module a build job that requires its upstream modules' build
 * jobs, and a deploy job for the default branch. Job names come from the module directory
 * ({@code services/api} → {@code build-services-api}); the few that would clash get a number.
 *
 * @param modules in graph (reactor) order
 * @param defaultBranch the only branch deploy jobs run on
 */
public record CiGraph(List<CiModule> modules, String defaultBranch) {

  /** CircleCI's rule for job names, which GitHub's for job ids also accepts. */
  public static final Pattern JOB_NAME = Pattern.compile("^[A-Za-z][A-Za-z0-9_-]*$");

  public CiGraph {
    modules = List.copyOf(modules);
    if (defaultBranch == null || defaultBranch.isBlank()) {
      throw new IllegalArgumentException("defaultBranch must not be blank");
    }
  }

  /** The jobs for every image module of {@code graph}; module dirs are made relative to {@code reactorRoot}. */
  public static CiGraph from(ModuleGraph graph, Path reactorRoot, String defaultBranch) {
    Path root = reactorRoot.toAbsolutePath().normalize();
    Map<String, CiModule> byId = new HashMap<>();
    Set<String> taken = new HashSet<>();
    List<CiModule> result = new ArrayList<>();
    for (ImageModule m : graph.modules()) {
      String dir = root.relativize(m.basedir().toAbsolutePath().normalize()).toString().replace('\\', '/');
      String artifactId = m.id().substring(m.id().indexOf(':') + 1);
      String name = unique(jobSuffix(dir.isEmpty() ? artifactId : dir), taken);
      List<String> upstream = m.upstream().stream().map(byId::get).filter(u -> u != null).map(CiModule::buildJob).toList();
      CiModule module = new CiModule(dir, dir.isEmpty() ? ":" + artifactId : dir, "build-" + name, "deploy-" + name, upstream);
      byId.put(m.id(), module);
      result.add(module);
    }
    return new CiGraph(result, defaultBranch);
  }

  /** Every build job's name, in graph order. */
  public List<String> buildJobs() {
    return modules.stream().map(CiModule::buildJob).toList();
  }

  /**
   * What a deploy job waits for: every build job (deploy only after the whole graph built), and the
   * previous module's deploy job, so deploys run one at a time in graph order, as one
   * {@code azbuild:deploy} would, and never contend for the deploy lock.
   */
  public List<String> deployRequires(int index) {
    List<String> requires = new ArrayList<>(buildJobs());
    if (index > 0) {
      requires.add(modules.get(index - 1).deployJob());
    }
    return requires;
  }

  /** {@code services/api} → {@code services-api}: letters, digits, '_' and '-' only, no leading/trailing '-'. */
  static String jobSuffix(String name) {
    String s = name.replaceAll("[^A-Za-z0-9_-]+", "-").replaceAll("-{2,}", "-").replaceAll("^-+|-+$", "");
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
