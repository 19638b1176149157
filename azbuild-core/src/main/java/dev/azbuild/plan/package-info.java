/**
 * The rebuild plan: for every image module, rebuild or not, and why.
 *
 * <p>{@link dev.azbuild.plan.PlanService} finds the base commit when diff mode needs one and asks
 * the {@link dev.azbuild.plan.Planner}, which decides each module in build order: in content mode
 * by its input hash and a {@link dev.azbuild.plan.CacheProbe} of the cache registry (all probes at
 * once, {@link dev.azbuild.plan.CacheProbes}); in diff mode by the changed files and the module's
 * rebuild patterns. The result is a {@link dev.azbuild.plan.Plan} of {@link
 * dev.azbuild.plan.ModuleDecision}s; {@link dev.azbuild.plan.PlanReport} writes it as a table,
 * {@code plan.json} and {@code inputs.txt}.
 */
package dev.azbuild.plan;
