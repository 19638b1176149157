package dev.azbuild.terraform;

import dev.azbuild.io.FileTrees;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link TerraformRunner} on the terraform CLI (the binary from {@code
 * dev.azbuild.tools.TerraformInstaller}).
 *
 * <p>Every command runs as {@code terraform -chdir=<module> ...} with this process's environment
 * plus {@code TF_IN_AUTOMATION=1}, {@code TF_INPUT=0}, {@code CHECKPOINT_DISABLE=1}, a shared
 * {@code TF_PLUGIN_CACHE_DIR} (providers are downloaded once per machine) and a per-module {@code
 * TF_DATA_DIR}; see {@link TerraformWorkspace} for where state goes. Instances hold no mutable
 * state and may be shared between threads, as long as two threads do not use the same workspace at
 * once.
 */
public final class CliTerraform implements TerraformRunner {

  private static final Logger log = LoggerFactory.getLogger(CliTerraform.class);
  private static final Pattern VAR_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

  /**
   * terraform's plugin cache is not safe for concurrent {@code init}s, so inits sharing a cache
   * directory take turns within this JVM (parallel {@code -T} builds).
   */
  private static final Map<Path, ReentrantLock> INIT_LOCKS = new ConcurrentHashMap<>();

  private final Path pluginCacheDir;
  private final TerraformProcess terraform;

  /**
   * @param terraform the terraform binary
   * @param pluginCacheDir provider cache shared by all modules; created when needed
   * @param timeout for each terraform command (an apply is three: init, plan, apply)
   */
  public CliTerraform(Path terraform, Path pluginCacheDir, Duration timeout) {
    this.pluginCacheDir = pluginCacheDir.toAbsolutePath().normalize();
    this.terraform =
        new TerraformProcess(
            terraform,
            Map.of(
                "TF_IN_AUTOMATION", "1",
                "TF_INPUT", "0",
                "CHECKPOINT_DISABLE", "1",
                "TF_PLUGIN_CACHE_DIR", this.pluginCacheDir.toString()),
            timeout);
  }

  @Override
  public void stop(Duration grace) {
    terraform.stopRunning(grace);
  }

  /** {@code ~/.azbuild/terraform-plugin-cache}. */
  public static Path defaultPluginCacheDir() {
    return Path.of(System.getProperty("user.home"), ".azbuild", "terraform-plugin-cache");
  }

  @Override
  public TerraformValidation validate(Path moduleDir) throws TerraformException {
    Path dir = moduleDir.toAbsolutePath().normalize();
    List<String> initArgs = List.of("init", "-backend=false", "-input=false", "-no-color");
    List<String> validateArgs = List.of("validate", "-no-color", "-json");
    requireDirectory(dir, initArgs);
    Path dataDir = null;
    try {
      // A throwaway data dir: validation must not disturb a workspace a deploy may be using.
      dataDir = Files.createTempDirectory("azbuild-terraform-validate-");
      TerraformProcess.Result init = init(dir, dataDir, initArgs);
      TerraformProcess.Result result = terraform.run(dir, dataDir, validateArgs, SecretMask.NONE);
      TerraformValidation validation =
          TerraformJson.validation(result.stdout())
              .orElseThrow(() -> failure(dir, validateArgs, result, SecretMask.NONE));
      // init also fails on syntax errors, which validate then reports with file and line;
      // without such located errors the init failure itself (e.g. a provider download) is the news.
      if (init.exitCode() != 0 && validation.errors().stream().allMatch(d -> d.file().isEmpty())) {
        throw failure(dir, initArgs, init, SecretMask.NONE);
      }
      if (validation.ok()) {
        log.info("{}: terraform configuration is valid", dir);
      } else {
        log.info("{}: terraform configuration is invalid: {}", dir, validation.summary());
      }
      return validation;
    } catch (IOException e) {
      throw new TerraformException(
          dir,
          TerraformProcess.display(initArgs, SecretMask.NONE),
          -1,
          "could not create a temporary data directory: " + e.getMessage());
    } finally {
      if (dataDir != null) {
        FileTrees.deleteQuietly(dataDir);
      }
    }
  }

  @Override
  public boolean apply(TerraformWorkspace workspace, Map<String, String> vars)
      throws TerraformException {
    Path dir = workspace.moduleDir();
    SecretMask mask = SecretMask.of(vars);
    List<String> varArgs = new ArrayList<>();
    // Sorted, so the same variables always give the same command line.
    for (Map.Entry<String, String> var : new TreeMap<>(vars).entrySet()) {
      if (!VAR_NAME.matcher(var.getKey()).matches()) {
        throw new TerraformException(
            dir,
            "terraform plan",
            -1,
            "invalid variable name '"
                + var.getKey()
                + "': terraform variable names match [A-Za-z_][A-Za-z0-9_-]*");
      }
      varArgs.add("-var");
      varArgs.add(var.getKey() + "=" + var.getValue());
    }

    List<String> stateArgs = prepare(workspace);
    Path planFile = workspace.planFile();
    try {
      List<String> planArgs =
          new ArrayList<>(
              List.of(
                  "plan", "-input=false", "-no-color", "-detailed-exitcode", "-out=" + planFile));
      planArgs.addAll(stateArgs);
      planArgs.addAll(varArgs);
      TerraformProcess.Result plan = terraform.run(dir, workspace.dataDir(), planArgs, mask);
      if (plan.exitCode() == 0) {
        log.info("{}: terraform has no changes to apply", dir);
        return false;
      }
      if (plan.exitCode() != 2) {
        throw failure(dir, planArgs, plan, mask);
      }

      // Applying the saved plan applies exactly what was planned, even if the world moved since.
      List<String> applyArgs =
          new ArrayList<>(List.of("apply", "-input=false", "-no-color", "-auto-approve"));
      applyArgs.addAll(stateArgs);
      applyArgs.add(planFile.toString());
      TerraformProcess.Result apply = terraform.run(dir, workspace.dataDir(), applyArgs, mask);
      if (apply.exitCode() != 0) {
        throw failure(dir, applyArgs, apply, mask);
      }
      log.info("{}: terraform applied changes", dir);
      return true;
    } finally {
      FileTrees.deleteQuietly(planFile);
    }
  }

  @Override
  public Map<String, String> outputs(TerraformWorkspace workspace) throws TerraformException {
    Path dir = workspace.moduleDir();
    List<String> args = new ArrayList<>(List.of("output", "-no-color", "-json"));
    args.addAll(prepare(workspace));
    TerraformProcess.Result result = terraform.run(dir, workspace.dataDir(), args, SecretMask.NONE);
    if (result.exitCode() != 0) {
      throw failure(dir, args, result, SecretMask.NONE);
    }
    try {
      return TerraformJson.outputs(result.stdout());
    } catch (IOException e) {
      throw new TerraformException(
          dir, TerraformProcess.display(args, SecretMask.NONE), 0, e.getMessage());
    }
  }

  /**
   * Creates the work dir (owner-only: state and plans hold variable values), runs {@code init}, and
   * returns the arguments that select the state: none when the configuration declares a backend,
   * else {@code -state=<workDir>/terraform.tfstate}. {@code -state} is the only way to keep
   * backend-less local state out of the module directory; terraform 1.10+ prints a deprecation
   * warning for it, which is harmless.
   */
  private List<String> prepare(TerraformWorkspace workspace) throws TerraformException {
    Path dir = workspace.moduleDir();
    List<String> initArgs = List.of("init", "-input=false", "-no-color");
    requireDirectory(dir, initArgs);
    try {
      createPrivateDirectory(workspace.workDir());
    } catch (IOException e) {
      throw new TerraformException(
          dir,
          TerraformProcess.display(initArgs, SecretMask.NONE),
          -1,
          "could not create work directory " + workspace.workDir() + ": " + e.getMessage());
    }
    TerraformProcess.Result init = init(dir, workspace.dataDir(), initArgs);
    if (init.exitCode() != 0) {
      throw failure(dir, initArgs, init, SecretMask.NONE);
    }
    return declaresBackend(workspace) ? List.of() : List.of("-state=" + workspace.stateFile());
  }

  private TerraformProcess.Result init(Path dir, Path dataDir, List<String> args)
      throws TerraformException {
    try {
      Files.createDirectories(pluginCacheDir); // terraform ignores a cache dir that does not exist
    } catch (IOException e) {
      throw new TerraformException(
          dir,
          TerraformProcess.display(args, SecretMask.NONE),
          -1,
          "could not create plugin cache " + pluginCacheDir + ": " + e.getMessage());
    }
    ReentrantLock lock = INIT_LOCKS.computeIfAbsent(pluginCacheDir, p -> new ReentrantLock());
    lock.lock();
    try {
      return terraform.run(dir, dataDir, args, SecretMask.NONE);
    } finally {
      lock.unlock();
    }
  }

  private static boolean declaresBackend(TerraformWorkspace workspace) throws TerraformException {
    try {
      return TerraformJson.declaresBackend(workspace.dataDir());
    } catch (IOException e) {
      throw new TerraformException(
          workspace.moduleDir(),
          "terraform init",
          0,
          "cannot read the backend settings terraform init wrote to "
              + workspace.dataDir()
              + ": "
              + e.getMessage());
    }
  }

  private static TerraformException failure(
      Path dir, List<String> args, TerraformProcess.Result result, SecretMask mask) {
    return new TerraformException(
        dir,
        TerraformProcess.display(args, mask),
        result.exitCode(),
        // Masked before shortening, so a cut cannot leave half a secret showing.
        ErrorSummary.of(mask.apply(result.stderr()), mask.apply(result.stdout())));
  }

  private static void requireDirectory(Path dir, List<String> args) throws TerraformException {
    if (!Files.isDirectory(dir)) {
      throw new TerraformException(
          dir,
          TerraformProcess.display(args, SecretMask.NONE),
          -1,
          "no such directory; point azbuild at the module's terraform configuration");
    }
  }

  private static void createPrivateDirectory(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Files.createDirectories(dir.getParent());
    try {
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        Files.createDirectory(
            dir,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } else {
        Files.createDirectory(dir);
      }
    } catch (FileAlreadyExistsException e) {
      // created concurrently: fine
    }
  }
}
