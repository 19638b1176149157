/**
 * Installs pinned tool binaries: replaces the old {@code ensure_terraform} script.
 *
 * <p>{@link dev.azbuild.tools.TerraformInstaller} finds or installs the exact terraform version a
 * {@link dev.azbuild.tools.TerraformRequest} asks for: the one on {@code PATH}, else a per-user
 * cached copy, else a download from a HashiCorp-layout mirror verified against its {@code
 * SHA256SUMS}. Plain JDK only (plus SLF4J).
 */
package dev.azbuild.tools;
