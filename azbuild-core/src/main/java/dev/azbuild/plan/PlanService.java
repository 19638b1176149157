package dev.azbuild.plan;

import dev.azbuild.env.TagNames;
import dev.azbuild.git.BaseCommit;
import dev.azbuild.git.BaseCommitResolver;
import dev.azbuild.git.GitException;
import dev.azbuild.git.GitRepo;
import dev.azbuild.graph.GraphException;
import dev.azbuild.graph.ModuleGraph;
import dev.azbuild.graph.ReactorModule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Makes a plan for a reactor: finds the base commit when diff mode needs one, falls back to content
 * mode (with a warning) when no base can be found, and decides every module.
 */
public final class PlanService {

  private PlanService() {}

  public static Plan plan(GitRepo git, List<ReactorModule> reactor, PlanSettings settings)
      throws GitException, GraphException, PlanException {
    ModuleGraph graph = ModuleGraph.build(git, reactor);
    return plan(git, graph, settings);
  }

  public static Plan plan(GitRepo git, ModuleGraph graph, PlanSettings settings)
      throws GitException, PlanException {
    Optional<ObjectId> head =
        settings.head().isPresent()
            ? Optional.of(git.resolveCommit(settings.head().get(), "azbuild.head"))
            : Optional.empty();
    ObjectId headCommit = head.isPresent() ? head.get() : git.head();
    Mode mode = settings.mode();
    List<String> warnings = new ArrayList<>();
    Optional<ObjectId> base = Optional.empty();
    if (mode == Mode.DIFF || settings.base().isPresent()) {
      BaseCommit found = resolveBase(git, settings, headCommit);
      warnings.addAll(found.warnings());
      base = found.commit();
      if (base.isEmpty() && mode == Mode.DIFF) {
        warnings.add(
            "no base commit ("
                + String.join("; ", found.warnings())
                + "); falling back to content mode,"
                + " which needs none");
        mode = Mode.CONTENT;
      }
    }
    Optional<String> branchTag =
        settings.branch().or(git::currentBranch).filter(b -> !b.isBlank()).map(TagNames::sanitize);
    return new Planner(git, graph)
        .plan(
            new Planner.Request(
                mode,
                base,
                head,
                settings.cache(),
                settings.masterTag(),
                warnings,
                settings.artifacts(),
                settings.earlierTrees(),
                branchTag,
                settings.recorded(),
                settings.deployed(),
                settings.concurrency()));
  }

  public static BaseCommit resolveBase(GitRepo git, PlanSettings settings, ObjectId head)
      throws GitException {
    Optional<String> branch = settings.branch().or(git::currentBranch);
    return new BaseCommitResolver(git)
        .resolve(
            new BaseCommitResolver.Request(
                settings.base(),
                branch,
                settings.defaultBranch(),
                settings.deployedCommit(),
                settings.allowFetch(),
                settings.targetBranch()),
            head);
  }
}
