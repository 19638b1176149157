package dev.azbuild.terraform;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where terraform runs for one module and where it keeps its files.
 *
 * <p>terraform runs with {@code -chdir=moduleDir}, so relative module sources and file paths in the
 * configuration work as usual, but it writes nothing there: its data directory ({@code .terraform}:
 * providers, modules, backend settings) is {@code workDir/data} via {@code TF_DATA_DIR}. State
 * follows the configuration: a module that declares a backend keeps its state there (S3, HTTP, or a
 * {@code local} backend with its own path); a module without a backend block gets local state at
 * {@code workDir/terraform.tfstate}. That work dir must survive between deploys for such modules
 * (so not {@code target/}, which {@code mvn clean} deletes), and must be distinct per module.
 *
 * @param moduleDir the terraform configuration (root module), e.g. {@code services/api/terraform}
 * @param workDir azbuild's directory for this module; created when needed
 */
public record TerraformWorkspace(Path moduleDir, Path workDir) {

  public TerraformWorkspace {
    moduleDir = Objects.requireNonNull(moduleDir, "moduleDir").toAbsolutePath().normalize();
    workDir = Objects.requireNonNull(workDir, "workDir").toAbsolutePath().normalize();
    if (workDir.equals(moduleDir)) {
      throw new IllegalArgumentException("workDir must not be the module directory " + moduleDir);
    }
  }

  /** {@code TF_DATA_DIR}: what terraform would otherwise put in {@code moduleDir/.terraform}. */
  public Path dataDir() {
    return workDir.resolve("data");
  }

  /** Local state, used only when the configuration declares no backend. */
  public Path stateFile() {
    return workDir.resolve("terraform.tfstate");
  }

  /**
   * The saved plan between {@code plan} and {@code apply}; it holds variable values, so it is
   * deleted after.
   */
  Path planFile() {
    return workDir.resolve("azbuild.tfplan");
  }
}
