/**
 * Building: what {@code azbuild:build} does for the modules of a plan.
 *
 * <p>{@link dev.azbuild.build.ModuleBuild} builds one module the plan rebuilds: repository and
 * lifecycle policy ({@link dev.azbuild.build.RepositorySetup}), terraform validation, parents,
 * layer cache priming, named stages, the image, its push and its tags ({@link
 * dev.azbuild.build.BuildTags}). {@link dev.azbuild.build.UnchangedImages} re-tags every unchanged
 * module at once, in the registry, without a Docker daemon. {@link dev.azbuild.build.BuildReport}
 * writes {@code build.json}.
 */
package dev.azbuild.build;
