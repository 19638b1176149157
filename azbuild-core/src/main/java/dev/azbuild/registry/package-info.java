/**
 * Everything azbuild does with registries without pulling: existence and digest checks, re-tags,
 * cross-registry copies, repositories and lifecycle policies, credentials.
 *
 * <p>{@link dev.azbuild.registry.Registries#forUrl} gives a {@link dev.azbuild.registry.Registry}:
 * an {@link dev.azbuild.registry.OciRegistry} (OCI distribution API v2 on the JDK HTTP client) or,
 * for {@code <account>.dkr.ecr.<region>.amazonaws.com}, an {@link dev.azbuild.registry.EcrRegistry}
 * (AWS SDK control plane, OCI data plane). Credentials come from a {@link
 * dev.azbuild.registry.CredentialChain} as {@link dev.azbuild.registry.Credentials}, the one
 * credential type (the docker package hands the same to the daemon); a registry's 401 challenges
 * are answered by {@link dev.azbuild.registry.ChallengeResponder} (Basic, or Bearer tokens). Errors
 * are one-line {@link dev.azbuild.registry.RegistryException}s that name the credentials' source
 * but never a secret. Plain Java: no Maven types here; only this package uses the AWS SDK {@code
 * ecr} module.
 */
package dev.azbuild.registry;
