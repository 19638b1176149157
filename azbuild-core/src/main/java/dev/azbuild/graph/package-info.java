/**
 * The module graph: which reactor modules build images, and which image depends on which.
 *
 * <p>{@link dev.azbuild.graph.ModuleGraph#build} takes the reactor as {@link
 * dev.azbuild.graph.ReactorModule}s (the Maven adapter makes them) and gives the {@link
 * dev.azbuild.graph.ImageModule}s in build order, with their upstream image modules found through
 * Maven dependencies; a Dockerfile that names another module's image without such a dependency is a
 * {@link dev.azbuild.graph.GraphException}.
 */
package dev.azbuild.graph;
