package dev.azbuild.build;

import dev.azbuild.docker.StageBuilds;
import dev.azbuild.graph.ImageModule;
import dev.azbuild.graph.ModuleGraph;
import dev.azbuild.io.RequestPool;
import dev.azbuild.plan.Mode;
import dev.azbuild.plan.ModuleDecision;
import dev.azbuild.plan.Plan;
import dev.azbuild.plan.RecordedImages;
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
import java.util.Set;
import java.util.TreeMap;
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
   * @param stages the digests of its named stages' images that it re-tagged (for the build record)
   */
  public record Outcome(
      String label, String sourceTag, ModuleReport report, Map<String, String> stages) {

    public Outcome {
      stages = Map.copyOf(stages);
    }

    public Outcome(String label, String sourceTag, ModuleReport report) {
      this(label, sourceTag, report, Map.of());
    }

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

  /**
   * What the batch did.
   *
   * @param outcomes by module id, in the given order: every module re-tagged, skipped or failed
   * @param rebuild by module id, in the given order, with the reason: the modules that must be
   *     built after all because the image the build record named is gone from the registry, and the
   *     unchanged modules built on them
   */
  public record Result(Map<String, Outcome> outcomes, Map<String, String> rebuild) {

    public static final Result EMPTY = new Result(Map.of(), Map.of());

    /** The digests of the stage images each re-tagged module re-tagged (module id to stages). */
    public Map<String, Map<String, String>> stageDigests() {
      Map<String, Map<String, String>> byModule = new LinkedHashMap<>();
      outcomes.forEach(
          (id, outcome) -> {
            if (!outcome.failed() && !outcome.stages().isEmpty()) {
              byModule.put(id, outcome.stages());
            }
          });
      return byModule;
    }

    public Result {
      outcomes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outcomes));
      rebuild = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rebuild));
    }

    /**
     * The plan as the build carries it out: the modules to build after all rebuild, with their
     * reason, and so does every unchanged module downstream of them (the plan's rule: a module
     * rebuilds when an upstream module does). The plan itself when there are none.
     */
    public Plan amend(Plan plan) {
      if (rebuild.isEmpty()) {
        return plan;
      }
      Set<String> rebuilt = new java.util.HashSet<>();
      List<ModuleDecision> decisions = new ArrayList<>();
      for (ModuleDecision d : plan.modules()) {
        List<String> reasons = d.reasons();
        boolean now = d.rebuild();
        if (rebuild.containsKey(d.id())) {
          reasons = List.of(rebuild.get(d.id()));
          now = true;
        } else if (!d.rebuild()) {
          List<String> upstream = d.upstream().stream().filter(rebuilt::contains).toList();
          if (!upstream.isEmpty()) {
            reasons = upstream.stream().map(u -> "upstream " + u + " rebuilds").toList();
            now = true;
          }
        }
        if (now) {
          rebuilt.add(d.id());
        }
        decisions.add(
            now == d.rebuild() && reasons == d.reasons()
                ? d
                : new ModuleDecision(
                    d.id(),
                    d.dir(),
                    d.image(),
                    now,
                    reasons,
                    d.inputHash(),
                    d.inputTree(),
                    d.upstream()));
      }
      return new Plan(plan.mode(), plan.base(), plan.head(), decisions, plan.warnings());
    }
  }

  private final Registry cache;
  private final BuildSettings settings;
  private final Mode mode;
  private final KnownManifests known;
  private final UnchangedSource sources;
  private final int concurrency;

  /**
   * @param known manifests the plan's probe read from {@code cache}; any other is read here
   */
  public UnchangedImages(Registry cache, BuildSettings settings, Mode mode, KnownManifests known) {
    this(cache, settings, mode, known, RecordedImages.NONE, RequestPool.DEFAULT_CONCURRENCY);
  }

  /**
   * @param known manifests the plan's probe read from {@code cache}; any other is read here
   * @param recorded the build record the plan used: a module it planned unchanged without a probe
   *     is verified here, by the manifest read the re-tag needs anyway
   * @param concurrency registry requests in flight at most
   */
  public UnchangedImages(
      Registry cache,
      BuildSettings settings,
      Mode mode,
      KnownManifests known,
      RecordedImages recorded,
      int concurrency) {
    this.cache = cache;
    this.settings = settings;
    this.mode = mode;
    this.known = known;
    this.sources = new UnchangedSource(cache, settings, mode, known, recorded);
    this.concurrency = concurrency;
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

  /**
   * Re-tags the modules (given in reactor order): first every image is found (and a recorded one
   * verified) and every stage image looked up, all at once; then the modules whose recorded image
   * is gone, and those built on them, are left to be built; then every other module's tags are put,
   * all at once.
   */
  public Result retag(List<Unchanged> modules) {
    if (modules.isEmpty()) {
      return Result.EMPTY;
    }
    Map<String, Outcome> outcomes = new LinkedHashMap<>();
    if (settings.skipPush()) {
      modules.forEach(u -> outcomes.put(u.module().id(), skipped(u)));
      return new Result(outcomes, Map.of());
    }
    // two at least: a module's own requests (stage tags, image tags) run side by side too
    int threads = Math.min(concurrency, Math.max(2, modules.size()));
    LOG.info(
        "re-tagging {} unchanged module{} in {} ({} requests at a time)",
        modules.size(),
        modules.size() == 1 ? "" : "s",
        cache.describe(),
        threads);
    long start = System.nanoTime();
    ExecutorService pool = RequestPool.open("retag", threads);
    Map<String, String> rebuild = new LinkedHashMap<>();
    try {
      List<Found> found = new ArrayList<>();
      for (Unchanged u : modules) {
        found.add(find(u, pool));
      }
      CompletableFuture.allOf(found.stream().map(Found::all).toArray(CompletableFuture[]::new))
          .handle((v, e) -> null)
          .join();
      for (int i = 0; i < modules.size(); i++) {
        Unchanged u = modules.get(i);
        String gone = found.get(i).gone();
        if (gone != null) {
          rebuild.put(u.module().id(), gone);
        } else {
          u.decision().upstream().stream()
              .filter(rebuild::containsKey)
              .findFirst()
              .ifPresent(up -> rebuild.put(u.module().id(), "upstream " + up + " rebuilds"));
        }
      }
      List<CompletableFuture<Outcome>> futures = new ArrayList<>();
      List<Unchanged> retagged = new ArrayList<>();
      for (int i = 0; i < modules.size(); i++) {
        if (!rebuild.containsKey(modules.get(i).module().id())) {
          retagged.add(modules.get(i));
          futures.add(put(modules.get(i), found.get(i), pool));
        }
      }
      for (int i = 0; i < retagged.size(); i++) {
        outcomes.put(retagged.get(i).module().id(), futures.get(i).join());
      }
    } finally {
      pool.shutdownNow();
    }
    long failed = outcomes.values().stream().filter(Outcome::failed).count();
    LOG.info(
        "re-tagged {} unchanged module{} in {} s{}{}",
        outcomes.size() - failed,
        outcomes.size() == 1 ? "" : "s",
        String.format("%.1f", (System.nanoTime() - start) / 1e9),
        failed == 0 ? "" : " (" + failed + " failed)",
        rebuild.isEmpty() ? "" : "; " + rebuild.size() + " to build after all");
    return new Result(outcomes, rebuild);
  }

  /**
   * The first requests of one module, started on the pool.
   *
   * @param source its image (never completes exceptionally when the image is gone: see {@link
   *     UnchangedSource.Found#gone})
   * @param stages per named stage, its image under the source tag when it exists
   */
  private record Found(
      CompletableFuture<UnchangedSource.Found> source,
      Map<String, CompletableFuture<UnchangedSource.StageFound>> stages,
      CompletableFuture<Void> ensure,
      AtomicLong started) {

    CompletableFuture<Void> all() {
      List<CompletableFuture<?>> all = new ArrayList<>(stages.values());
      all.add(source);
      all.add(ensure);
      return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
    }

    /**
     * Why the module must be built after all; null when its image is there (or the read failed).
     */
    String gone() {
      return source.isCompletedExceptionally() ? null : source.join().gone();
    }
  }

  private Found find(Unchanged u, ExecutorService pool) {
    ImageModule module = u.module();
    String repository = module.image();
    String sourceTag = BuildTags.unchangedSource(mode, u.decision(), settings);
    AtomicLong started = new AtomicLong();
    CompletableFuture<Void> ensure =
        async(
            () -> {
              RepositorySetup.ensure(cache, module, settings.reactorRoot());
              return null;
            },
            started,
            pool);
    Map<String, CompletableFuture<UnchangedSource.StageFound>> stages = new LinkedHashMap<>();
    for (String stage : u.stages()) {
      // a stage image exists only when the module was built with this Dockerfile's stages
      stages.put(
          stage,
          async(
              () -> sources.findStage(u.decision(), repository, stage, sourceTag), started, pool));
    }
    Optional<Manifest> probed = known.get(repository, sourceTag);
    CompletableFuture<UnchangedSource.Found> source =
        probed.isPresent()
            ? CompletableFuture.completedFuture(UnchangedSource.probed(probed.get()))
            : async(() -> sources.find(u.decision(), repository, sourceTag), started, pool);
    return new Found(source, stages, ensure, started);
  }

  /** Never completes exceptionally: a failure becomes the module's failed outcome. */
  private CompletableFuture<Outcome> put(Unchanged u, Found found, ExecutorService pool) {
    ImageModule module = u.module();
    String repository = module.image();
    String sourceTag = BuildTags.unchangedSource(mode, u.decision(), settings);
    List<String> tags = BuildTags.following(sourceTag, settings);
    AtomicLong started = found.started();
    CompletableFuture<Void> work =
        found
            .all()
            .thenCompose(
                v -> {
                  List<CompletableFuture<?>> puts = new ArrayList<>();
                  found
                      .stages()
                      .forEach(
                          (stage, image) -> {
                            UnchangedSource.StageFound f = image.join();
                            f.manifest()
                                .ifPresent(
                                    m ->
                                        puts.add(
                                            putAll(
                                                repository,
                                                m,
                                                tags.stream()
                                                    .filter(tag -> !f.tagged().contains(tag))
                                                    .map(tag -> StageBuilds.stageTag(stage, tag))
                                                    .toList(),
                                                started,
                                                pool)));
                          });
                  UnchangedSource.Found source = found.source().join();
                  List<String> missing =
                      tags.stream().filter(t -> !source.tagged().contains(t)).toList();
                  puts.add(putAll(repository, source.manifest(), missing, started, pool));
                  return CompletableFuture.allOf(puts.toArray(CompletableFuture[]::new));
                });
    return work.handle(
        (v, error) -> {
          double seconds = started.get() == 0 ? 0 : (System.nanoTime() - started.get()) / 1e9;
          if (error != null) {
            String message = module.label() + ": " + cause(error).getMessage();
            return new Outcome(
                module.label(),
                sourceTag,
                ModuleReport.failed(
                    module.id(), module.image(), seconds, u.decision().reasons(), message));
          }
          Map<String, String> stageDigests = new TreeMap<>();
          found
              .stages()
              .forEach(
                  (stage, image) ->
                      image.join().manifest().ifPresent(m -> stageDigests.put(stage, m.digest())));
          return new Outcome(
              module.label(),
              sourceTag,
              new ModuleReport(
                  module.id(),
                  module.image(),
                  ModuleReport.RETAGGED,
                  found.source().join().manifest().digest(),
                  tags,
                  0,
                  0,
                  seconds,
                  u.decision().reasons(),
                  null),
              stageDigests);
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
