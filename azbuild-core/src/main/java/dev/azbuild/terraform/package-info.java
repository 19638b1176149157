/**
 * terraform, the one CLI azbuild cannot avoid.
 *
 * <p>{@link dev.azbuild.terraform.TerraformRunner} is the only way the rest of azbuild reaches it
 * ({@code validate} for {@code build}, {@code init} + {@code apply} for {@code deploy}), and {@link
 * dev.azbuild.terraform.CliTerraform} the only class that starts the process. Files terraform
 * writes for a module go to a {@link dev.azbuild.terraform.TerraformWorkspace} outside the module's
 * source directory; output is summarized ({@link dev.azbuild.terraform.ErrorSummary}) and secrets
 * masked before it reaches a log.
 */
package dev.azbuild.terraform;
