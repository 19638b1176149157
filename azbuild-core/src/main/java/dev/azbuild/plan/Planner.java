package dev.azbuild.plan;

import dev.azbuild.dockerfile.DockerIgnore;
import dev.azbuild.git.ChangedFiles;
import dev.azbuild.git.GitException;
import dev.azbuild.git.GitRepo;
import dev.azbuild.git.RepoSnapshot;
import dev.azbuild.graph.ImageModule;
import dev.azbuild.graph.ModuleGraph;
import dev.azbuild.hashing.ArtifactResolver;
import dev.azbuild.hashing.InputHash;
import dev.azbuild.hashing.InputHasher;
import dev.azbuild.hashing.ModuleInputs;
import dev.azbuild.hashing.UnresolvedSnapshotException;
import dev.azbuild.io.RequestPool;
import dev.azbuild.patterns.InvalidRebuildPatternException;
import dev.azbuild.patterns.RebuildPatterns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.eclipse.jgit.lib.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, for every image module, whether its image must be rebuilt, and why. One pass over the
 * repository serves every module; decisions are made in reactor order so upstream results are known
 * when a module is decided.
 */
public final class Planner {

  public static final String PATTERNS_FILE = ".rebuild_patterns";

  private static final Logger LOG = LoggerFactory.getLogger(Planner.class);

  /**
   * @param base the base commit (diff mode needs it; content mode ignores it)
   * @param head a commit to plan for; empty means HEAD plus the work tree's changes
   * @param artifacts resolves SNAPSHOT dependencies from outside the reactor (content mode hashes
   *     their files)
   * @param earlierTrees reads the input tree of an earlier image, so a rebuild reason can name what
   *     changed
   * @param branchTag the branch's tag: its image is the first one compared with (then {@code
   *     masterTag}'s)
   * @param recorded the build record: content mode probes only the modules whose hash it does not
   *     name
   * @param deployed the deploy record: diff mode asks only about the {@code master} images of the
   *     modules it does not name
   * @param concurrency registry requests in flight at most
   */
  public record Request(
      Mode mode,
      Optional<ObjectId> base,
      Optional<ObjectId> head,
      CacheProbe cache,
      String masterTag,
      List<String> warnings,
      ArtifactResolver artifacts,
      InputTreeSource earlierTrees,
      Optional<String> branchTag,
      Supplier<RecordedImages> recorded,
      Supplier<DeployedImages> deployed,
      int concurrency) {

    /**
     * With no SNAPSHOT resolver, earlier trees, branch tag or build record, {@link
     * RequestPool#DEFAULT_CONCURRENCY} registry requests at a time.
     */
    public Request(
        Mode mode,
        Optional<ObjectId> base,
        Optional<ObjectId> head,
        CacheProbe cache,
        String masterTag,
        List<String> warnings) {
      this(
          mode,
          base,
          head,
          cache,
          masterTag,
          warnings,
          ArtifactResolver.NONE,
          InputTreeSource.NONE,
          Optional.empty(),
          () -> RecordedImages.NONE,
          () -> DeployedImages.NONE,
          RequestPool.DEFAULT_CONCURRENCY);
    }

    /** The tags whose images a rebuilt module's inputs are compared with, in order. */
    List<String> earlierTags() {
      List<String> tags = new ArrayList<>();
      branchTag.ifPresent(tags::add);
      if (!tags.contains(masterTag)) {
        tags.add(masterTag);
      }
      return tags;
    }
  }

  private final GitRepo git;
  private final ModuleGraph graph;

  public Planner(GitRepo git, ModuleGraph graph) {
    this.git = git;
    this.graph = graph;
  }

  public Plan plan(Request request) throws GitException, PlanException {
    List<String> warnings = new ArrayList<>(request.warnings());
    String headSha = request.head().orElse(git.head()).name();
    long start = System.nanoTime();
    Map<String, RebuildPatterns> patterns = readPatterns(warnings, request.mode());
    LOG.debug("read .rebuild_patterns in {} ms", (System.nanoTime() - start) / 1_000_000);
    List<ModuleDecision> decisions =
        request.mode() == Mode.DIFF ? planDiff(request, patterns) : planContent(request, patterns);
    return new Plan(
        request.mode(),
        request.base().map(ObjectId::name).orElse(null),
        headSha,
        decisions,
        List.copyOf(warnings));
  }

  private List<ModuleDecision> planDiff(Request request, Map<String, RebuildPatterns> patterns)
      throws GitException, PlanException {
    ObjectId base =
        request
            .base()
            .orElseThrow(() -> new IllegalStateException("diff mode needs a base commit"));
    long start = System.nanoTime();
    List<String> changed = ChangedFiles.since(git, base, request.head());
    LOG.debug("changed files in {} ms", (System.nanoTime() - start) / 1_000_000);
    LOG.debug("{} files changed since {}", changed.size(), base.name());
    changed.forEach(p -> LOG.debug("changed: {}", p));
    // the default branch's image is asked for, all at once, for every module that neither a
    // changed file nor an upstream module's changed file rebuilds (reactor order: upstream first)
    Map<String, RebuildPatterns.Match> matches = new HashMap<>();
    Set<String> changedOrDownstream = new HashSet<>();
    List<CacheProbes.Question> questions = new ArrayList<>();
    for (ImageModule module : graph.modules()) {
      Optional<RebuildPatterns.Match> match = patterns.get(module.id()).firstMatch(changed);
      match.ifPresent(m -> matches.put(module.id(), m));
      if (match.isPresent() || module.upstream().stream().anyMatch(changedOrDownstream::contains)) {
        changedOrDownstream.add(module.id());
      } else {
        questions.add(new CacheProbes.Question(module, request.masterTag()));
      }
    }
    // the deploy record names the master images the last complete deploy left: no question for
    // those (the build verifies each where it reads it to re-tag, and builds a module whose image
    // is gone)
    DeployedImages deployed =
        request.cache() == CacheProbe.NONE || questions.isEmpty()
            ? DeployedImages.NONE
            : request.deployed().get();
    Map<String, Optional<Boolean>> masterExists = new HashMap<>();
    List<CacheProbes.Question> asked = new ArrayList<>();
    for (CacheProbes.Question q : questions) {
      if (deployed.names(q.module().image(), q.tag())) {
        masterExists.put(q.module().id(), Optional.of(true));
      } else {
        asked.add(q);
      }
    }
    if (!deployed.isEmpty()) {
      LOG.info(
          "{}: {} of {} modules have a recorded {} image; {} asked for in the cache registry",
          deployed.describe(),
          questions.size() - asked.size(),
          questions.size(),
          request.masterTag(),
          asked.size());
    }
    questions = asked;
    long probeStart = System.nanoTime();
    List<Optional<Boolean>> answers =
        CacheProbes.ask(request.cache(), questions, request.concurrency());
    LOG.debug(
        "{} cache probes in {} ms", questions.size(), (System.nanoTime() - probeStart) / 1_000_000);
    for (int i = 0; i < questions.size(); i++) {
      masterExists.put(questions.get(i).module().id(), answers.get(i));
    }
    Map<String, Boolean> rebuilds = new HashMap<>();
    List<ModuleDecision> decisions = new ArrayList<>();
    for (ImageModule module : graph.modules()) {
      List<String> reasons = new ArrayList<>();
      RebuildPatterns own = patterns.get(module.id());
      Optional.ofNullable(matches.get(module.id()))
          .ifPresent(m -> reasons.add(m.path() + " matched " + m.pattern()));
      addUpstreamReasons(module, rebuilds, reasons);
      if (reasons.isEmpty()
          && !masterExists.getOrDefault(module.id(), Optional.empty()).orElse(true)) {
        reasons.add(
            "no image " + request.masterTag() + " in the cache registry"); // the bash scripts' rule
      }
      boolean rebuild = !reasons.isEmpty();
      if (!rebuild) {
        reasons.add(
            "no file changed since "
                + abbreviate(base.name())
                + " matches "
                + (own.isDefault()
                    ? own.sources().get(0)
                    : module.dir().isEmpty() ? PATTERNS_FILE : module.dir() + "/" + PATTERNS_FILE));
      }
      rebuilds.put(module.id(), rebuild);
      decisions.add(
          new ModuleDecision(
              module.id(),
              module.dir(),
              module.image(),
              rebuild,
              List.copyOf(reasons),
              null,
              List.of(),
              module.upstream()));
    }
    return decisions;
  }

  private List<ModuleDecision> planContent(Request request, Map<String, RebuildPatterns> patterns)
      throws GitException, PlanException {
    long start = System.nanoTime();
    RepoSnapshot snapshot =
        request.head().isPresent()
            ? RepoSnapshot.ofCommit(git, request.head().get())
            : RepoSnapshot.ofWorkingTree(git);
    LOG.debug(
        "snapshot of {} files in {} ms", snapshot.size(), (System.nanoTime() - start) / 1_000_000);
    InputHasher hasher = new InputHasher(snapshot, request.artifacts());
    // hashes first (a module's hash takes its upstream hashes), then every cache probe at once
    Map<String, String> hashes = new HashMap<>();
    List<InputHash> inputHashes = new ArrayList<>();
    List<CacheProbes.Question> questions = new ArrayList<>();
    List<ImageModule> modules = graph.modules();
    for (ImageModule module : graph.modules()) {
      RebuildPatterns own = patterns.get(module.id());
      ModuleInputs inputs =
          new ModuleInputs(
              module.contextDir(),
              module.dockerfile(),
              dockerIgnore(module),
              module.buildArgs(),
              own.isDefault() ? Optional.empty() : Optional.of(own),
              Optional.of(module.maven()),
              module.dependencyModules());
      Map<String, String> upstreamHashes = new LinkedHashMap<>();
      module.upstream().forEach(u -> upstreamHashes.put(u, hashes.get(u)));
      InputHash hash;
      try {
        hash = hasher.hash(inputs, upstreamHashes);
      } catch (UnresolvedSnapshotException e) {
        throw new PlanException(e.getMessage(), e);
      }
      hashes.put(module.id(), hash.hash());
      inputHashes.add(hash);
    }
    // the build record names the images of the last complete build: a module whose inputs are the
    // recorded ones needs no probe (the build verifies its image where it reads it anyway)
    RecordedImages recorded =
        request.cache() == CacheProbe.NONE ? RecordedImages.NONE : request.recorded().get();
    List<Optional<RecordedImages.Vouched>> inRecord = new ArrayList<>(modules.size());
    for (int i = 0; i < modules.size(); i++) {
      ImageModule module = modules.get(i);
      InputHash hash = inputHashes.get(i);
      Optional<RecordedImages.Vouched> vouched = recorded.vouch(module.image(), hash.hash());
      inRecord.add(vouched);
      if (vouched.isEmpty()) {
        questions.add(new CacheProbes.Question(module, hash.cacheTag()));
      }
    }
    long probeStart = System.nanoTime();
    List<Optional<Boolean>> probed =
        CacheProbes.ask(request.cache(), questions, request.concurrency());
    if (!recorded.isEmpty()) {
      LOG.info(
          "{}: {} of {} modules have the recorded inputs; {} probed in the cache registry",
          recorded.describeAll(),
          modules.size() - questions.size(),
          modules.size(),
          questions.size());
    }
    LOG.debug(
        "{} cache probes in {} ms", questions.size(), (System.nanoTime() - probeStart) / 1_000_000);
    List<Optional<Boolean>> answers = new ArrayList<>(modules.size());
    for (int i = 0, probe = 0; i < modules.size(); i++) {
      answers.add(inRecord.get(i).isPresent() ? Optional.of(true) : probed.get(probe++));
    }

    Map<String, Boolean> rebuilds = new HashMap<>();
    List<ModuleDecision> decisions = new ArrayList<>();
    for (int i = 0; i < modules.size(); i++) {
      ImageModule module = modules.get(i);
      InputHash hash = inputHashes.get(i);
      List<String> reasons = new ArrayList<>();
      Optional<Boolean> cached = answers.get(i);
      if (cached.isEmpty()) {
        reasons.add("no image cache-" + hash.shortHash() + " checked yet");
      } else if (!cached.get()) {
        reasons.add("no image cache-" + hash.shortHash() + " in the cache registry");
      }
      addUpstreamReasons(module, rebuilds, reasons);
      boolean rebuild = !reasons.isEmpty();
      if (!rebuild) {
        reasons.add(
            "image cache-"
                + hash.shortHash()
                + inRecord.get(i).map(v -> " in " + v.record().describe()).orElse(" exists"));
      }
      rebuilds.put(module.id(), rebuild);
      decisions.add(
          new ModuleDecision(
              module.id(),
              module.dir(),
              module.image(),
              rebuild,
              List.copyOf(reasons),
              hash.hash(),
              hash.tree(),
              module.upstream()));
    }
    return nameChanges(request, decisions, answers, rebuilds);
  }

  /**
   * A rebuilt module's cache miss, said as what changed: its input tree against the one in the
   * label of the image the build primes its cache from (the branch's, else the default branch's).
   * Without such an image or label the reason stays the cache miss; a failed read never fails the
   * plan.
   */
  private List<ModuleDecision> nameChanges(
      Request request,
      List<ModuleDecision> decisions,
      List<Optional<Boolean>> answers,
      Map<String, Boolean> rebuilds) {
    List<ImageModule> missed = new ArrayList<>();
    for (int i = 0; i < decisions.size(); i++) {
      if (decisions.get(i).rebuild() && answers.get(i).isPresent() && !answers.get(i).get()) {
        missed.add(graph.modules().get(i));
      }
    }
    if (missed.isEmpty() || request.earlierTrees() == InputTreeSource.NONE) {
      return decisions;
    }
    long start = System.nanoTime();
    Map<String, List<String>> earlier =
        EarlierTrees.read(
            request.earlierTrees(), missed, request.earlierTags(), request.concurrency());
    LOG.debug(
        "{} earlier input trees read in {} ms",
        earlier.size(),
        (System.nanoTime() - start) / 1_000_000);
    List<ModuleDecision> named = new ArrayList<>(decisions.size());
    for (int i = 0; i < decisions.size(); i++) {
      ModuleDecision d = decisions.get(i);
      ImageModule module = graph.modules().get(i);
      List<String> before = earlier.get(d.id());
      if (before == null || before.equals(d.inputTree())) {
        named.add(
            d); // nothing to compare, or the same inputs (the cache tag was deleted): the miss is
        // the reason
        continue;
      }
      List<String> changes =
          InputTreeDiff.changes(
              before, d.inputTree(), module, id -> rebuilds.getOrDefault(id, false));
      List<String> reasons = new ArrayList<>(d.reasons());
      if (changes.isEmpty() && reasons.size() > 1) {
        reasons.remove(0); // only rebuilt upstream modules differ: their reasons follow
      } else if (!changes.isEmpty()) {
        reasons.set(0, InputTreeDiff.summary(changes)); // the cache miss, said as what changed
      }
      named.add(
          new ModuleDecision(
              d.id(),
              d.dir(),
              d.image(),
              d.rebuild(),
              List.copyOf(reasons),
              d.inputHash(),
              d.inputTree(),
              d.upstream()));
    }
    return named;
  }

  private static void addUpstreamReasons(
      ImageModule module, Map<String, Boolean> rebuilds, List<String> reasons) {
    for (String upstream : module.upstream()) {
      if (rebuilds.getOrDefault(upstream, false)) {
        reasons.add("upstream " + upstream + " rebuilds");
      }
    }
  }

  private DockerIgnore dockerIgnore(ImageModule module) throws PlanException {
    try {
      return DockerIgnore.read(git.workTree().resolve(module.contextDir()));
    } catch (IOException e) {
      throw new PlanException(module.label() + ": cannot read .dockerignore: " + e.getMessage(), e);
    }
  }

  /** Each module's .rebuild_patterns, or the default {@code ^<dir>/}. */
  private Map<String, RebuildPatterns> readPatterns(List<String> warnings, Mode mode)
      throws PlanException {
    Map<String, RebuildPatterns> result = new HashMap<>();
    for (ImageModule module : graph.modules()) {
      Path file = module.basedir().resolve(PATTERNS_FILE);
      RebuildPatterns patterns;
      if (Files.isRegularFile(file)) {
        try {
          patterns = RebuildPatterns.read(file);
        } catch (InvalidRebuildPatternException e) {
          // name the file as the user sees it in the repository, not by its absolute path
          String relative =
              module.dir().isEmpty() ? PATTERNS_FILE : module.dir() + "/" + PATTERNS_FILE;
          throw new PlanException(
              new InvalidRebuildPatternException(Path.of(relative), e.line(), e.regex(), e.reason())
                  .getMessage(),
              e);
        } catch (IOException e) {
          throw new PlanException(
              file + ": cannot read (" + e.getMessage() + "); check its permissions", e);
        }
        if (patterns.isEmpty() && mode == Mode.DIFF) {
          warnings.add(
              module.label()
                  + "/"
                  + PATTERNS_FILE
                  + " has no patterns: in diff mode this module never"
                  + " rebuilds unless an upstream module does; add a line such as ^"
                  + module.dir()
                  + "/");
        }
      } else {
        patterns = RebuildPatterns.defaults(module.dir());
      }
      result.put(module.id(), patterns);
    }
    return result;
  }

  private static String abbreviate(String sha) {
    return sha.substring(0, Math.min(12, sha.length()));
  }
}
