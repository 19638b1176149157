package dev.azbuild.ci;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Overrides of the CircleCI job template.
 *
 * @param executor the executor body of every job, e.g. {@code {machine: {image:
 *     ubuntu-2204:current}}} (the default) or {@code {docker: [{image: cimg/openjdk:17.0}]}}; a
 *     {@code docker} executor gets a {@code setup_remote_docker} step, because azbuild needs a
 *     Docker daemon
 * @param resourceClass the jobs' {@code resource_class}, if set
 * @param environment variables set on every job
 * @param contexts CircleCI contexts every job of the workflow uses (e.g. one holding registry
 *     credentials)
 * @param extraSteps steps every job runs after checkout and the cache restore, before azbuild
 */
public record CircleCiOptions(
    Map<String, Object> executor,
    Optional<String> resourceClass,
    Map<String, String> environment,
    List<String> contexts,
    List<Object> extraSteps) {

  public static final Map<String, Object> DEFAULT_EXECUTOR =
      Map.of("machine", Map.of("image", "ubuntu-2204:current"));

  public CircleCiOptions {
    // ordered copies: Map.copyOf iterates in a per-JVM random order, and the output must be stable
    executor =
        executor == null || executor.isEmpty()
            ? DEFAULT_EXECUTOR
            : Collections.unmodifiableMap(new LinkedHashMap<>(executor));
    resourceClass = resourceClass.filter(s -> !s.isBlank()).map(String::strip);
    environment = Collections.unmodifiableSortedMap(new TreeMap<>(environment));
    contexts = List.copyOf(contexts);
    extraSteps = List.copyOf(extraSteps);
  }

  public static CircleCiOptions defaults() {
    return new CircleCiOptions(DEFAULT_EXECUTOR, Optional.empty(), Map.of(), List.of(), List.of());
  }

  /** Whether the executor is a container, whose Docker daemon must be a remote one. */
  public boolean needsRemoteDocker() {
    return executor.containsKey("docker");
  }
}
