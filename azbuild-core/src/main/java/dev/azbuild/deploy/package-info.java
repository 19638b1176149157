/**
 * Deploying: the gate, promotion and copy, service restarts and the records that make a deploy
 * resumable.
 *
 * <p>{@link dev.azbuild.deploy.Deployer} runs a whole reactor's deploy: {@link
 * dev.azbuild.deploy.DeployGate} first, then under a {@link dev.azbuild.deploy.DeployLock} each
 * module, skipped when its {@link dev.azbuild.deploy.DeployMarker} matches; {@link
 * dev.azbuild.deploy.DeployedCommit} records the last fully deployed commit. terraform is reached
 * through {@link dev.azbuild.terraform.TerraformRunner}. Restarts go through {@link
 * dev.azbuild.deploy.ServiceRestarter}: a local container or an ECS service.
 */
package dev.azbuild.deploy;
