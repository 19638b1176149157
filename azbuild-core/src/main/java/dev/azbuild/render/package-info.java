/**
 * Renders the module graph with each module's decision for people: Mermaid, Graphviz DOT, JSON and
 * a self-contained HTML page.
 *
 * <p>{@link dev.azbuild.render.GraphModel} joins a {@link dev.azbuild.plan.Plan} with the modules
 * that failed in the last build; {@link dev.azbuild.render.Layout} places it in layers left to
 * right; one renderer per {@link dev.azbuild.render.GraphFormat} writes it. Plain JDK and Jackson.
 */
package dev.azbuild.render;
