/**
 * A local executor for the workflows {@code ci-config} generates ({@code azbuild:ci-local}): reads
 * {@code .github/workflows/azbuild.yml} or {@code .circleci/config.yml} at a commit ({@link
 * dev.azbuild.ci.local.GithubReader}, {@link dev.azbuild.ci.local.CircleCiReader} into a {@link
 * dev.azbuild.ci.local.LocalWorkflow}), and runs its jobs in dependency order, a bounded number at
 * once ({@link dev.azbuild.ci.local.WorkflowRun}), each in a fresh clone with the vendor's
 * environment variables ({@link dev.azbuild.ci.local.JobRun}), an empty Maven repository for the
 * reactor's artifacts chained to a shared read-only one, and none of the build's images on the
 * Docker daemon ({@link dev.azbuild.ci.local.ImageSweep}). Steps with no local meaning map to their
 * local equivalent ({@link dev.azbuild.ci.local.StepMapping}). Plain Java: processes for git, bash
 * and Maven, the Docker daemon behind {@link dev.azbuild.ci.local.DaemonImages}.
 */
package dev.azbuild.ci.local;
