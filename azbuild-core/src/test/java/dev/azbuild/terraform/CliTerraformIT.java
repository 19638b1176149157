package dev.azbuild.terraform;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real terraform on configurations that need no provider download ({@code
 * terraform_data}).
 */
class CliTerraformIT {

  private static final Path TERRAFORM = Path.of("/usr/local/bin/terraform");

  private static final String SERVICE =
      """
      variable "image" {
        type = string
      }
      resource "terraform_data" "svc" {
        input = var.image
      }
      output "image" {
        value = terraform_data.svc.output
      }
      output "ports" {
        value = [80, 443]
      }
      """;

  private static final String GUARDED =
      """
      variable "replicas" {
        type = number
      }
      variable "db_password" {
        type    = string
        default = "unset"
      }
      resource "terraform_data" "svc" {
        input = var.replicas
        lifecycle {
          precondition {
            condition     = var.replicas > 0
            error_message = "replicas must be positive (password ${var.db_password})."
          }
        }
      }
      """;

  @TempDir Path tmp;

  private CliTerraform terraform() {
    return new CliTerraform(TERRAFORM, tmp.resolve("plugin-cache"), Duration.ofMinutes(2));
  }

  // ---- validate ----

  @Test
  void validConfigurationIsOkAndItsDirectoryStaysClean() throws Exception {
    Path module = module("svc", SERVICE);

    TerraformValidation result = terraform().validate(module);

    assertThat(result.ok()).isTrue();
    assertThat(result.errors()).isEmpty();
    assertThat(result.summary()).isEmpty();
    assertThat(children(module)).containsExactly("main.tf");
  }

  @Test
  void invalidReferenceIsReportedWithFileAndLine() throws Exception {
    Path module = module("bad", "resource \"terraform_data\" \"x\" {\n  input = var.nope\n}\n");

    TerraformValidation result = terraform().validate(module);

    assertThat(result.ok()).isFalse();
    assertThat(result.errors())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.file()).isEqualTo("main.tf");
              assertThat(d.line()).isEqualTo(2);
              assertThat(d.summary()).isEqualTo("Reference to undeclared input variable");
            });
    assertThat(result.summary())
        .startsWith(
            "main.tf:2: Reference to undeclared input variable: "
                + "An input variable with the name \"nope\" has not been declared.");
  }

  @Test
  void syntaxErrorThatBreaksInitIsReportedAsDiagnostics() throws Exception {
    Path module = module("broken", "resource \"terraform_data\" {\n  input = 1\n");

    TerraformValidation result = terraform().validate(module);

    assertThat(result.ok()).isFalse();
    assertThat(result.summary())
        .startsWith("main.tf:1: Unclosed configuration block: ")
        .contains("main.tf:1: Missing name for resource")
        .hasSizeLessThanOrEqualTo(300)
        .doesNotContain("\n");
  }

  @Test
  void providerInstallFailureIsAnErrorNotADiagnostic() throws Exception {
    // An unreachable registry on loopback: init fails fast, validate would only say "missing
    // provider".
    Path module =
        module(
            "provider",
            "terraform {\n  required_providers {\n"
                + "    foo = { source = \"localhost:1/x/foo\" }\n  }\n}\n");

    assertThatThrownBy(() -> terraform().validate(module))
        .isInstanceOfSatisfying(
            TerraformException.class,
            e -> {
              assertThat(e.command())
                  .isEqualTo("terraform init -backend=false -input=false -no-color");
              assertThat(e.reason())
                  .startsWith("Failed to query available provider packages: Could not retrieve")
                  .contains("could not connect to localhost:1")
                  .hasSizeLessThanOrEqualTo(300);
            });
  }

  @Test
  void missingDirectoryIsAOneLineError() {
    Path missing = tmp.resolve("nope");

    assertThatThrownBy(() -> terraform().validate(missing))
        .isInstanceOf(TerraformException.class)
        .hasMessageStartingWith(missing + ": `terraform init -backend=false")
        .hasMessageContaining("no such directory");
  }

  // ---- apply ----

  @Test
  void afterStopNoCommandStarts() throws Exception {
    Path module = module("svc", SERVICE);
    CliTerraform terraform = terraform();
    terraform.stop(Duration.ofSeconds(1)); // nothing runs: returns at once

    assertThatThrownBy(
            () ->
                terraform.apply(
                    new TerraformWorkspace(module, tmp.resolve("work/svc")),
                    Map.of("image", "repo/svc:abc")))
        .isInstanceOf(TerraformException.class)
        .hasMessageContaining("not started: azbuild is stopping");
    assertThat(tmp.resolve("work/svc/terraform.tfstate")).doesNotExist();
  }

  @Test
  void applyCreatesStateOutsideTheModuleAndReportsWhetherAnythingChanged() throws Exception {
    Path module = module("svc", SERVICE);
    TerraformWorkspace workspace = new TerraformWorkspace(module, tmp.resolve("work/svc"));
    CliTerraform terraform = terraform();

    assertThat(terraform.outputs(workspace)).isEmpty();
    assertThat(terraform.apply(workspace, Map.of("image", "repo/svc:abc"))).isTrue();
    assertThat(workspace.stateFile()).isRegularFile();
    assertThat(terraform.apply(workspace, Map.of("image", "repo/svc:abc"))).isFalse();
    assertThat(terraform.apply(workspace, Map.of("image", "repo/svc:def"))).isTrue();

    assertThat(terraform.outputs(workspace))
        .containsExactly(Map.entry("image", "repo/svc:def"), Map.entry("ports", "[80,443]"));
    assertThat(children(module)).containsExactly("main.tf");
    assertThat(children(workspace.workDir()))
        .containsExactlyInAnyOrder("terraform.tfstate", "terraform.tfstate.backup");
    assertThat(Files.getPosixFilePermissions(workspace.workDir()))
        .isEqualTo(PosixFilePermissions.fromString("rwx------"));
  }

  @Test
  void declaredBackendKeepsItsOwnState() throws Exception {
    Path state = tmp.resolve("backend/custom.tfstate");
    Path module =
        module(
            "svc",
            SERVICE + "terraform {\n  backend \"local\" {\n    path = \"" + state + "\"\n  }\n}\n");
    TerraformWorkspace workspace = new TerraformWorkspace(module, tmp.resolve("work/svc"));

    assertThat(terraform().apply(workspace, Map.of("image", "a"))).isTrue();

    assertThat(state).isRegularFile();
    assertThat(workspace.stateFile()).doesNotExist();
    assertThat(terraform().apply(workspace, Map.of("image", "a"))).isFalse();
  }

  @Test
  void failedPreconditionIsAOneLineErrorWithTerraformsMessage() throws Exception {
    Path module = module("guarded", GUARDED);
    TerraformWorkspace workspace = new TerraformWorkspace(module, tmp.resolve("work/guarded"));

    assertThatThrownBy(() -> terraform().apply(workspace, Map.of("replicas", "0")))
        .isInstanceOfSatisfying(
            TerraformException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(1);
              assertThat(e.moduleDir()).isEqualTo(module);
              assertThat(e.command()).startsWith("terraform plan ").endsWith("-var replicas=0");
              assertThat(e.reason())
                  .isEqualTo(
                      "main.tf:12: Resource precondition failed: "
                          + "replicas must be positive (password unset).");
              assertThat(e.getMessage())
                  .startsWith(module + ": `terraform plan ")
                  .contains("` exited 1: main.tf:12:");
              assertThat(e.getMessage()).doesNotContain("\n");
            });
    assertThat(workspace.stateFile()).doesNotExist();
    assertThat(workspace.planFile()).doesNotExist();
  }

  @Test
  void secretValuesAreMaskedInErrors() throws Exception {
    Path module = module("guarded", GUARDED);
    TerraformWorkspace workspace = new TerraformWorkspace(module, tmp.resolve("work/guarded"));

    assertThatThrownBy(
            () ->
                terraform().apply(workspace, Map.of("replicas", "0", "db_password", "hunter2-xyz")))
        .isInstanceOf(TerraformException.class)
        .hasMessageContaining("-var db_password=****")
        .hasMessageContaining("replicas must be positive (password ****).")
        .message()
        .doesNotContain("hunter2");
  }

  @Test
  void undeclaredVariableIsAOneLineError() throws Exception {
    Path module = module("svc", SERVICE);
    TerraformWorkspace workspace = new TerraformWorkspace(module, tmp.resolve("work/svc"));

    assertThatThrownBy(() -> terraform().apply(workspace, Map.of("image", "a", "imgae", "b")))
        .isInstanceOf(TerraformException.class)
        .hasMessageContaining(
            "Value for undeclared variable: A variable named \"imgae\" was assigned on the command line")
        .message()
        .doesNotContain("\n");
  }

  @Test
  void invalidVariableNameIsRejectedBeforeRunning() throws Exception {
    Path module = module("svc", SERVICE);
    TerraformWorkspace workspace = new TerraformWorkspace(module, tmp.resolve("work/svc"));

    assertThatThrownBy(() -> terraform().apply(workspace, Map.of("image=x", "a")))
        .hasMessageContaining("invalid variable name 'image=x'");
    assertThat(workspace.workDir()).doesNotExist();
  }

  // ---- process ----

  @Test
  void hungTerraformTimesOut() throws Exception {
    Path fake = tmp.resolve("bin/terraform");
    Files.createDirectories(fake.getParent());
    Files.writeString(
        fake, "#!/bin/sh\necho 'Initializing the backend...'\nexec sleep 60\n", UTF_8);
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
    CliTerraform hung = new CliTerraform(fake, tmp.resolve("plugin-cache"), Duration.ofMillis(500));
    long start = System.nanoTime();

    assertThatThrownBy(() -> hung.validate(module("svc", SERVICE)))
        .isInstanceOf(TerraformException.class)
        .hasMessageContaining(
            "`terraform init -backend=false -input=false -no-color` failed: timed out after 500 ms")
        .hasMessageContaining("Initializing the backend...");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void passesAutomationEnvironment() throws Exception {
    Path fake = tmp.resolve("bin/terraform");
    Path seen = tmp.resolve("env.txt");
    Files.createDirectories(fake.getParent());
    Files.writeString(
        fake,
        "#!/bin/sh\nenv | grep -E '^(TF_|CHECKPOINT_)' | sort > '"
            + seen
            + "'\n"
            + "echo \"$@\" >> '"
            + seen
            + "'\necho '{\"valid\": true, \"diagnostics\": []}'\n",
        UTF_8);
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path module = module("svc", SERVICE);

    new CliTerraform(fake, tmp.resolve("plugin-cache"), Duration.ofSeconds(30)).validate(module);

    assertThat(Files.readString(seen))
        .contains(
            "TF_IN_AUTOMATION=1",
            "TF_INPUT=0",
            "CHECKPOINT_DISABLE=1",
            "TF_PLUGIN_CACHE_DIR=" + tmp.resolve("plugin-cache"),
            "TF_DATA_DIR=")
        .contains("-chdir=" + module + " validate -no-color -json");
    assertThat(tmp.resolve("plugin-cache")).isDirectory();
  }

  // ---- helpers ----

  private Path module(String name, String mainTf) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("modules").resolve(name));
    Files.writeString(dir.resolve("main.tf"), mainTf, UTF_8);
    return dir;
  }

  private static List<String> children(Path dir) throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
