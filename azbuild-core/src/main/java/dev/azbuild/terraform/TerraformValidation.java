package dev.azbuild.terraform;

import java.util.List;
import java.util.Objects;

/**
 * The result of {@code terraform validate}.
 *
 * @param ok true when the configuration has no errors (warnings allowed)
 * @param diagnostics errors and warnings in terraform's order
 */
public record TerraformValidation(boolean ok, List<TerraformDiagnostic> diagnostics) {

  public TerraformValidation {
    diagnostics = List.copyOf(Objects.requireNonNull(diagnostics, "diagnostics"));
  }

  public List<TerraformDiagnostic> errors() {
    return diagnostics.stream().filter(TerraformDiagnostic::isError).toList();
  }

  public List<TerraformDiagnostic> warnings() {
    return diagnostics.stream().filter(d -> !d.isError()).toList();
  }

  /**
   * The errors on one line of at most 300 characters, e.g. for a build failure message; empty if
   * ok.
   */
  public String summary() {
    return ErrorSummary.truncate(
        String.join("; ", errors().stream().map(TerraformDiagnostic::oneLine).toList()));
  }
}
