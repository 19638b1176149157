package dev.azbuild.api;

import dev.azbuild.build.BuildRecord;
import dev.azbuild.build.BuildRecords;
import dev.azbuild.build.BuildReport;
import dev.azbuild.build.CollectedBuild;
import dev.azbuild.build.ModuleReport;
import dev.azbuild.ci.CiConfigException;
import dev.azbuild.ci.CiFiles;
import dev.azbuild.ci.CiGraph;
import dev.azbuild.ci.CiLayout;
import dev.azbuild.ci.CiOptions;
import dev.azbuild.ci.CiTarget;
import dev.azbuild.ci.local.RunReport;
import dev.azbuild.env.CiDetector;
import dev.azbuild.env.CiInfo;
import dev.azbuild.env.EnvTarget;
import dev.azbuild.env.EnvTargets;
import dev.azbuild.env.TagNames;
import dev.azbuild.git.BaseCommit;
import dev.azbuild.git.BaseCommitResolver;
import dev.azbuild.git.ChangedFiles;
import dev.azbuild.git.GitRepo;
import dev.azbuild.graph.ImageModule;
import dev.azbuild.graph.ModuleGraph;
import dev.azbuild.io.AzbuildException;
import dev.azbuild.migrate.BuildManifest;
import dev.azbuild.migrate.ImportOptions;
import dev.azbuild.migrate.ImportPlan;
import dev.azbuild.migrate.ImportWriter;
import dev.azbuild.migrate.ManifestImporter;
import dev.azbuild.patterns.RebuildPatterns;
import dev.azbuild.plan.Mode;
import dev.azbuild.plan.ModuleDecision;
import dev.azbuild.plan.Plan;
import dev.azbuild.plan.PlanReport;
import dev.azbuild.plan.PlanService;
import dev.azbuild.plan.PlanSettings;
import dev.azbuild.registry.LifecyclePolicyFiles;
import dev.azbuild.registry.PolicyStatus;
import dev.azbuild.registry.Registry;
import dev.azbuild.registry.RegistryException;
import dev.azbuild.registry.RepoStatus;
import dev.azbuild.render.GraphFormat;
import dev.azbuild.render.GraphModel;
import dev.azbuild.render.GraphWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entry point of azbuild-core: what each goal does, for one goal execution. A build tool
 * adapter (the Maven plugin) makes one per execution from the resolved {@link Settings}, its {@link
 * BuildHost} and the {@link BuildSession} its executions share, calls one method and prints the
 * {@link AzbuildException}'s one-line message when it fails. Everything is logged through SLF4J.
 *
 * <p>The goals: {@link #plan()} and {@link #writePlan()} (plan), {@link #checkRebuild}
 * (check-rebuild), {@link #build} (build), {@link #deploy()} (deploy), {@link #setenv()} (setenv),
 * {@link #changed} (changed), {@link #ensureRepo} (ensure-repo), {@link #imageExists}
 * (image-exists), {@link #ensureTerraform()} (ensure-terraform), {@link #graph()} (graph), {@link
 * #ciConfig} (ci-config), {@link #ciCollect()} (ci-collect), {@link #ciLocal()} (ci-local) and
 * {@link #importManifest} (import-manifest).
 */
public final class Azbuild {

  private static final Logger LOG = LoggerFactory.getLogger(Azbuild.class);

  private final Settings settings;
  private final BuildHost host;
  private final Map<String, String> environment;
  private final RegistryAccess registries;
  private final Planning planning;
  private final Building building;
  private final Deploying deploying;

  /**
   * @param environment the process environment (CI variables, {@code DOCKER_HOST}, AWS variables)
   */
  public Azbuild(
      Settings settings, BuildHost host, BuildSession session, Map<String, String> environment) {
    this.settings = settings;
    this.host = host;
    this.environment = Map.copyOf(environment);
    this.registries = new RegistryAccess(settings, host);
    this.planning = new Planning(settings, host, session, registries, this.environment);
    this.building = new Building(settings, host, session, registries, planning, this.environment);
    this.deploying = new Deploying(settings, host, registries, planning, this.environment);
  }

  /** The module graph and the rebuild plan, computed once per build session. */
  public Planned plan() throws AzbuildException {
    return planning.planned();
  }

  /**
   * The plan goal: logs the plan's header (registry, mode, base and where each setting came from)
   * and every module's decision as a table, and writes {@code plan.json} and, in content mode,
   * {@code inputs.txt} into the report directory.
   */
  public Plan writePlan() throws AzbuildException {
    long start = System.nanoTime();
    Plan plan = plan().plan();
    LOG.info(
        "azbuild plan: {} modules decided in {} ms",
        plan.modules().size(),
        (System.nanoTime() - start) / 1_000_000);
    LOG.info(
        "azbuild plan: mode {}{}, head {}, {} image modules",
        plan.mode().id(),
        plan.base() != null ? ", base " + plan.base().substring(0, 12) : "",
        plan.head().substring(0, 12),
        plan.modules().size());
    PlanHeader.lines(settings, host.moduleSettingSources()).forEach(LOG::info);
    PlanReport.table(plan).forEach(LOG::info);
    Path json = host.reportDir().resolve("plan.json");
    boolean trees;
    try {
      PlanReport.write(plan, json);
      trees = PlanReport.writeInputTrees(plan, host.reportDir().resolve(PlanReport.INPUTS_FILE));
    } catch (IOException e) {
      throw new AzbuildException(
          "cannot write " + json + ": " + e.getMessage() + "; check that the directory is writable",
          e);
    }
    LOG.info("wrote {}{}", json, trees ? " and " + PlanReport.INPUTS_FILE : "");
    return plan;
  }

  /**
   * The check-rebuild goal: one module's decision, logged as one line (none for a module without an
   * image), and whether its tests may be skipped ({@code azbuild.skipTestsWhenUnchanged}, said in a
   * second line).
   */
  public RebuildCheck checkRebuild(String moduleId) throws AzbuildException {
    boolean skipWhenUnchanged = settings.bool(Setting.SKIP_TESTS_WHEN_UNCHANGED);
    Plan plan = plan().plan();
    Optional<ModuleDecision> decision = plan.decision(moduleId);
    if (decision.isEmpty()) {
      LOG.info(
          "{}: skipped ({})",
          moduleId,
          host.noImageReason(moduleId).orElse("no Dockerfile: not an image module"));
    } else {
      LOG.info(decision.get().logLine());
    }
    RebuildCheck check =
        RebuildCheck.of(
            decision,
            skipWhenUnchanged,
            plan.mode(),
            settings
                .optional(Setting.HEAD)
                .or(() -> settings.optional(Setting.COMMIT))
                .isPresent());
    check.testsNote().ifPresent(LOG::info);
    return check;
  }

  /**
   * The build goal for one module: build its image if the plan rebuilds it, else re-tag the
   * existing one.
   */
  public void build(String moduleId) throws AzbuildException {
    building.build(moduleId);
  }

  /**
   * The deploy goal: gate, then every image module (or those of {@code azbuild.deploy.modules}).
   */
  public void deploy() throws AzbuildException {
    deploying.deploy();
  }

  /**
   * The setenv goal: the CI, branch, commit, default branch and base commit as {@code AZBUILD_*}
   * variables, written where later CI steps read them.
   */
  public Map<String, String> setenv() throws AzbuildException {
    CiInfo ci = CiDetector.detect(environment);
    PlanSettings planSettings = planning.planSettings();
    PlanSettings withDefault =
        planSettings.withDefaultBranch(planSettings.defaultBranch().or(ci::defaultBranch));
    Map<String, String> vars = new LinkedHashMap<>();
    try (GitRepo git = GitRepo.open(host.executionRoot(), planning.gitBackend())) {
      ObjectId head =
          planSettings.head().isPresent()
              ? git.resolveCommit(planSettings.head().get(), "azbuild.head")
              : git.head();
      BaseCommit base = PlanService.resolveBase(git, withDefault, head);
      base.warnings().forEach(LOG::warn);
      Mode effectiveMode = planSettings.mode();
      if (!base.found()) {
        LOG.warn("no base commit: diff mode cannot be used; AZBUILD_MODE=content (needs no base)");
        effectiveMode = Mode.CONTENT;
      }
      vars.put("AZBUILD_CI", ci.vendor().name().toLowerCase(Locale.ROOT));
      vars.put("AZBUILD_BRANCH", base.branch());
      vars.put(
          "AZBUILD_BRANCH_TAG", base.branch().isEmpty() ? "" : TagNames.sanitize(base.branch()));
      vars.put("AZBUILD_COMMIT", head.name());
      vars.put("AZBUILD_DEFAULT_BRANCH", base.defaultBranch());
      vars.put(
          "AZBUILD_IS_DEFAULT_BRANCH",
          Boolean.toString(base.branch().equals(base.defaultBranch())));
      vars.put("AZBUILD_TARGET_BRANCH", planSettings.targetBranch().orElse(""));
      vars.put("AZBUILD_BASE", base.sha().orElse(""));
      vars.put("AZBUILD_BASE_HOW", base.how());
      vars.put("AZBUILD_MODE", effectiveMode.id());
      vars.put("AZBUILD_BUILD_URL", ci.buildUrl().orElse(""));
      LOG.info(
          "azbuild setenv: {}, branch {}, commit {}, base {} ({})",
          ci.vendor().displayName(),
          base.branch(),
          head.name().substring(0, 12),
          base.sha().map(s -> s.substring(0, 12)).orElse("none"),
          base.how());
    }
    for (EnvTarget target : EnvTargets.resolve(environment, host.reactorRoot())) {
      try {
        target.write(vars);
      } catch (IOException | IllegalArgumentException e) {
        throw new AzbuildException("cannot write " + target.describe() + ": " + e.getMessage(), e);
      }
      LOG.info("wrote {} variables to {}", vars.size(), target.describe());
    }
    return vars;
  }

  /**
   * The changed goal: whether a file matching {@code azbuild.path} (a POSIX ERE) changed since the
   * base commit; logs and writes the answer ({@code azbuild.output}) and fails when asked to.
   */
  public boolean changed() throws AzbuildException {
    String path = settings.optional(Setting.PATH).orElse("");
    RebuildPatterns patterns = RebuildPatterns.parse(Setting.PATH.property(), path);
    if (patterns.isEmpty()) {
      throw new SettingException(
          "azbuild.path is empty; give a regex such as -Dazbuild.path=^services/api/");
    }
    PlanSettings planSettings = planning.planSettings();
    boolean changed;
    try (GitRepo git = GitRepo.open(host.executionRoot(), planning.gitBackend())) {
      Optional<ObjectId> head =
          planSettings.head().isPresent()
              ? Optional.of(git.resolveCommit(planSettings.head().get(), "azbuild.head"))
              : Optional.empty();
      BaseCommit base = PlanService.resolveBase(git, planSettings, head.orElse(git.head()));
      base.warnings().forEach(LOG::warn);
      if (!base.found()) {
        LOG.warn("no base commit: every file counts as changed");
        changed = true;
      } else {
        List<String> files = ChangedFiles.since(git, base.commit().get(), head);
        Optional<RebuildPatterns.Match> match = patterns.firstMatch(files);
        match.ifPresent(m -> LOG.info("{} matched {}", m.path(), m.pattern()));
        changed = match.isPresent();
      }
    }
    answer(changed);
    if (changed && settings.bool(Setting.FAIL_IF_CHANGED)) {
      throw new AzbuildException(
          "a file matching " + path + " changed (azbuild.failIfChanged=true)");
    }
    if (!changed && settings.bool(Setting.FAIL_IF_UNCHANGED)) {
      throw new AzbuildException(
          "no file matching " + path + " changed (azbuild.failIfUnchanged=true)");
    }
    return changed;
  }

  /**
   * The ensure-repo goal: creates the repository if missing and re-applies the lifecycle policy
   * when it differs. {@code repository} is the image name; {@code policyFiles} are the candidate
   * {@code lifecycle-policy.json} files, first found wins.
   */
  public void ensureRepo(String repository, List<Path> policyFiles) throws AzbuildException {
    try (Registry target = registries.openTarget()) {
      LifecyclePolicyFiles.Policy policy = LifecyclePolicyFiles.find(policyFiles);
      RepoStatus repo = target.ensureRepository(repository);
      PolicyStatus applied = target.applyLifecyclePolicy(repository, policy.json());
      LOG.info(
          "{}/{}: {}, {}",
          target.describe(),
          repository,
          switch (repo) {
            case CREATED -> "created";
            case EXISTS -> "exists";
            case IMPLICIT -> "exists (created on first push)";
          },
          switch (applied) {
            case UPDATED -> "policy updated (" + policy.source() + ")";
            case UNCHANGED -> "policy unchanged";
            case NOT_SUPPORTED -> "policy not supported by this registry";
          });
    }
  }

  /**
   * The image-exists goal: whether {@code azbuild.repository:azbuild.tag} is in the registry (never
   * pulls).
   */
  public boolean imageExists() throws AzbuildException {
    String repository =
        settings
            .optional(Setting.REPOSITORY)
            .orElseThrow(
                () ->
                    new SettingException(
                        "azbuild.repository is not set; give the repository, e.g. -Dazbuild.repository=api"));
    String tag =
        settings
            .optional(Setting.TAG)
            .orElseThrow(
                () ->
                    new SettingException(
                        "azbuild.tag is not set; give the tag, e.g. -Dazbuild.tag=master"));
    boolean exists;
    try (Registry target = registries.openTarget()) {
      exists = target.exists(repository, tag);
    }
    answer(exists);
    return exists;
  }

  /** The ensure-terraform goal: the pinned terraform binary, installed when missing. */
  public Path ensureTerraform() throws AzbuildException {
    Path binary = TerraformTool.ensure(settings);
    LOG.info("terraform {}: {}", settings.string(Setting.TERRAFORM_VERSION), binary);
    return binary;
  }

  /**
   * The graph goal: the module graph with every decision, in the configured formats; the files
   * written.
   */
  public List<Path> graph() throws AzbuildException {
    if (settings.bool(Setting.GRAPH_SKIP)) {
      LOG.info("azbuild graph: skipped (azbuild.graph.skip=true)");
      return List.of();
    }
    Set<GraphFormat> formats;
    try {
      formats =
          GraphFormat.parseList(
              settings.string(Setting.GRAPH_FORMAT), Setting.GRAPH_FORMAT.property());
    } catch (IllegalArgumentException e) {
      throw new SettingException(e.getMessage());
    }
    Plan plan = plan().plan();
    GraphModel model = GraphModel.of(plan, lastBuildFailures(plan));
    Path dir =
        settings.optional(Setting.GRAPH_OUTPUT_DIRECTORY).map(Path::of).orElse(host.reportDir());
    List<Path> written =
        GraphWriter.write(model, formats, dir, Setting.GRAPH_OUTPUT_DIRECTORY.property());
    written.forEach(file -> LOG.info("wrote {}", file));
    LOG.info("azbuild graph: {}", model.summary());
    return written;
  }

  /**
   * Failures recorded by the build goal for this commit; an unreadable build.json is only a
   * warning.
   */
  private Map<String, String> lastBuildFailures(Plan plan) {
    Path buildJson = host.reportDir().resolve("build.json");
    try {
      return BuildReport.failures(buildJson, plan.head());
    } catch (IOException e) {
      LOG.warn(
          "ignoring {} ({}); the graph shows the plan's decisions only",
          buildJson,
          e.getMessage().lines().findFirst().orElse(""));
      return Map.of();
    }
  }

  /**
   * The ci-config goal: generates (or, with {@code azbuild.ciConfig.check}, checks) the CI files of
   * the selected targets at the reactor root from the module graph.
   *
   * @param mavenBuilt ids of the image modules whose packaging Maven builds (jar, war ...): their
   *     jobs run Maven's package first
   */
  public void ciConfig(CiOptions options, Set<String> mavenBuilt) throws AzbuildException {
    Path root = host.reactorRoot();
    Set<CiTarget> selected =
        CiTarget.parseList(
            settings.string(Setting.CI_CONFIG_TARGETS), Setting.CI_CONFIG_TARGETS.property());
    CiOptions withGroups = options;
    if (settings.optional(Setting.CI_CONFIG_GROUP_ABOVE).isPresent()) {
      try {
        withGroups = options.withGroupAbove(settings.integer(Setting.CI_CONFIG_GROUP_ABOVE, 1));
      } catch (SettingException e) {
        throw new SettingException(
            e.getMessage()
                + " (the number of image modules above which modules share jobs;"
                + " default "
                + CiLayout.DEFAULT_GROUP_ABOVE
                + ")");
      }
    }
    CiGraph graph;
    try (GitRepo git = GitRepo.open(root, planning.gitBackend())) {
      warnUnlessRepositoryRoot(root, git.workTree());
      String branch =
          planning
              .defaultBranch()
              .orElseGet(() -> new BaseCommitResolver(git).detectDefaultBranch());
      graph = CiGraph.from(ModuleGraph.build(git, host.reactor()), root, branch, mavenBuilt);
    } catch (IllegalArgumentException e) {
      throw new SettingException(e.getMessage());
    }
    CiLayout layout = CiLayout.of(graph, withGroups.groupAbove());
    Map<CiTarget, String> files = CiFiles.render(layout, withGroups, selected);
    LOG.info(
        "azbuild ci-config: {} image modules in {} build jobs{}, {} deploy jobs on {}; {} jobs, critical path {} jobs",
        graph.modules().size(),
        layout.builds().size(),
        layout.groupSize() > 1
            ? " (grouped above "
                + withGroups.groupAbove()
                + ": up to "
                + layout.groupSize()
                + " modules of one graph layer per job)"
            : "",
        layout.deploys().size(),
        graph.defaultBranch(),
        layout.jobs().size(),
        layout.criticalPath());
    files.forEach(
        (target, text) ->
            LOG.info(
                "{}: {} bytes{}, limit {}",
                target.path(),
                String.format("%,d", text.getBytes(StandardCharsets.UTF_8).length),
                target == CiTarget.CIRCLECI
                    ? " (" + String.format("%,d", target.measuredSize(text)) + " compiled)"
                    : "",
                String.format("%,d", target.maxBytes())));
    int fewer =
        withGroups.groupAbove() > CiLayout.DEFAULT_GROUP_ABOVE
            ? CiLayout.DEFAULT_GROUP_ABOVE
            : Math.max(1, Math.min(withGroups.groupAbove(), graph.modules().size()) / 2);
    List<String> oversized =
        CiFiles.oversized(
            files,
            "group modules into fewer jobs with -D"
                + Setting.CI_CONFIG_GROUP_ABOVE.property()
                + "="
                + fewer
                + " (or <ciConfig><groupAbove>)");
    if (!oversized.isEmpty()) {
      oversized.forEach(LOG::error);
      throw new CiConfigException(String.join("; ", oversized));
    }
    if (settings.bool(Setting.CI_CONFIG_CHECK)) {
      String regenerate =
          "mvn azbuild:ci-config"
              + (selected.size() == CiTarget.values().length
                  ? ""
                  : " -D"
                      + Setting.CI_CONFIG_TARGETS.property()
                      + "="
                      + String.join(",", selected.stream().map(CiTarget::id).toList()));
      List<String> problems = CiFiles.check(root, files, regenerate);
      if (!problems.isEmpty()) {
        problems.forEach(LOG::error);
        throw new CiConfigException(String.join("; ", problems));
      }
      files.keySet().forEach(t -> LOG.info("{} is up to date", t.path()));
    } else {
      for (Path file : CiFiles.write(root, files)) {
        LOG.info("wrote {}", file);
      }
    }
  }

  /**
   * The ci-collect goal (the gate job of the generated workflows): merges the build jobs' reports
   * into {@code build.json}, draws the graph, and fails unless every image module was built or
   * re-tagged at this commit.
   */
  public CollectedBuild ciCollect() throws AzbuildException {
    Path dir =
        settings
            .optional(Setting.CI_COLLECT_REPORTS)
            .map(Path::of)
            .orElse(host.reactorRoot().resolve(CiOptions.REPORTS_DIR));
    Planned planned = plan();
    Plan plan = planned.plan();
    List<Path> files = reportFiles(dir);
    Map<String, ModuleReport> byId;
    try {
      byId = BuildReport.read(files, plan.head());
    } catch (IOException e) {
      throw new AzbuildException(
          e.getMessage() + "; the build jobs' reports must be their target/azbuild/build.json", e);
    }
    CollectedBuild collected = CollectedBuild.of(plan, byId);
    LOG.info(
        "azbuild ci-collect: {} build reports in {}, {} of {} image modules reported",
        files.size(),
        dir,
        collected.reports().size(),
        plan.modules().size());
    Path merged = host.reportDir().resolve("build.json");
    try {
      new BuildReport(
              merged, plan.head(), planned.graph().modules().stream().map(ImageModule::id).toList())
          .recordAll(collected.reports());
    } catch (IOException e) {
      throw new AzbuildException("cannot write " + merged + ": " + e.getMessage(), e);
    }
    LOG.info("wrote {}", merged);
    for (Path file :
        GraphWriter.write(
            GraphModel.of(collected.plan(), collected.notBuilt()),
            EnumSet.allOf(GraphFormat.class),
            host.reportDir(),
            "azbuild.ciCollect")) {
      LOG.info("wrote {}", file);
    }
    collected
        .reports()
        .forEach(
            r ->
                LOG.info(
                    "{}: {}{}",
                    planned.graph().module(r.id()).map(ImageModule::label).orElse(r.id()),
                    r.action(),
                    r.error() != null
                        ? " (" + r.error().lines().findFirst().orElse("") + ")"
                        : ""));
    if (!collected.complete()) {
      throw new AzbuildException(collected.problem());
    }
    LOG.info("azbuild ci-collect: every image module was built or re-tagged at {}", plan.head());
    writeBuildRecord(planned, collected.reports());
    return collected;
  }

  /**
   * The build record of the jobs' complete build (the jobs each build a part of the reactor, so
   * none of them writes it). A failed write is a warning: the next plan probes every module.
   */
  private void writeBuildRecord(Planned planned, List<ModuleReport> reports)
      throws AzbuildException {
    if (planned.plan().mode() != Mode.CONTENT || !registries.buildRecord()) {
      return;
    }
    String branch =
        planning.branch().or(planned::checkedOutBranch).map(TagNames::sanitize).orElse("");
    Optional<BuildRecord> record =
        BuildRecord.of(planned.plan(), reports, branch, java.time.Instant.now());
    if (record.isEmpty()) {
      LOG.info("no build record written: a job's report has no digest (azbuild.skipPush?)");
      return;
    }
    try (Registry cache = registries.openCache()) {
      BuildRecords.write(cache, record.get());
    } catch (RegistryException e) {
      LOG.warn("build record not written ({}); the next plan probes every module", e.getMessage());
    }
  }

  /** Every build.json below dir, in path order; none when dir does not exist (no job reported). */
  private static List<Path> reportFiles(Path dir) throws AzbuildException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(
              p -> p.getFileName().toString().equals("build.json") && Files.isRegularFile(p))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new AzbuildException("cannot read " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * The ci-local goal: runs the generated workflow on this machine as the CI would (fresh clones,
   * the vendor's variables, no image of this build on the daemon); fails when a job failed.
   */
  public RunReport ciLocal() throws AzbuildException {
    return new LocalCi(settings, host, registries, environment).run();
  }

  /** CircleCI and GitHub only read their files at the repository root. */
  private static void warnUnlessRepositoryRoot(Path root, Path workTree) {
    try {
      if (!Files.isSameFile(root, workTree)) {
        LOG.warn(
            "the reactor root {} is not the git repository root {}; CircleCI and GitHub Actions read their files"
                + " only at the repository root",
            root,
            workTree);
      }
    } catch (IOException e) {
      LOG.debug("cannot compare {} with {}: {}", root, workTree, e.getMessage());
    }
  }

  /**
   * The import-manifest goal: turns a {@code build_manifest.json} into a reactor (root aggregator,
   * a pom and {@code .rebuild_patterns} per project) beside it.
   */
  public void importManifest(ImportOptions options) throws AzbuildException {
    String manifest = settings.string(Setting.MANIFEST);
    Path file = host.executionRoot().resolve(manifest).normalize();
    Path root = file.toAbsolutePath().getParent();
    BuildManifest parsed = BuildManifest.read(file, manifest);
    ImportPlan plan = ManifestImporter.plan(root, parsed, options);
    plan.notices().forEach(LOG::warn);
    for (ImportWriter.Written w : ImportWriter.write(root, plan, settings.bool(Setting.FORCE))) {
      LOG.info(
          switch (w.action()) {
            case WROTE -> "wrote " + w.path();
            case OVERWROTE -> "overwrote " + w.path();
            case UNCHANGED -> "unchanged " + w.path();
          });
    }
    plan.kept()
        .forEach(k -> LOG.info("kept {} (the manifest's own pattern file, read the same way)", k));
    LOG.info(
        "azbuild import-manifest: {} projects of {} imported into {}; next: mvn azbuild:plan",
        plan.modules().size(),
        manifest,
        root);
  }

  /**
   * The true/false answers of changed and image-exists: logged, and written to {@code
   * azbuild.output}.
   */
  private void answer(boolean value) throws AzbuildException {
    String text = Boolean.toString(value);
    LOG.info(text);
    Optional<Path> output = settings.optional(Setting.OUTPUT).map(Path::of);
    if (output.isEmpty()) {
      return;
    }
    try {
      if (output.get().getParent() != null) {
        Files.createDirectories(output.get().getParent());
      }
      Files.writeString(output.get(), text + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AzbuildException(
          "cannot write azbuild.output="
              + output.get()
              + ": "
              + e.getMessage()
              + "; check the directory is writable",
          e);
    }
  }
}
