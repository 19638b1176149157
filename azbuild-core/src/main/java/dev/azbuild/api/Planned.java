package dev.azbuild.api;

import dev.azbuild.graph.ModuleGraph;
import dev.azbuild.plan.Plan;
import dev.azbuild.plan.RecordedImages;
import dev.azbuild.registry.KnownManifests;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The module graph and its plan, with what the goals need of the repository, so no goal opens it
 * again per module.
 *
 * @param workTree the git work tree's root
 * @param checkedOutBranch the checked-out branch; empty when HEAD is detached
 * @param probed the manifests the plan's cache probe found (the build re-tags with them)
 * @param recorded the build record the plan read (the build verifies the images it vouched for)
 */
public record Planned(
    ModuleGraph graph,
    Plan plan,
    Path workTree,
    Optional<String> checkedOutBranch,
    KnownManifests probed,
    RecordedImages recorded) {}
