package dev.azbuild.build;

import dev.azbuild.docker.StageBuilds;
import dev.azbuild.graph.ImageModule;
import dev.azbuild.graph.ModuleGraph;
import dev.azbuild.io.RequestPool;
import dev.azbuild.plan.Mode;
import dev.azbuild.plan.ModuleDecision;
import dev.azbuild.plan.Plan;
import dev.azbuild.registry.KnownManifests;
import dev.azbuild.registry.Manifest;
import dev.azbuild.registry.Registry;
import dev.azbuild.registry.RegistryException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-tags every unchanged module of a build in one go: its image (found under its cache tag, or in
 * diff mode the default branch's tag) gets the branch and commit tags in the cache registry, and so
 * does each named stage image that exists. No pull, no layer moved, no Docker daemon.
 *
 * <p>Modules are independent, so their requests run in parallel on a bounded pool; a module's tags
 * are written concurrently too. The manifest the plan's probe read ({@link KnownManifests}) is put
 * back under the new tags as is, so an unchanged image without named stages costs one PUT per tag.
 * A module whose re-tag fails gets a failed report; the others go on.
 */
public final class UnchangedImages {

  private static final Logger LOG = LoggerFactory.getLogger(UnchangedImages.class);

  /**
   * One module the plan leaves unchanged.
   *
   * @param stages the named stages of its Dockerfile (their images are re-tagged too, when they
   *     exist)
   */
  public record Unchanged(ImageModule module, ModuleDecision decision, List<String> stages) {}

  /**
   * What the batch did with one module.
   *
   * @param label the module's label for log lines
   * @param sourceTag the tag its image was found under
   */
  public record Outcome(String label, String sourceTag, ModuleReport report) {

    public boolean failed() {
      return ModuleReport.FAILED.equals(report.action());
    }

    /**
     * The module's one decision line, e.g. {@code web: unchanged, re-tagged cache-3f2a… as [main,
     * 2f20e1e7b1dd] ...}.
     */
    public String logLine() {
      return switch (report.action()) {
        case ModuleReport.RETAGGED ->
            label
                + ": unchanged, re-tagged "
                + BuildTags.abbreviate(sourceTag)
                + " as "
                + report.tags().stream().map(BuildTags::abbreviate).toList()
                + " (no layer moved, "
                + String.format("%.1f", report.seconds())
                + " s)";
        case ModuleReport.SKIPPED ->
            label
                + ": unchanged ("
                + String.join("; ", report.reasons())
                + "); nothing to build, push skipped";
        default -> label + ": unchanged, re-tag failed: " + report.error();
      };
    }
  }

  private final Registry cache;
  private final BuildSettings settings;
  private final Mode mode;
  private final KnownManifests known;

  /**
   * @param known manifests the plan's probe read from {@code cache}; any other is read here
   */
  public UnchangedImages(Registry cache, BuildSettings settings, Mode mode, KnownManifests known) {
    this.cache = cache;
    this.settings = settings;
    this.mode = mode;
    this.known = known;
  }

  /**
   * The image modules among {@code ids} (the projects this build runs, so {@code -pl} subsets
   * re-tag only theirs) that the plan leaves unchanged, in the order of {@code ids}.
   */
  public static List<Unchanged> select(Plan plan, ModuleGraph graph, Collection<String> ids) {
    List<Unchanged> result = new ArrayList<>();
    for (String id : ids) {
      Optional<ImageModule> module = graph.module(id);
      Optional<ModuleDecision> decision = plan.decision(id).filter(d -> !d.rebuild());
      if (module.isPresent() && decision.isPresent()) {
        result.add(
            new Unchanged(
                module.get(), decision.get(), StageBuilds.namedStages(graph.dockerfile(id))));
      }
    }
    return result;
  }

  /** Re-tags the modules; every one gets an outcome, by module id in the given order. */
  public Map<String, Outcome> retag(List<Unchanged> modules) {
    Map<String, Outcome> outcomes = new LinkedHashMap<>();
    if (modules.isEmpty()) {
      return outcomes;
    }
    if (settings.skipPush()) {
      modules.forEach(u -> outcomes.put(u.module().id(), skipped(u)));
      return outcomes;
    }
    // two at least: a module's own requests (stage tags, image tags) run side by side too
    int threads = Math.min(RequestPool.MAX_IN_FLIGHT, Math.max(2, modules.size()));
    LOG.info(
        "re-tagging {} unchanged module{} in {} ({} requests at a time)",
        modules.size(),
        modules.size() == 1 ? "" : "s",
        cache.describe(),
        threads);
    long start = System.nanoTime();
    ExecutorService pool = RequestPool.open("retag", threads);
    try {
      List<CompletableFuture<Outcome>> futures = new ArrayList<>();
      for (Unchanged u : modules) {
        futures.add(retag(u, pool));
      }
      for (int i = 0; i < modules.size(); i++) {
        outcomes.put(modules.get(i).module().id(), futures.get(i).join());
      }
    } finally {
      pool.shutdownNow();
    }
    long failed = outcomes.values().stream().filter(Outcome::failed).count();
    LOG.info(
        "re-tagged {} unchanged module{} in {} s{}",
        modules.size() - failed,
        modules.size() == 1 ? "" : "s",
        String.format("%.1f", (System.nanoTime() - start) / 1e9),
        failed == 0 ? "" : " (" + failed + " failed)");
    return outcomes;
  }

  /** Never completes exceptionally: a failure becomes the module's failed outcome. */
  private CompletableFuture<Outcome> retag(Unchanged u, ExecutorService pool) {
    ImageModule module = u.module();
    String repository = module.image();
    String source = BuildTags.unchangedSource(mode, u.decision(), settings);
    List<String> tags = BuildTags.following(source, settings);
    AtomicLong started = new AtomicLong();
    Step<Void> ensure =
        () -> {
          RepositorySetup.ensure(cache, module, settings.reactorRoot());
          return null;
        };
    List<CompletableFuture<?>> work = new ArrayList<>();
    work.add(async(ensure, started, pool));
    for (String stage : u.stages()) {
      // a stage image exists only when the module was built with this Dockerfile's stages
      work.add(
          async(
                  () -> cache.findManifest(repository, StageBuilds.stageTag(stage, source)),
                  started,
                  pool)
              .thenCompose(
                  found ->
                      found
                          .map(
                              m ->
                                  putAll(
                                      repository,
                                      m,
                                      tags.stream()
                                          .map(tag -> StageBuilds.stageTag(stage, tag))
                                          .toList(),
                                      started,
                                      pool))
                          .orElse(CompletableFuture.completedFuture(null))));
    }
    Optional<Manifest> probed = known.get(repository, source);
    CompletableFuture<Manifest> image =
        probed
            .map(CompletableFuture::completedFuture)
            .orElseGet(() -> async(() -> cache.getManifest(repository, source), started, pool));
    CompletableFuture<String> digest =
        image.thenCompose(
            m -> putAll(repository, m, tags, started, pool).thenApply(v -> m.digest()));
    work.add(digest);
    return CompletableFuture.allOf(work.toArray(CompletableFuture[]::new))
        .handle(
            (v, error) -> {
              double seconds = started.get() == 0 ? 0 : (System.nanoTime() - started.get()) / 1e9;
              if (error != null) {
                String message = module.label() + ": " + cause(error).getMessage();
                return new Outcome(
                    module.label(),
                    source,
                    ModuleReport.failed(
                        module.id(), module.image(), seconds, u.decision().reasons(), message));
              }
              return new Outcome(
                  module.label(),
                  source,
                  new ModuleReport(
                      module.id(),
                      module.image(),
                      ModuleReport.RETAGGED,
                      digest.join(),
                      tags,
                      0,
                      0,
                      seconds,
                      u.decision().reasons(),
                      null));
            });
  }

  private Outcome skipped(Unchanged u) {
    ImageModule module = u.module();
    return new Outcome(
        module.label(),
        BuildTags.unchangedSource(mode, u.decision(), settings),
        new ModuleReport(
            module.id(),
            module.image(),
            ModuleReport.SKIPPED,
            null,
            List.of(),
            0,
            0,
            0,
            u.decision().reasons(),
            null));
  }

  /** One PUT per tag, all at once. */
  private CompletableFuture<Void> putAll(
      String repository,
      Manifest manifest,
      List<String> tags,
      AtomicLong started,
      ExecutorService pool) {
    return CompletableFuture.allOf(
        tags.stream()
            .map(
                tag ->
                    async(
                        () -> {
                          cache.putManifest(repository, tag, manifest);
                          return null;
                        },
                        started,
                        pool))
            .toArray(CompletableFuture[]::new));
  }

  @FunctionalInterface
  private interface Step<T> {
    T run() throws RegistryException;
  }

  /** Runs a registry request on the pool; the module's clock starts with its first request. */
  private static <T> CompletableFuture<T> async(
      Step<T> step, AtomicLong started, ExecutorService pool) {
    return CompletableFuture.supplyAsync(
        () -> {
          started.compareAndSet(0, System.nanoTime());
          try {
            return step.run();
          } catch (RegistryException e) {
            throw new CompletionException(e);
          }
        },
        pool);
  }

  private static Throwable cause(Throwable error) {
    Throwable t = error;
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
