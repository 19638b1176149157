package dev.azbuild.deploy;

import dev.azbuild.graph.ImageModule;
import dev.azbuild.registry.CopyResult;
import dev.azbuild.registry.Registry;
import dev.azbuild.registry.RegistryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deploy of a whole reactor: the gate (every module has its commit image), then under the
 * deploy lock (read again before each module, see {@link DeployLock}), per module in graph order: skip if the deploy marker says this digest and these
 * terraform inputs are deployed; else promote (re-tag commit → master in the cache registry), copy
 * to the deploy registry by digest, {@code terraform apply}, restart, re-tag {@code deployed} and
 * write the marker. After every module, the commit is recorded in the cache registry as the last
 * fully deployed one. A failure stops at the failed module; the markers written so far make a rerun
 * skip what completed.
 */
public final class Deployer {

  private static final Logger LOG = LoggerFactory.getLogger(Deployer.class);

  private final Registry cache;
  private final Registry deploy;
  private final Optional<TerraformRunner> terraform;
  private final ServiceRestarter restarter;
  private final DeploySettings settings;
  private final DeployReport report;

  public Deployer(Registry cache, Registry deploy, Optional<TerraformRunner> terraform, ServiceRestarter restarter,
      DeploySettings settings, DeployReport report) {
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
  public List<ModuleDeployReport> deploy(List<ImageModule> modules, List<ImageModule> selected) throws DeployException {
    DeployGate.Result gate;
    try {
      gate = DeployGate.check(cache, modules, settings.commit());
    } catch (RegistryException e) {
      throw new DeployException("deploy gate: " + e.getMessage(), e);
    }
    if (!gate.open()) {
      report.write(false);
      throw new DeployException(gate.message(settings.commit(), cache.describe()));
    }
    LOG.info("deploy gate open: {} modules have images tagged {}", modules.size(), settings.commit());
    if (settings.dryRun()) {
      reportLock();
      for (ImageModule m : selected) {
        report.record(dryRun(m, gate.digests().get(m.id())));
      }
      report.write(true);
      return report.modules();
    }
    try (DeployLock lock = DeployLock.acquire(deploy, ourLock(), settings.lockSettle())) {
      for (ImageModule m : selected) {
        lock.checkStillOurs(m.label());
        ModuleDeployReport r = deployModule(m, gate.digests().get(m.id()));
        report.record(r);
        if (r.action().equals(ModuleDeployReport.FAILED)) {
          throw new DeployException(r.reasons().get(r.reasons().size() - 1)
              + "; modules before it are deployed and recorded, rerun to resume");
        }
      }
      List<String> pending = notDeployed(modules, selected, gate.digests());
      if (pending.isEmpty()) {
        DeployedCommit.write(cache, settings.commit(), Instant.now());
        LOG.info("recorded {} as the last fully deployed commit in {}", settings.commit(), cache.describe());
      } else {
        LOG.info("not recording {} as fully deployed yet: {} not deployed at this commit", settings.commit(),
            String.join(", ", pending));
      }
      lock.release();
    } catch (RegistryException e) {
      throw new DeployException(e.getMessage(), e);
    }
    report.write(true);
    return report.modules();
  }

  /** The labels of the modules outside {@code selected} whose deployed marker does not match this commit's image. */
  private List<String> notDeployed(List<ImageModule> modules, List<ImageModule> selected, Map<String, String> digests)
      throws RegistryException, DeployException {
    List<String> pending = new ArrayList<>();
    for (ImageModule m : modules) {
      if (selected.contains(m)) {
        continue;
      }
      try {
        String tfHash = TerraformInputs.hash(terraformDir(m), settings.imageVar(), deploy.imageName(m.image()));
        if (DeployMarker.read(deploy, m.image()).flatMap(k -> k.skipReason(digests.get(m.id()), tfHash)).isEmpty()) {
          pending.add(m.label());
        }
      } catch (IOException e) {
        throw new DeployException(m.label() + ": " + e.getMessage(), e);
      }
    }
    return pending;
  }

  private DeployLock.Holder ourLock() {
    return DeployLock.Holder.ours(settings.runId(), settings.host(), settings.commit(), Instant.now());
  }

  /** A dry run reads the lock, never takes it: says whether a deploy now would be refused. */
  private void reportLock() throws DeployException {
    try {
      Optional<String> blocked = DeployLock.blockedBy(deploy, ourLock());
      if (blocked.isPresent()) {
        LOG.warn("dry run: a deploy now would fail: {}", blocked.get());
      } else {
        LOG.info("dry run: the deploy lock in {} is free", deploy.describe());
      }
    } catch (RegistryException e) {
      throw new DeployException("dry run: " + e.getMessage(), e);
    }
  }

  private ModuleDeployReport dryRun(ImageModule m, String digest) throws DeployException {
    long start = System.nanoTime();
    List<String> reasons = new ArrayList<>();
    try {
      String deployName = deploy.imageName(m.image());
      String tfHash = TerraformInputs.hash(terraformDir(m), settings.imageVar(), deployName);
      Optional<DeployMarker> marker = DeployMarker.read(deploy, m.image());
      Optional<String> skip = marker.flatMap(k -> k.skipReason(digest, tfHash));
      if (skip.isPresent()) {
        LOG.info("{}: would skip: {}", m.label(), skip.get());
        return new ModuleDeployReport(m.id(), m.image(), ModuleDeployReport.SKIPPED, digest, false, false,
            seconds(start), List.of(skip.get()));
      }
      reasons.add(DeployMarker.deployReason(marker, digest, tfHash));
      reasons.add("would promote " + m.image() + ":" + settings.commit() + " to " + settings.masterTag() + " in " + cache.describe());
      reasons.add("would copy " + digest + " to " + deployName + " tags " + settings.commit() + ", " + settings.masterTag());
      if (Files.isDirectory(terraformDir(m))) {
        reasons.add("would terraform apply " + terraformDir(m) + " with " + settings.imageVar() + "=" + deployName + "@" + digest);
      }
      reasons.add("would restart " + restarter.describe(m.image()));
      reasons.forEach(r -> LOG.info("{}: {}", m.label(), r));
      return new ModuleDeployReport(m.id(), m.image(), ModuleDeployReport.WOULD_DEPLOY, digest, false, false,
          seconds(start), reasons);
    } catch (IOException | RegistryException e) {
      throw new DeployException(m.label() + ": " + e.getMessage(), e);
    }
  }

  private ModuleDeployReport deployModule(ImageModule m, String digest) {
    long start = System.nanoTime();
    List<String> reasons = new ArrayList<>();
    boolean applied = false;
    boolean restarted = false;
    String image = m.image();
    try {
      String deployName = deploy.imageName(image);
      Path tfDir = terraformDir(m);
      String tfHash = TerraformInputs.hash(tfDir, settings.imageVar(), deployName);
      Optional<DeployMarker> marker = DeployMarker.read(deploy, image);
      Optional<String> skip = marker.flatMap(k -> k.skipReason(digest, tfHash));
      promote(m, digest);
      if (skip.isPresent()) {
        LOG.info("{}: skipped: {}", m.label(), skip.get());
        return new ModuleDeployReport(m.id(), image, ModuleDeployReport.SKIPPED, digest, false, false,
            seconds(start), List.of(skip.get()));
      }
      reasons.add(DeployMarker.deployReason(marker, digest, tfHash));
      deploy.ensureRepository(image); // ECR refuses pushes to a repository that does not exist
      CopyResult copy = cache.copy(image, digest, deploy, image, List.of(settings.commit(), settings.masterTag()));
      reasons.add("copied to " + deployName + " (" + copy.blobsCopied() + " blobs, " + copy.bytesCopied()
          + " bytes sent; " + copy.blobsSkipped() + " already there)");
      LOG.info("{}: {}", m.label(), reasons.get(reasons.size() - 1));
      if (Files.isDirectory(tfDir)) {
        TerraformRunner runner = terraform.orElseThrow(() -> new DeployException(
            m.label() + ": has terraform/ but no terraform binary is available; check azbuild.terraform.version"));
        boolean changed = runner.apply(new TerraformWorkspace(tfDir, settings.stateRoot().resolve(image)),
            Map.of(settings.imageVar(), deployName + "@" + digest));
        applied = true;
        reasons.add(changed ? "terraform applied changes" : "terraform apply: no changes");
      }
      restarted = restarter.restart(image, deployName + ":" + settings.commit(), deployName + "@" + digest);
      if (restarted) {
        reasons.add("restarted " + restarter.describe(image));
      }
      deploy.retag(image, settings.commit(), DeployMarker.DEPLOYED_TAG);
      new DeployMarker(digest, tfHash, settings.commit(), Instant.now().toString()).write(deploy, image);
      LOG.info("{}: deployed {}", m.label(), digest);
      return new ModuleDeployReport(m.id(), image, ModuleDeployReport.DEPLOYED, digest, applied, restarted,
          seconds(start), reasons);
    } catch (RegistryException | TerraformException | DeployException | IOException | RuntimeException e) {
      String message = e instanceof TerraformException ? m.label() + ": terraform apply failed: " + e.getMessage()
          : e.getMessage() != null && e.getMessage().startsWith(m.label() + ":") ? e.getMessage()
          : m.label() + ": " + e.getMessage();
      LOG.error("{}", message);
      reasons.add(message);
      return new ModuleDeployReport(m.id(), image, ModuleDeployReport.FAILED, digest, applied, restarted,
          seconds(start), reasons);
    }
  }

  /** Re-tags the commit image {@code masterTag} in the cache registry, unless it already is. */
  private void promote(ImageModule m, String digest) throws RegistryException {
    if (cache.digest(m.image(), settings.masterTag()).filter(digest::equals).isPresent()) {
      return;
    }
    cache.retag(m.image(), settings.commit(), settings.masterTag());
    LOG.info("{}: promoted {} to {} in {}", m.label(), settings.commit(), settings.masterTag(), cache.describe());
  }

  static Path terraformDir(ImageModule m) {
    return m.basedir().resolve("terraform");
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
