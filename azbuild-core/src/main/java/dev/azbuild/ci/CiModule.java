package dev.azbuild.ci;

import java.util.List;

/**
 * One image module as the CI sees it.
 *
 * @param dir the module directory relative to the reactor root ("" for the root module)
 * @param selector what {@code -pl} and {@code azbuild.deploy.modules} name it by: its dir, or
 *     {@code :artifactId} for the root module
 * @param buildJob the build job's name, valid for CircleCI and GitHub
 * @param deployJob the deploy job's name
 * @param upstreamBuildJobs the build jobs of its direct upstream image modules, in graph order
 */
public record CiModule(String dir, String selector, String buildJob, String deployJob, List<String> upstreamBuildJobs) {

  public CiModule {
    upstreamBuildJobs = List.copyOf(upstreamBuildJobs);
  }
}
