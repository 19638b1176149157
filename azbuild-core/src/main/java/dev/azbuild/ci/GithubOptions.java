package dev.azbuild.ci;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Overrides of the GitHub Actions job template.
 *
 * @param runsOn the runner label of every job (default {@code ubuntu-latest}, which has a Docker
 *     daemon)
 * @param javaVersion the JDK actions/setup-java installs (temurin)
 * @param env variables of the workflow, e.g. {@code AZBUILD_CACHE_REGISTRY: ${{ vars.CACHE_REGISTRY
 *     }}}
 * @param extraSteps steps every job runs after checkout and Java setup, before azbuild
 */
public record GithubOptions(
    String runsOn, String javaVersion, Map<String, String> env, List<Object> extraSteps) {

  public static final String DEFAULT_RUNS_ON = "ubuntu-latest";
  public static final String DEFAULT_JAVA_VERSION = "17";

  public GithubOptions {
    runsOn = runsOn == null || runsOn.isBlank() ? DEFAULT_RUNS_ON : runsOn.strip();
    javaVersion =
        javaVersion == null || javaVersion.isBlank() ? DEFAULT_JAVA_VERSION : javaVersion.strip();
    env = Collections.unmodifiableSortedMap(new TreeMap<>(env));
    extraSteps = List.copyOf(extraSteps);
  }

  public static GithubOptions defaults() {
    return new GithubOptions(DEFAULT_RUNS_ON, DEFAULT_JAVA_VERSION, Map.of(), List.of());
  }
}
