package dev.azbuild.terraform;

import java.util.Objects;

/**
 * One message from {@code terraform validate}.
 *
 * @param severity {@code error} or {@code warning}
 * @param file configuration file relative to the module, or empty when not tied to a file
 * @param line 1-based line in {@code file}, or 0 when unknown
 */
public record TerraformDiagnostic(
    String severity, String summary, String detail, String file, int line) {

  public TerraformDiagnostic {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(file, "file");
  }

  public boolean isError() {
    return severity.equals("error");
  }

  /** {@code main.tf:3}, {@code main.tf}, or empty. */
  public String location() {
    return file.isEmpty() ? "" : line > 0 ? file + ":" + line : file;
  }

  /** {@code main.tf:3: Summary: detail} on one line. */
  public String oneLine() {
    String text =
        (location().isEmpty() ? "" : location() + ": ")
            + summary
            + (detail.isBlank() ? "" : ": " + detail);
    return text.replaceAll("\\s+", " ").trim();
  }
}
