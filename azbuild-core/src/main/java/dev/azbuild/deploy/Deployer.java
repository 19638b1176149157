package dev.azbuild.deploy;

import dev.azbuild.graph.ImageModule;
import dev.azbuild.registry.CopyResult;
import dev.azbuild.registry.Registry;
import dev.azbuild.registry.RegistryException;
import dev.azbuild.terraform.TerraformException;
import dev.azbuild.terraform.TerraformRunner;
import dev.azbuild.terraform.TerraformWorkspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deploy of a whole reactor: the gate (every module has its commit image), then under the
 * deploy lock (read again before each module, see {@link DeployLock}), a check that refuses a
 * module whose applied {@code terraform/} was removed, then per module in graph order: skip if the
 * deploy marker says this digest and these terraform inputs are deployed; else copy to the deploy
 * registry by digest (tagged with the commit only), {@code terraform apply}, tag it {@code master}
 * there (what the services are told to run), restart, and only then move the tags that say
 * "deployed": {@value DeployMarker#DEPLOYED_TAG} in the deploy registry, {@code master} in the
 * cache registry, and last the marker. After every module, the commit is recorded in the cache
 * registry as the last fully deployed one. A failure stops at the failed module, whose "deployed"
 * tags and marker stay where they were; the markers written so far make a rerun skip what
 * completed.
 */
public final class Deployer {

  private static final Logger LOG = LoggerFactory.getLogger(Deployer.class);

  /**
   * How long a running terraform gets to stop cleanly when the JVM shuts down (within the lock's
   * budget).
   */
  private static final Duration TERRAFORM_STOP_GRACE = Duration.ofSeconds(5);

  private final Registry cache;
  private final Registry deploy;
  private final Optional<TerraformRunner> terraform;
  private final ServiceRestarter restarter;
  private final DeploySettings settings;
  private final DeployReport report;

  public Deployer(
      Registry cache,
      Registry deploy,
      Optional<TerraformRunner> terraform,
      ServiceRestarter restarter,
      DeploySettings settings,
      DeployReport report) {
    this.cache = cache;
    this.deploy = deploy;
    this.terraform = terraform;
    this.restarter = restarter;
    this.settings = settings;
    this.report = report;
  }

  /** Whether any module has a {@code terraform/} dir (then a runner is needed). */
  public static boolean needsTerraform(List<ImageModule> modules) {
    return modules.stream().anyMatch(m -> Files.isDirectory(terraformDir(m)));
  }

  /**
   * @throws DeployException with one line when the gate is closed (nothing changed), the lock is
   *     held, or a module failed (modules before it stay deployed and recorded)
   */
  public List<ModuleDeployReport> deploy(List<ImageModule> modules) throws DeployException {
    return deploy(modules, modules);
  }

  /**
   * Deploys only {@code selected} (a CI job per module), after the gate checked every module. The
   * commit is recorded as fully deployed when, afterwards, every other module's marker also holds
   * this commit's digest and terraform inputs: the last of the per-module deploys records it.
   */
  public List<ModuleDeployReport> deploy(List<ImageModule> modules, List<ImageModule> selected)
      throws DeployException {
    DeployGate.Result gate;
    try {
      gate = DeployGate.check(cache, modules, settings.commit(), settings.registryConcurrency());
    } catch (RegistryException e) {
      throw new DeployException("deploy gate: " + e.getMessage(), e);
    }
    if (!gate.open()) {
      report.write(false);
      throw new DeployException(gate.message(settings.commit(), cache.describe()));
    }
    LOG.info(
        "deploy gate open: {} modules have images tagged {}", modules.size(), settings.commit());
    if (settings.dryRun()) {
      reportLock();
      try {
        Map<String, Optional<DeployMarker>> markers = readMarkers(selected);
        for (ImageModule m : selected) {
          report.record(dryRun(m, gate.digests().get(m.id()), markers.get(m.id())));
        }
      } catch (RegistryException e) {
        throw new DeployException("dry run: " + e.getMessage(), e);
      }
      report.write(true);
      return report.modules();
    }
    try (DeployLock lock =
        DeployLock.acquire(deploy, ourLock(), settings.lockSettle(), settings.breakLock())) {
      // on SIGTERM/SIGINT the lock's hook stops terraform first, so a released lock means nothing
      // runs
      lock.stopOnShutdown(() -> terraform.ifPresent(t -> t.stop(TERRAFORM_STOP_GRACE)));
      Map<String, Optional<DeployMarker>> markers = readMarkers(selected);
      for (ImageModule m : selected) {
        Optional<String> refused = terraformRemoved(m, markers.get(m.id()));
        if (refused.isPresent()) {
          report.write(false);
          throw new DeployException(refused.get() + "; nothing was deployed");
        }
      }
      for (ImageModule m : selected) {
        lock.checkStillOurs(m.label());
        ModuleDeployReport r = deployModule(m, gate.digests().get(m.id()), markers.get(m.id()));
        report.record(r);
        if (r.action().equals(ModuleDeployReport.FAILED)) {
          throw new DeployException(
              r.reasons().get(r.reasons().size() - 1)
                  + "; modules before it are deployed and recorded, rerun to resume");
        }
      }
      List<String> pending = notDeployed(modules, selected, gate.digests());
      if (pending.isEmpty()) {
        // every module's master names this commit's image now: the record says so, and diff mode
        // reads it instead of asking for each master image
        Map<String, String> promoted = new java.util.TreeMap<>();
        modules.forEach(m -> promoted.put(m.image(), gate.digests().get(m.id())));
        new DeployedCommit(settings.commit(), Instant.now(), settings.masterTag(), promoted)
            .write(cache);
        LOG.info(
            "recorded {} as the last fully deployed commit in {}",
            settings.commit(),
            cache.describe());
      } else {
        LOG.info(
            "not recording {} as fully deployed yet: {} not deployed at this commit",
            settings.commit(),
            String.join(", ", pending));
      }
      lock.release();
    } catch (RegistryException e) {
      throw new DeployException(e.getMessage(), e);
    }
    report.write(true);
    return report.modules();
  }

  /**
   * Every selected module's deploy marker, by module id (one read each, before any module changes).
   */
  private Map<String, Optional<DeployMarker>> readMarkers(List<ImageModule> selected)
      throws RegistryException {
    Map<String, Optional<DeployMarker>> markers = new HashMap<>();
    for (ImageModule m : selected) {
      markers.put(m.id(), DeployMarker.read(deploy, m.image()));
    }
    return markers;
  }

  /**
   * Why a module must not deploy: its last deploy applied terraform, but its {@code terraform/} is
   * gone, so deploying without it would leave those resources unmanaged and call the module
   * deployed. Empty when that is not the case or {@code allowTerraformRemoval} is set (then
   * warned).
   */
  private Optional<String> terraformRemoved(ImageModule m, Optional<DeployMarker> marker) {
    if (marker.isEmpty()
        || !marker.get().terraformApplied()
        || Files.isDirectory(terraformDir(m))) {
      return Optional.empty();
    }
    String state = settings.stateRoot().resolve(m.image()).toString();
    if (settings.allowTerraformRemoval()) {
      LOG.warn(
          "{}: deploying without terraform although its last deploy ({}) applied {}"
              + " (azbuild.deploy.allowTerraformRemoval=true); the resources it made and their state in {} are left"
              + " as they are",
          m.label(),
          marker.get().commit(),
          terraformDir(m),
          state);
      return Optional.empty();
    }
    return Optional.of(
        m.label()
            + ": its last deploy ("
            + marker.get().commit()
            + ") applied "
            + terraformDir(m)
            + ", which is gone now, so the resources it made still exist; restore terraform/, or destroy them (state in "
            + state
            + ") and set -Dazbuild.deploy.allowTerraformRemoval=true to deploy without it");
  }

  /**
   * The labels of the modules outside {@code selected} whose deployed marker does not match this
   * commit's image.
   */
  private List<String> notDeployed(
      List<ImageModule> modules, List<ImageModule> selected, Map<String, String> digests)
      throws RegistryException, DeployException {
    List<String> pending = new ArrayList<>();
    for (ImageModule m : modules) {
      if (selected.contains(m)) {
        continue;
      }
      try {
        String tfHash =
            TerraformInputs.hash(terraformDir(m), settings.imageVar(), deploy.imageName(m.image()));
        if (DeployMarker.read(deploy, m.image())
            .flatMap(k -> k.skipReason(digests.get(m.id()), tfHash))
            .isEmpty()) {
          pending.add(m.label());
        }
      } catch (IOException e) {
        throw new DeployException(m.label() + ": " + e.getMessage(), e);
      }
    }
    return pending;
  }

  private DeployLock.Holder ourLock() {
    return DeployLock.Holder.ours(
        settings.runId(),
        settings.host(),
        settings.commit(),
        Instant.now(),
        settings.lockStaleAfter());
  }

  /** A dry run reads the lock, never takes it: says whether a deploy now would be refused. */
  private void reportLock() throws DeployException {
    try {
      Optional<String> blocked = DeployLock.blockedBy(deploy, ourLock());
      if (blocked.isPresent() && settings.breakLock()) {
        LOG.warn(
            "dry run: a deploy now would break the lock (azbuild.deploy.breakLock=true): {}",
            blocked.get());
      } else if (blocked.isPresent()) {
        LOG.warn("dry run: a deploy now would fail: {}", blocked.get());
      } else {
        LOG.info("dry run: the deploy lock in {} is free", deploy.describe());
      }
    } catch (RegistryException e) {
      throw new DeployException("dry run: " + e.getMessage(), e);
    }
  }

  private ModuleDeployReport dryRun(ImageModule m, String digest, Optional<DeployMarker> marker)
      throws DeployException {
    long start = System.nanoTime();
    List<String> reasons = new ArrayList<>();
    try {
      String deployName = deploy.imageName(m.image());
      String tfHash = TerraformInputs.hash(terraformDir(m), settings.imageVar(), deployName);
      Optional<String> skip = marker.flatMap(k -> k.skipReason(digest, tfHash));
      if (skip.isPresent()) {
        LOG.info("{}: would skip: {}", m.label(), skip.get());
        return new ModuleDeployReport(
            m.id(),
            m.image(),
            ModuleDeployReport.SKIPPED,
            digest,
            false,
            false,
            seconds(start),
            List.of(skip.get()));
      }
      Optional<String> refused = terraformRemoved(m, marker);
      if (refused.isPresent()) {
        LOG.warn("dry run: a deploy now would fail: {}", refused.get());
        return new ModuleDeployReport(
            m.id(),
            m.image(),
            ModuleDeployReport.WOULD_FAIL,
            digest,
            false,
            false,
            seconds(start),
            List.of(refused.get()));
      }
      reasons.add(DeployMarker.deployReason(marker, digest, tfHash));
      reasons.add("would copy " + digest + " to " + deployName + " tag " + settings.commit());
      if (Files.isDirectory(terraformDir(m))) {
        reasons.add(
            "would terraform apply "
                + terraformDir(m)
                + " with "
                + settings.imageVar()
                + "="
                + deployName
                + "@"
                + digest);
      }
      reasons.add(
          "would tag it "
              + settings.masterTag()
              + " in "
              + deployName
              + " and restart "
              + restarter.describe(m.image()));
      reasons.add(
          "would then tag it "
              + DeployMarker.DEPLOYED_TAG
              + " in "
              + deployName
              + ", promote "
              + m.image()
              + ":"
              + settings.commit()
              + " to "
              + settings.masterTag()
              + " in "
              + cache.describe()
              + " and record the marker");
      reasons.forEach(r -> LOG.info("{}: {}", m.label(), r));
      return new ModuleDeployReport(
          m.id(),
          m.image(),
          ModuleDeployReport.WOULD_DEPLOY,
          digest,
          false,
          false,
          seconds(start),
          reasons);
    } catch (IOException e) {
      throw new DeployException(m.label() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Copy, apply, restart, then the tags that say "deployed" and the marker: a module that fails
   * before its end moves none of them, so they never name an image that did not go live.
   */
  private ModuleDeployReport deployModule(
      ImageModule m, String digest, Optional<DeployMarker> marker) {
    long start = System.nanoTime();
    List<String> reasons = new ArrayList<>();
    boolean applied = false;
    boolean restarted = false;
    String image = m.image();
    try {
      String deployName = deploy.imageName(image);
      Path tfDir = terraformDir(m);
      String tfHash = TerraformInputs.hash(tfDir, settings.imageVar(), deployName);
      Optional<String> skip = marker.flatMap(k -> k.skipReason(digest, tfHash));
      if (skip.isPresent()) {
        promote(m, digest); // the marker says this digest is deployed: master may name it
        LOG.info("{}: skipped: {}", m.label(), skip.get());
        return new ModuleDeployReport(
            m.id(),
            image,
            ModuleDeployReport.SKIPPED,
            digest,
            false,
            false,
            seconds(start),
            List.of(skip.get()));
      }
      reasons.add(DeployMarker.deployReason(marker, digest, tfHash));
      deploy.ensureRepository(image); // ECR refuses pushes to a repository that does not exist
      // the commit tag names this commit's image whether or not it goes live; terraform and
      // restarts need it there
      CopyResult copy = cache.copy(image, digest, deploy, image, List.of(settings.commit()));
      reasons.add(
          "copied to "
              + deployName
              + " ("
              + copy.blobsCopied()
              + " blobs, "
              + copy.bytesCopied()
              + " bytes sent; "
              + copy.blobsSkipped()
              + " already there)");
      LOG.info("{}: {}", m.label(), reasons.get(reasons.size() - 1));
      if (Files.isDirectory(tfDir)) {
        TerraformRunner runner =
            terraform.orElseThrow(
                () ->
                    new DeployException(
                        m.label()
                            + ": has terraform/ but no terraform binary is available; check azbuild.terraform.version"));
        boolean changed =
            runner.apply(
                new TerraformWorkspace(tfDir, settings.stateRoot().resolve(image)),
                Map.of(settings.imageVar(), deployName + "@" + digest));
        applied = true;
        reasons.add(changed ? "terraform applied changes" : "terraform apply: no changes");
      }
      // master in the deploy registry names what the services are told to run: a restart of a task
      // definition that says <image>:master (ECS force-new-deployment) must find the new image
      // there
      deploy.retag(image, settings.commit(), settings.masterTag());
      restarted =
          restarter.restart(image, deployName + ":" + settings.commit(), deployName + "@" + digest);
      if (restarted) {
        reasons.add("restarted " + restarter.describe(image));
      }
      // live now: the tag that says so, the cache's master, and last the marker that makes reruns
      // skip it
      deploy.retag(image, settings.commit(), DeployMarker.DEPLOYED_TAG);
      promote(m, digest);
      new DeployMarker(digest, tfHash, applied, settings.commit(), Instant.now().toString())
          .write(deploy, image);
      LOG.info("{}: deployed {}", m.label(), digest);
      return new ModuleDeployReport(
          m.id(),
          image,
          ModuleDeployReport.DEPLOYED,
          digest,
          applied,
          restarted,
          seconds(start),
          reasons);
    } catch (RegistryException
        | TerraformException
        | DeployException
        | IOException
        | RuntimeException e) {
      String message =
          e instanceof TerraformException
              ? m.label() + ": terraform apply failed: " + e.getMessage()
              : e.getMessage() != null && e.getMessage().startsWith(m.label() + ":")
                  ? e.getMessage()
                  : m.label() + ": " + e.getMessage();
      LOG.error("{}", message);
      reasons.add(message);
      return new ModuleDeployReport(
          m.id(),
          image,
          ModuleDeployReport.FAILED,
          digest,
          applied,
          restarted,
          seconds(start),
          reasons);
    }
  }

  /** Re-tags the commit image {@code masterTag} in the cache registry, unless it already is. */
  private void promote(ImageModule m, String digest) throws RegistryException {
    if (cache.digest(m.image(), settings.masterTag()).filter(digest::equals).isPresent()) {
      return;
    }
    cache.retag(m.image(), settings.commit(), settings.masterTag());
    LOG.info(
        "{}: promoted {} to {} in {}",
        m.label(),
        settings.commit(),
        settings.masterTag(),
        cache.describe());
  }

  static Path terraformDir(ImageModule m) {
    return m.basedir().resolve("terraform");
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
