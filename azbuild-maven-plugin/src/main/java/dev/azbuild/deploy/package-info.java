/**
 * Deploying: the gate, promotion and copy, the terraform runner, service restarts and the records
 * that make a deploy resumable.
 *
 * <p>{@link dev.azbuild.deploy.Deployer} runs a whole reactor's deploy: {@link dev.azbuild.deploy.DeployGate}
 * first, then under a {@link dev.azbuild.deploy.DeployLock} each module, skipped when its
 * {@link dev.azbuild.deploy.DeployMarker} matches; {@link dev.azbuild.deploy.DeployedCommit} records the
 * last fully deployed commit. terraform is the one CLI azbuild cannot avoid;
 * {@link dev.azbuild.deploy.TerraformRunner} is the only way the rest of azbuild reaches it, and
 * {@link dev.azbuild.deploy.CliTerraform} the only class that starts the process. Files terraform
 * writes for a module go to a {@link dev.azbuild.deploy.TerraformWorkspace} outside the module's
 * source directory. Restarts go through {@link dev.azbuild.deploy.ServiceRestarter}: a local
 * container or an ECS service.
 */
package dev.azbuild.deploy;
