package dev.azbuild.api;

import dev.azbuild.build.BuildRecords;
import dev.azbuild.build.RegistryInputTrees;
import dev.azbuild.deploy.DeployedCommit;
import dev.azbuild.env.CiDetector;
import dev.azbuild.env.CiInfo;
import dev.azbuild.env.TagNames;
import dev.azbuild.git.GitRepo;
import dev.azbuild.graph.ModuleGraph;
import dev.azbuild.io.AzbuildException;
import dev.azbuild.plan.CacheProbe;
import dev.azbuild.plan.DeployedImages;
import dev.azbuild.plan.Mode;
import dev.azbuild.plan.Plan;
import dev.azbuild.plan.PlanService;
import dev.azbuild.plan.PlanSettings;
import dev.azbuild.plan.RecordedImages;
import dev.azbuild.registry.KnownManifests;
import dev.azbuild.registry.Registry;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The plan of a build: settings into {@link PlanSettings}, once per build session. */
final class Planning {

  private static final Logger LOG = LoggerFactory.getLogger(Planning.class);

  private final Settings settings;
  private final BuildHost host;
  private final BuildSession session;
  private final RegistryAccess registries;
  private final Map<String, String> environment;

  Planning(
      Settings settings,
      BuildHost host,
      BuildSession session,
      RegistryAccess registries,
      Map<String, String> environment) {
    this.settings = settings;
    this.host = host;
    this.session = session;
    this.registries = registries;
    this.environment = environment;
  }

  /** The git backend {@code azbuild.git} names. */
  GitRepo.Backend gitBackend() throws SettingException {
    try {
      return GitRepo.Backend.parse(settings.string(Setting.GIT), Setting.GIT.property());
    } catch (IllegalArgumentException e) {
      throw new SettingException(e.getMessage());
    }
  }

  /** The plan for these settings, computed by the first goal execution that asks. */
  Planned planned() throws AzbuildException {
    PlanSettings planSettings = planSettings(false);
    List<Object> key =
        new ArrayList<>(
            List.of(host.executionRoot(), registries.cacheRegistryUrl().orElse(""), gitBackend()));
    key.add(
        List.of(
            planSettings.mode(),
            planSettings.base(),
            planSettings.head(),
            planSettings.branch(),
            planSettings.defaultBranch(),
            planSettings.deployedCommit(),
            planSettings.allowFetch(),
            planSettings.masterTag(),
            planSettings.targetBranch()));
    return session.plan(key, () -> compute(planSettings));
  }

  private Planned compute(PlanSettings planSettings) throws AzbuildException {
    // wall and this thread's CPU time per phase: on a busy machine the CPU time says what the work
    // costs
    PhaseTimer timer = new PhaseTimer();
    int concurrency = registries.concurrency();
    try (GitRepo git = GitRepo.open(host.executionRoot(), gitBackend());
        Registry cache =
            registries.cacheRegistryUrl().isPresent() ? registries.openCache() : null) {
      KnownManifests probed = new KnownManifests();
      PlanSettings withCache =
          planSettings.withArtifacts(host.artifacts()).withConcurrency(concurrency);
      CompletableFuture<RecordedImages> recorded =
          CompletableFuture.completedFuture(RecordedImages.NONE);
      if (cache != null) {
        // a record vouches for images the build verifies where it reads them to re-tag; with
        // skipPush nothing is read, so every module is asked for
        boolean records = registries.buildRecord() && !settings.bool(Setting.SKIP_PUSH);
        if (planSettings.mode() == Mode.CONTENT && records) {
          // one round trip, while git and the graph keep this thread busy
          List<String> branches = recordBranches(planSettings, git.currentBranch());
          recorded =
              CompletableFuture.supplyAsync(
                  () -> BuildRecords.read(cache, branches), RECORD_READER);
        }
        CompletableFuture<RecordedImages> read = recorded;
        withCache =
            withCache
                .withCache((module, tag) -> Optional.of(probed.probe(cache, module.image(), tag)))
                .withEarlierTrees(new RegistryInputTrees(cache))
                .withRecorded(read::join);
        if (planSettings.mode() == Mode.DIFF && records) {
          // read when diff mode has modules to ask about (setenv or the base may have read it)
          withCache = withCache.withDeployed(() -> deployedImages(cache));
        }
      }
      if (planSettings.mode() == Mode.CONTENT && planSettings.head().isEmpty()) {
        git.readWorkTreeAhead(); // git reads the work tree while the graph is built
      }
      timer.phase("open git");
      var reactor = host.reactor();
      timer.phase("reactor");
      ModuleGraph graph = ModuleGraph.build(git, reactor);
      timer.phase("graph");
      Plan plan = PlanService.plan(git, graph, withCache);
      timer.phase("decisions");
      LOG.debug("azbuild plan timing (wall/cpu ms): {}", timer);
      plan.warnings().forEach(LOG::warn);
      return new Planned(
          graph,
          plan,
          git.workTree(),
          git.currentBranch(),
          probed,
          recorded.isDone() ? recorded.join() : RecordedImages.NONE);
    } catch (IllegalArgumentException e) {
      throw new SettingException(e.getMessage());
    }
  }

  /**
   * The branches whose build records the plan reads, as tags, in order: the branch being built,
   * then the default branch. Without a configured default branch (setenv sets
   * AZBUILD_DEFAULT_BRANCH for later CI steps) the usual names stand in for it, read at the same
   * time: finding the real one would open the repository with JGit, which costs more than two
   * requests in flight. A record is advisory, so one not found only means more probes.
   */
  private static List<String> recordBranches(PlanSettings settings, Optional<String> checkedOut) {
    List<String> branches = new ArrayList<>();
    settings.branch().or(() -> checkedOut).filter(b -> !b.isBlank()).ifPresent(branches::add);
    if (settings.defaultBranch().filter(b -> !b.isBlank()).isPresent()) {
      branches.add(settings.defaultBranch().get());
    } else if (branches.isEmpty() || !DEFAULT_BRANCH_NAMES.contains(branches.get(0))) {
      branches.addAll(DEFAULT_BRANCH_NAMES);
    }
    return branches.stream().map(TagNames::sanitize).distinct().toList();
  }

  private static final List<String> DEFAULT_BRANCH_NAMES = List.of("main", "master");

  /** Reads build records off the thread that plans; a daemon, as every request thread is. */
  private static final Executor RECORD_READER =
      runnable -> {
        Thread thread = new Thread(runnable, "azbuild-build-record");
        thread.setDaemon(true);
        thread.start();
      };

  /** The plan's settings: mode, base, head, branches, the last deployed commit. */
  PlanSettings planSettings() throws AzbuildException {
    return planSettings(true);
  }

  /**
   * @param anyMode whether the last deployed commit is read whatever the mode (setenv, changed);
   *     else only diff mode without a configured base reads it (content mode needs no base)
   */
  private PlanSettings planSettings(boolean anyMode) throws AzbuildException {
    Mode mode;
    try {
      mode = Mode.parse(settings.string(Setting.MODE));
    } catch (IllegalArgumentException e) {
      throw new SettingException(e.getMessage());
    }
    CiInfo ci = CiDetector.detect(environment);
    Optional<String> base = settings.optional(Setting.BASE);
    return new PlanSettings(
        mode,
        base,
        settings.optional(Setting.HEAD).or(() -> settings.optional(Setting.COMMIT)),
        branch(),
        settings.optional(Setting.DEFAULT_BRANCH),
        anyMode || (mode == Mode.DIFF && base.isEmpty()) ? deployedCommit() : Optional.empty(),
        settings.bool(Setting.FETCH),
        CacheProbe.NONE,
        settings.string(Setting.MASTER_TAG),
        settings.optional(Setting.TARGET_BRANCH).or(ci::pullRequestTarget));
  }

  /**
   * The branch being built: configured, else the CI's branch variable (git's checked-out branch is
   * the caller's).
   */
  Optional<String> branch() {
    return settings.optional(Setting.BRANCH).or(() -> CiDetector.detect(environment).branch());
  }

  /** The default branch: configured, else empty (found in the repository where needed). */
  Optional<String> defaultBranch() {
    return settings.optional(Setting.DEFAULT_BRANCH);
  }

  /**
   * The last fully deployed commit recorded by deploy in the cache registry; read once per build
   * session, and only when a cache registry is configured. An unreadable record is a warning.
   */
  private Optional<String> deployedCommit() throws AzbuildException {
    return deployedRecord(null).map(DeployedCommit::commit);
  }

  /**
   * The master images the last complete deploy recorded, through the plan's open registry; {@link
   * DeployedImages#NONE} when there is no usable record (diff mode then asks for each one).
   */
  private DeployedImages deployedImages(Registry cache) {
    try {
      return deployedRecord(cache).map(DeployedCommit::deployedImages).orElse(DeployedImages.NONE);
    } catch (AzbuildException e) {
      return DeployedImages.NONE;
    }
  }

  /**
   * The record of the last complete deploy, read once per session (through {@code open}, else a
   * registry opened for it); empty without a cache registry. A registry that cannot be opened or
   * read is a warning: the record is a hint, and an unreachable registry is the build's error.
   */
  private Optional<DeployedCommit> deployedRecord(Registry open) throws AzbuildException {
    Optional<String> url = registries.cacheRegistryUrl();
    if (url.isEmpty()) {
      return Optional.empty();
    }
    return session.deployedCommit(
        url.get(),
        () -> {
          try (Registry own = open == null ? registries.openCache() : null) {
            return DeployedCommit.read(open == null ? own : open);
          } catch (AzbuildException | RuntimeException e) {
            LOG.warn("cannot read the last deployed commit from {}: {}", url.get(), e.getMessage());
            return Optional.empty();
          }
        });
  }

  /** Wall and this thread's CPU time of each phase, for one debug line. */
  private static final class PhaseTimer {
    private final ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    private final StringBuilder phases = new StringBuilder();
    private long wall = System.nanoTime();
    private long thread = cpu.getCurrentThreadCpuTime();

    void phase(String name) {
      long nowWall = System.nanoTime();
      long nowCpu = cpu.getCurrentThreadCpuTime();
      phases
          .append(phases.length() == 0 ? "" : ", ")
          .append(name)
          .append(' ')
          .append((nowWall - wall) / 1_000_000)
          .append('/')
          .append((nowCpu - thread) / 1_000_000);
      wall = nowWall;
      thread = nowCpu;
    }

    @Override
    public String toString() {
      return phases.toString();
    }
  }
}
