package dev.azbuild.api;

import dev.azbuild.build.BuildFailure;
import dev.azbuild.build.BuildOutputCheck;
import dev.azbuild.build.BuildRecord;
import dev.azbuild.build.BuildRecords;
import dev.azbuild.build.BuildReport;
import dev.azbuild.build.BuildSettings;
import dev.azbuild.build.CommitTagCheck;
import dev.azbuild.build.ModuleBuild;
import dev.azbuild.build.ModuleReport;
import dev.azbuild.build.NoRegistry;
import dev.azbuild.build.Preflight;
import dev.azbuild.build.PullPolicy;
import dev.azbuild.build.UnchangedImages;
import dev.azbuild.docker.DockerDaemon;
import dev.azbuild.docker.ImageBuilder;
import dev.azbuild.docker.ImageTransfer;
import dev.azbuild.env.TagNames;
import dev.azbuild.graph.ImageModule;
import dev.azbuild.io.AzbuildException;
import dev.azbuild.plan.Mode;
import dev.azbuild.plan.ModuleDecision;
import dev.azbuild.plan.Plan;
import dev.azbuild.registry.Registry;
import dev.azbuild.registry.RegistryException;
import dev.azbuild.terraform.TerraformRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code azbuild:build} for one module: build it if the plan says so, else take its outcome from
 * the batch that re-tags every unchanged module of the session at once (started by the first
 * execution).
 */
final class Building {

  private static final Logger LOG = LoggerFactory.getLogger(Building.class);

  private final Settings settings;
  private final BuildHost host;
  private final BuildSession session;
  private final RegistryAccess registries;
  private final Planning planning;
  private final Map<String, String> environment;

  Building(
      Settings settings,
      BuildHost host,
      BuildSession session,
      RegistryAccess registries,
      Planning planning,
      Map<String, String> environment) {
    this.settings = settings;
    this.host = host;
    this.session = session;
    this.registries = registries;
    this.planning = planning;
    this.environment = environment;
  }

  void build(String moduleId) throws AzbuildException {
    PullPolicy pull = pullPolicy(); // bad settings fail before any work
    registries.namespace();
    boolean skipPush = settings.bool(Setting.SKIP_PUSH);
    Planned planned = planning.planned();
    if (!skipPush && registries.cacheRegistryUrl().isEmpty()) {
      if (planned.graph().module(moduleId).isPresent()) {
        throw new SettingException(
            "no cache registry configured; set -Dazbuild.cacheRegistry=HOST[:PORT][/PREFIX]"
                + " (or AZBUILD_CACHE_REGISTRY), or build locally with -Dazbuild.skipPush");
      }
    } else {
      preflight(planned); // before the first push of the session, re-tags included
    }
    Optional<ImageModule> found = planned.graph().module(moduleId);
    if (found.isEmpty()) {
      LOG.debug("{}: not an image module", moduleId);
      if (skipPush || registries.cacheRegistryUrl().isPresent()) {
        startUnchangedBatch(
            planned); // the reactor root runs first: re-tag the unchanged modules now
      }
      return;
    }
    ImageModule module = found.get();
    if (!skipPush && registries.cacheRegistryUrl().isEmpty()) {
      throw new SettingException(
          "no cache registry configured; set -Dazbuild.cacheRegistry=HOST[:PORT][/PREFIX]"
              + " (or AZBUILD_CACHE_REGISTRY), or build locally with -Dazbuild.skipPush");
    }
    Plan plan;
    if (planned.plan().decision(module.id()).filter(ModuleDecision::rebuild).isEmpty()) {
      Optional<Plan> after = reportUnchanged(planned, module);
      if (after.isEmpty()) {
        writeBuildRecordWhenComplete(planned);
        return;
      }
      plan = after.get(); // its recorded image is gone: built after all
    } else {
      // also when the first execution is a module to build (-pl), so the re-tags start early
      plan = startUnchangedBatch(planned).map(r -> r.amend(planned.plan())).orElse(planned.plan());
    }
    BuildSettings buildSettings = moduleSettings(planned, module, pull);
    long start = System.nanoTime();
    try {
      BuildOutputCheck.check(module, planned.workTree()); // a jar not built yet: before any work
    } catch (BuildFailure e) {
      recordFailure(planned, plan, module, start, e);
      throw e;
    }
    try (Registry cache =
            skipPush && registries.cacheRegistryUrl().isEmpty()
                ? new NoRegistry(registries.namespace())
                : registries.openCache();
        DockerDaemon daemon = DockerDaemon.fromEnvironment(environment)) {
      ModuleReport report =
          new ModuleBuild(
                  module, plan, planned.graph(), cache, planned.probed(), daemon, buildSettings)
              .call();
      buildReport(planned)
          .record(CommitTagCheck.confirm(cache, buildSettings.commit(), module.label(), report));
    } catch (BuildFailure | RegistryException e) {
      recordFailure(planned, plan, module, start, e);
      throw e;
    } catch (IOException e) {
      throw cannotWriteReport(e);
    }
    writeBuildRecordWhenComplete(planned);
  }

  /**
   * Checks, once per session, every module this session builds (see {@link Preflight}): a
   * Dockerfile that cannot be built fails the build before any image is pushed or re-tagged.
   */
  private void preflight(Planned planned) throws AzbuildException {
    List<Object> key =
        List.of(
            host.reportDir(),
            registries.cacheRegistryUrl().orElse(""),
            planned.plan().head(),
            settings.bool(Setting.SKIP_PUSH));
    session.preflight(
        key,
        () -> {
          try (Registry cache =
              settings.bool(Setting.SKIP_PUSH) && registries.cacheRegistryUrl().isEmpty()
                  ? new NoRegistry(registries.namespace())
                  : registries.openCache()) {
            Preflight preflight =
                new Preflight(planned.plan(), planned.graph(), cache, planned.workTree());
            List<ImageModule> modules = preflight.toBuild(host.selectedModules());
            if (modules.isEmpty()) {
              return true;
            }
            try (DockerDaemon daemon = DockerDaemon.fromEnvironment(environment)) {
              preflight.check(modules, new ImageBuilder(daemon));
            }
            return true;
          }
        });
  }

  /**
   * Runs the batch unless another execution did; its errors are the unchanged modules' to report,
   * not this one's (then empty).
   */
  private Optional<UnchangedImages.Result> startUnchangedBatch(Planned planned) {
    try {
      return Optional.of(unchangedBatch(planned));
    } catch (AzbuildException | RuntimeException e) {
      LOG.debug(
          "re-tagging the unchanged modules failed; each of them reports it: {}", e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * Logs the module's decision line from the batch; fails when its re-tag failed. When the batch
   * found the image the build record named for it gone, logs nothing and returns the plan that
   * builds it after all.
   */
  private Optional<Plan> reportUnchanged(Planned planned, ImageModule module)
      throws AzbuildException {
    UnchangedImages.Result batch = unchangedBatch(planned);
    if (!batch.outcomes().containsKey(module.id()) && !batch.rebuild().containsKey(module.id())) {
      // not among the batch's modules (its execution has other settings than the first one): a
      // batch of its own
      batch =
          retagUnchanged(
              planned,
              UnchangedImages.select(planned.plan(), planned.graph(), List.of(module.id())));
    }
    if (batch.rebuild().containsKey(module.id())) {
      return Optional.of(batch.amend(planned.plan()));
    }
    UnchangedImages.Outcome outcome = batch.outcomes().get(module.id());
    if (LOG.isInfoEnabled()) { // 1,000 executions under -q: no line to format
      LOG.info(outcome.logLine());
    }
    if (outcome.failed()) {
      throw new BuildFailure(outcome.report().error(), null);
    }
    return Optional.empty();
  }

  /**
   * The stage images the session's re-tag batch found, for the build record (advisory: none when
   * the batch failed).
   */
  private Map<String, Map<String, String>> recordedStages(Planned planned) {
    try {
      return unchangedBatch(planned).stageDigests();
    } catch (AzbuildException | RuntimeException e) {
      return Map.of(); // the batch's failure is its modules' to report
    }
  }

  /**
   * What re-tagging every unchanged image module of this run's modules did (so {@code -pl} subsets
   * re-tag only theirs): re-tagged once per build session, in parallel.
   */
  private UnchangedImages.Result unchangedBatch(Planned planned) throws AzbuildException {
    List<Object> key =
        List.of(
            host.reportDir(),
            registries.cacheRegistryUrl().orElse(""),
            planned.plan().head(),
            planned.plan().mode(),
            java.util.Objects.toString(planned.plan().base(), ""),
            settings.optional(Setting.BRANCH).orElse(""),
            settings.string(Setting.MASTER_TAG),
            settings.bool(Setting.SKIP_PUSH));
    return session.unchangedBatch(
        key,
        () ->
            retagUnchanged(
                planned,
                UnchangedImages.select(planned.plan(), planned.graph(), host.selectedModules())));
  }

  /**
   * Re-tags the modules with one registry client (none with skipPush) and records them all in
   * build.json.
   */
  private UnchangedImages.Result retagUnchanged(
      Planned planned, List<UnchangedImages.Unchanged> unchanged) throws AzbuildException {
    if (unchanged.isEmpty()) {
      return UnchangedImages.Result.EMPTY;
    }
    BuildSettings shared = sharedSettings(planned);
    UnchangedImages.Result result;
    try (Registry cache =
        shared.skipPush() ? new NoRegistry(registries.namespace()) : registries.openCache()) {
      result =
          new UnchangedImages(
                  cache,
                  shared,
                  planned.plan().mode(),
                  planned.probed(),
                  planned.recorded(),
                  registries.concurrency())
              .retag(unchanged);
    }
    result
        .rebuild()
        .forEach(
            (id, why) ->
                LOG.warn(
                    "{}: rebuild after all ({})",
                    planned.graph().module(id).map(ImageModule::label).orElse(id),
                    why));
    try {
      buildReport(planned)
          .recordAll(
              result.outcomes().values().stream().map(UnchangedImages.Outcome::report).toList());
    } catch (IOException e) {
      throw cannotWriteReport(e);
    }
    return result;
  }

  /**
   * Writes the build record once every image module of the reactor was built or re-tagged in this
   * session (never for a {@code -pl} subset, a failed module or a diff-mode build: the gate job
   * {@code ci-collect} writes it for builds split into jobs). A failed write is a warning: the next
   * plan then probes every module.
   */
  private void writeBuildRecordWhenComplete(Planned planned) throws AzbuildException {
    if (planned.plan().mode() != Mode.CONTENT
        || settings.bool(Setting.SKIP_PUSH)
        || !registries.buildRecord()) {
      return;
    }
    List<Object> key = List.of("buildRecord", reportFile(), planned.plan().head());
    if (session.claimed(key)) {
      return; // written (or being written) by another execution
    }
    List<ModuleReport> reports = buildReport(planned).reports();
    if (reports.size() < planned.graph().modules().size()) {
      return;
    }
    String branch = sharedSettings(planned).branchTag();
    Optional<BuildRecord> record =
        BuildRecord.of(planned.plan(), reports, recordedStages(planned), branch, Instant.now());
    if (record.isEmpty() || !session.claim(key)) {
      return;
    }
    try (Registry cache = registries.openCache()) {
      BuildRecords.write(cache, record.get());
    } catch (RegistryException e) {
      LOG.warn("build record not written ({}); the next plan probes every module", e.getMessage());
    }
  }

  private AzbuildException cannotWriteReport(IOException e) {
    return new AzbuildException(
        "cannot write "
            + reportFile()
            + ": "
            + e.getMessage()
            + "; check that the directory is writable",
        e);
  }

  /**
   * Notes the failure in build.json (the graph goal colours the module); the build's error stays
   * the one reported.
   */
  private void recordFailure(
      Planned planned, Plan plan, ImageModule module, long start, Exception error) {
    List<String> reasons =
        plan.decision(module.id()).map(ModuleDecision::reasons).orElse(List.of());
    try {
      buildReport(planned)
          .record(
              ModuleReport.failed(
                  module.id(),
                  module.image(),
                  (System.nanoTime() - start) / 1e9,
                  reasons,
                  error.getMessage()));
    } catch (IOException e) {
      LOG.warn("cannot record the failure in {}: {}", reportFile(), e.getMessage());
    }
  }

  /**
   * What every module's build shares: no source label, no terraform (only modules to build need
   * those).
   */
  private BuildSettings sharedSettings(Planned planned) throws AzbuildException {
    String branch =
        planning
            .branch()
            .or(planned::checkedOutBranch)
            .orElseThrow(
                () ->
                    new SettingException(
                        "HEAD is detached and no branch is known; set -Dazbuild.branch=NAME or the CI's branch variable"
                            + " (CIRCLE_BRANCH, GITHUB_HEAD_REF/GITHUB_REF_NAME, CI_COMMIT_BRANCH, BRANCH_NAME, BUILDKITE_BRANCH)"));
    return new BuildSettings(
        planned.plan().head(),
        TagNames.sanitize(branch),
        settings.string(Setting.MASTER_TAG),
        "",
        settings.bool(Setting.REPRODUCIBLE) ? Optional.empty() : Optional.of(Instant.now()),
        settings.bool(Setting.SKIP_PUSH),
        Optional.empty(),
        planned.workTree(),
        host.reactorRoot());
  }

  private BuildSettings moduleSettings(Planned planned, ImageModule module, PullPolicy pull)
      throws AzbuildException {
    BuildSettings shared = sharedSettings(planned);
    Optional<TerraformRunner> terraform = Optional.empty();
    if (!settings.bool(Setting.TERRAFORM_SKIP)
        && Files.isDirectory(module.basedir().resolve("terraform"))) {
      terraform = Optional.of(TerraformTool.runner(settings, Duration.ofMinutes(5)));
    }
    return new BuildSettings(
        shared.commit(),
        shared.branchTag(),
        shared.masterTag(),
        host.scmUrl(module.id()).orElse(""),
        shared.created(),
        shared.skipPush(),
        terraform,
        shared.repositoryRoot(),
        shared.reactorRoot(),
        pull,
        RetrySettings.of(settings)
            .withDelays(
                ImageTransfer.DEFAULT_RETRIES.firstDelay(),
                ImageTransfer.DEFAULT_RETRIES.maxDelay()),
        fileTime());
  }

  /**
   * Reproducible builds send the context's files with one fixed time ({@code
   * azbuild.sourceDateEpoch}, or {@code SOURCE_DATE_EPOCH}), not the checkout's.
   */
  private Optional<Instant> fileTime() throws SettingException {
    if (!settings.bool(Setting.REPRODUCIBLE)) {
      return Optional.empty();
    }
    return Optional.of(Instant.ofEpochSecond(settings.integer(Setting.SOURCE_DATE_EPOCH, 0)));
  }

  private PullPolicy pullPolicy() throws SettingException {
    try {
      return PullPolicy.parse(settings.string(Setting.PULL));
    } catch (IllegalArgumentException e) {
      throw new SettingException(e.getMessage());
    }
  }

  private Path reportFile() {
    return host.reportDir().resolve("build.json");
  }

  /** One report per build session, shared by every module's execution. */
  private BuildReport buildReport(Planned planned) {
    return session.buildReport(
        reportFile(),
        () ->
            new BuildReport(
                reportFile(),
                planned.plan().head(),
                planned.graph().modules().stream().map(ImageModule::id).toList()));
  }
}
