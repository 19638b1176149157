package dev.azbuild.ci;

import java.util.List;

/**
 * One job of the generated workflow.
 *
 * @param id the job id, valid for CircleCI and GitHub
 * @param name what the CI shows, e.g. {@code build services/api} or {@code build layer 2 group 3
 *     (10 modules)}
 * @param kind what it does
 * @param modules the image modules it builds or deploys, in graph order (every module for the gate)
 * @param needs the jobs it waits for, in workflow order
 */
public record CiJob(String id, String name, Kind kind, List<CiModule> modules, List<String> needs) {

  /** What a job does. */
  public enum Kind {
    /** {@code azbuild:build -pl <its modules>}. */
    BUILD,
    /**
     * After every build job, whatever their outcome: collects their build reports, fails unless all
     * built.
     */
    GATE,
    /** {@code azbuild:deploy -Dazbuild.deploy.modules=<its modules>}, default branch only. */
    DEPLOY
  }

  public CiJob {
    modules = List.copyOf(modules);
    needs = List.copyOf(needs);
  }

  /**
   * The {@code -pl} / {@code azbuild.deploy.modules} value: its modules' selectors,
   * comma-separated.
   */
  public String selectors() {
    return String.join(",", modules.stream().map(CiModule::selector).toList());
  }

  /**
   * The modules whose packaging Maven builds before their image, comma-separated; empty when none.
   */
  public String mavenBuiltSelectors() {
    return String.join(
        ",", modules.stream().filter(CiModule::mavenBuilt).map(CiModule::selector).toList());
  }

  /** Its modules for a step name: {@code services/api}, or the first three and how many in all. */
  public String moduleLabels() {
    List<String> labels = modules.stream().map(CiModule::label).toList();
    return labels.size() <= 3
        ? String.join(", ", labels)
        : String.join(", ", labels.subList(0, 3)) + " and " + (labels.size() - 3) + " more";
  }
}
