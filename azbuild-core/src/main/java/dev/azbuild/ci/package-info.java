/**
 * CI configuration generated from the module graph: a CircleCI config and a GitHub Actions workflow
 * with a build job per image module ({@code requires}/{@code needs} from the graph's upstream
 * edges; above a bound, modules of one graph layer share jobs), a gate job after every build job
 * that collects their reports, and deploy jobs after the gate that run only on the default branch.
 * Every list in the files grows linearly with the number of modules.
 *
 * <p>{@link dev.azbuild.ci.CiGraph} turns a {@link dev.azbuild.graph.ModuleGraph} into modules with
 * job names; {@link dev.azbuild.ci.CiLayout} lays out the jobs; {@link
 * dev.azbuild.ci.CircleCiConfig} and {@link dev.azbuild.ci.GithubWorkflow} render them with the
 * user's job template overrides ({@link dev.azbuild.ci.CiOptions}); {@link dev.azbuild.ci.CiFiles}
 * writes them, checks them against the vendors' size limits ({@link dev.azbuild.ci.CiTarget}) or,
 * in check mode, compares them with the committed files. Output is deterministic (no timestamps,
 * graph order), so a check in CI catches a stale committed config. {@code dev.azbuild.ci.local}
 * runs the generated files locally.
 */
package dev.azbuild.ci;
