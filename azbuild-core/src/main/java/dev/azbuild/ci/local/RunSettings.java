package dev.azbuild.ci.local;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How to run a workflow locally.
 *
 * @param repository the git work tree whose commit the jobs clone
 * @param commit the commit to run (a SHA or ref); ignored when re-running jobs of an earlier run
 * @param branch the branch the run is for (as if pushed); ignored when re-running
 * @param workDir where jobs, logs, artifacts and the run record go
 * @param concurrency how many jobs run at once
 * @param jobs the jobs to re-run (with every job after them); empty for the whole workflow
 * @param mavenHome a Maven 3.9+ the jobs' {@code mvn} runs
 * @param sharedRepository the read-only Maven repository for plugins and outside dependencies
 * @param mavenArgs more arguments for every Maven the jobs start (through {@code MAVEN_ARGS})
 * @param offline whether the jobs' Maven runs offline
 * @param javaHome the JDK the jobs use ({@code actions/setup-java} maps to it)
 * @param hostEnv this process's environment; jobs inherit it without the CI variables
 * @param extraEnv variables a CI project would set (registries), over the inherited ones
 * @param timeoutMinutes a job's limit when the workflow gives none
 * @param workflow CircleCI: the workflow to run when the file has several; empty otherwise
 */
public record RunSettings(
    Path repository,
    String commit,
    String branch,
    Path workDir,
    int concurrency,
    Set<String> jobs,
    Path mavenHome,
    Path sharedRepository,
    List<String> mavenArgs,
    boolean offline,
    Path javaHome,
    Map<String, String> hostEnv,
    Map<String, String> extraEnv,
    int timeoutMinutes,
    String workflow) {

  public RunSettings {
    jobs = Set.copyOf(jobs);
    mavenArgs = List.copyOf(mavenArgs);
    hostEnv = Map.copyOf(hostEnv);
    extraEnv = Map.copyOf(extraEnv);
  }
}
