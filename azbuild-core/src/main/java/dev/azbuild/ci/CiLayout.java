package dev.azbuild.ci;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The jobs of the generated workflow, linear in the number of modules:
 *
 * <ul>
 *   <li>build jobs: one per image module, needing its upstream modules' jobs; above {@code
 *       groupAbove} modules, modules of the same graph layer (longest path from a module without
 *       upstream) are grouped into jobs of {@code ceil(n / groupAbove)}, so there are at most
 *       {@code groupAbove} plus the number of layers build jobs, and the longest chain of build
 *       jobs stays the number of layers;
 *   <li>one gate job ({@value #GATE}) that needs every build job: it collects their build reports
 *       and passes only when every module was built or re-tagged; deploy jobs need only the gate,
 *       so no job lists every build job but this one (every deploy job listing every build job made
 *       the file grow with n²);
 *   <li>deploy jobs, one after the other (they share the deploy lock): one per module, or above
 *       {@code groupAbove} one per layer.
 * </ul>
 *
 * @param groupSize modules per build job (1 = a job per module)
 */
public record CiLayout(
    List<CiJob> builds, CiJob gate, List<CiJob> deploys, String defaultBranch, int groupSize) {

  /**
   * The gate's job id; no module job can have it (those start with {@code build-} or {@code
   * deploy-}).
   */
  public static final String GATE = "builds-done";

  /** The default of {@code azbuild.ciConfig.groupAbove}. */
  public static final int DEFAULT_GROUP_ABOVE = 100;

  public CiLayout {
    builds = List.copyOf(builds);
    deploys = List.copyOf(deploys);
  }

  /**
   * Lays out the jobs of {@code graph}.
   *
   * @param groupAbove with more image modules than this, modules are grouped into jobs
   */
  public static CiLayout of(CiGraph graph, int groupAbove) {
    if (groupAbove < 1) {
      throw new IllegalArgumentException("groupAbove must be at least 1, got " + groupAbove);
    }
    List<CiModule> modules = graph.modules();
    return modules.size() <= groupAbove
        ? perModule(graph)
        : grouped(graph, (modules.size() + groupAbove - 1) / groupAbove);
  }

  private static CiLayout perModule(CiGraph graph) {
    List<CiJob> builds = new ArrayList<>();
    List<CiJob> deploys = new ArrayList<>();
    for (CiModule m : graph.modules()) {
      builds.add(
          new CiJob(
              m.buildJob(),
              "build " + m.label(),
              CiJob.Kind.BUILD,
              List.of(m),
              m.upstreamBuildJobs()));
      String previous = deploys.isEmpty() ? GATE : deploys.get(deploys.size() - 1).id();
      deploys.add(
          new CiJob(
              m.deployJob(),
              "deploy " + m.label(),
              CiJob.Kind.DEPLOY,
              List.of(m),
              List.of(previous)));
    }
    return new CiLayout(builds, gate(graph, builds), deploys, graph.defaultBranch(), 1);
  }

  private static CiLayout grouped(CiGraph graph, int size) {
    Map<Integer, List<CiModule>> layers = layers(graph);
    Map<String, String> jobOfModuleJob =
        new HashMap<>(); // a module's own build job name → its group's job
    List<CiJob> builds = new ArrayList<>();
    List<CiJob> deploys = new ArrayList<>();
    for (Map.Entry<Integer, List<CiModule>> layer : layers.entrySet()) {
      List<CiModule> members = layer.getValue();
      int groups = (members.size() + size - 1) / size;
      for (int g = 0; g < groups; g++) {
        List<CiModule> group = members.subList(g * size, Math.min(members.size(), (g + 1) * size));
        String id = "build-layer" + layer.getKey() + "-" + (g + 1);
        Set<String> needs = new LinkedHashSet<>();
        group.forEach(m -> m.upstreamBuildJobs().forEach(u -> needs.add(jobOfModuleJob.get(u))));
        List<String> ordered =
            builds.stream().map(CiJob::id).filter(needs::contains).toList(); // workflow order
        builds.add(
            new CiJob(
                id,
                "build layer "
                    + layer.getKey()
                    + " group "
                    + (g + 1)
                    + " of "
                    + groups
                    + " ("
                    + group.size()
                    + (group.size() == 1 ? " module)" : " modules)"),
                CiJob.Kind.BUILD,
                group,
                ordered));
        group.forEach(m -> jobOfModuleJob.put(m.buildJob(), id));
      }
      String previous = deploys.isEmpty() ? GATE : deploys.get(deploys.size() - 1).id();
      deploys.add(
          new CiJob(
              "deploy-layer" + layer.getKey(),
              "deploy layer "
                  + layer.getKey()
                  + " ("
                  + members.size()
                  + (members.size() == 1 ? " module)" : " modules)"),
              CiJob.Kind.DEPLOY,
              members,
              List.of(previous)));
    }
    return new CiLayout(builds, gate(graph, builds), deploys, graph.defaultBranch(), size);
  }

  private static CiJob gate(CiGraph graph, List<CiJob> builds) {
    return new CiJob(
        GATE,
        "all builds done",
        CiJob.Kind.GATE,
        graph.modules(),
        builds.stream().map(CiJob::id).toList());
  }

  /**
   * Modules by layer: 0 without upstream image modules, else one more than their highest upstream.
   */
  static Map<Integer, List<CiModule>> layers(CiGraph graph) {
    Map<String, Integer> layerOfJob = new HashMap<>();
    Map<Integer, List<CiModule>> layers = new java.util.TreeMap<>();
    for (CiModule m : graph.modules()) { // graph order: upstream modules come first
      int layer =
          m.upstreamBuildJobs().stream().mapToInt(u -> layerOfJob.get(u) + 1).max().orElse(0);
      layerOfJob.put(m.buildJob(), layer);
      layers.computeIfAbsent(layer, k -> new ArrayList<>()).add(m);
    }
    return layers;
  }

  /** Every job in workflow order: builds, the gate, deploys. */
  public List<CiJob> jobs() {
    List<CiJob> all = new ArrayList<>(builds);
    all.add(gate);
    all.addAll(deploys);
    return all;
  }

  /**
   * The most jobs on one chain of {@code needs}, i.e. how many jobs run one after the other at
   * least.
   */
  public int criticalPath() {
    Map<String, Integer> depth = new LinkedHashMap<>();
    int longest = 0;
    for (CiJob job : jobs()) { // every job comes after the jobs it needs
      int d = 1 + job.needs().stream().mapToInt(depth::get).max().orElse(0);
      depth.put(job.id(), d);
      longest = Math.max(longest, d);
    }
    return longest;
  }
}
