/**
 * CI configuration generated from the module graph: a CircleCI config and a GitHub Actions workflow
 * with one build job per image module ({@code requires}/{@code needs} from the graph's upstream
 * edges) and one deploy job per module that runs only on the default branch after every build job.
 *
 * <p>{@link dev.azbuild.ci.CiGraph} turns a {@link dev.azbuild.graph.ModuleGraph} into jobs;
 * {@link dev.azbuild.ci.CircleCiConfig} and {@link dev.azbuild.ci.GithubWorkflow} render them with the
 * user's job template overrides ({@link dev.azbuild.ci.CiOptions}); {@link dev.azbuild.ci.CiFiles}
 * writes them or, in check mode, compares them with the committed files. Output is deterministic
 * (no timestamps, graph order), so a check in CI catches a stale committed config.
 */
package dev.azbuild.ci;
