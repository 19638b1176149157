/**
 * CI detection and env-file writing: replaces the old {@code setenv} script.
 *
 * <p>{@link dev.azbuild.env.CiDetector} reads what the CI vendor exposes in the process
 * environment, {@link dev.azbuild.env.EnvTargets} decides which files later CI steps read, {@link
 * dev.azbuild.env.EnvFiles} writes them, {@link dev.azbuild.env.TagNames} turns branch names into
 * Docker tags, and {@link dev.azbuild.env.Namespace} is the prefix of what azbuild names on a
 * shared Docker daemon or host. Plain JDK only (plus SLF4J): no Maven or JGit types here.
 */
package dev.azbuild.env;
