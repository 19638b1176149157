package dev.azbuild.ci;

import java.util.List;

/**
 * One image module as the CI sees it.
 *
 * @param dir the module directory relative to the reactor root ("" for the root module)
 * @param selector what {@code -pl} and {@code azbuild.deploy.modules} name it by: its dir, or
 *     {@code :artifactId} for the root module
 * @param buildJob the build job's name when every module has a job of its own, valid for CircleCI
 *     and GitHub
 * @param deployJob the deploy job's name when every module has a job of its own
 * @param upstreamBuildJobs the build jobs of its direct upstream image modules, in graph order
 * @param mavenBuilt whether Maven builds something its image needs (packaging other than {@code
 *     pom}, e.g. a jar its Dockerfile copies), so its job runs {@code mvn package -pl <module> -am}
 *     (azbuild skipped) first
 */
public record CiModule(
    String dir,
    String selector,
    String buildJob,
    String deployJob,
    List<String> upstreamBuildJobs,
    boolean mavenBuilt) {

  public CiModule {
    upstreamBuildJobs = List.copyOf(upstreamBuildJobs);
  }

  public CiModule(
      String dir,
      String selector,
      String buildJob,
      String deployJob,
      List<String> upstreamBuildJobs) {
    this(dir, selector, buildJob, deployJob, upstreamBuildJobs, false);
  }

  /** How logs and job names show it: the dir, or the artifactId of the root module. */
  public String label() {
    return dir.isEmpty() ? selector.substring(1) : dir;
  }
}
