/**
 * Deploying: the terraform runner.
 *
 * <p>terraform is the one CLI azbuild cannot avoid; {@link dev.azbuild.deploy.TerraformRunner}
 * is the only way the rest of azbuild reaches it, and {@link dev.azbuild.deploy.CliTerraform}
 * the only class that starts the process. Files terraform writes for a module go to a
 * {@link dev.azbuild.deploy.TerraformWorkspace} outside the module's source directory.
 */
package dev.azbuild.deploy;
