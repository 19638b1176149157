package dev.azbuild.build;

import dev.azbuild.env.Namespace;
import dev.azbuild.registry.CopyResult;
import dev.azbuild.registry.Manifest;
import dev.azbuild.registry.PolicyStatus;
import dev.azbuild.registry.Registry;
import dev.azbuild.registry.RegistryException;
import dev.azbuild.registry.RepoStatus;
import dev.azbuild.registry.SourcedCredentials;
import java.util.List;
import java.util.Optional;

/**
 * Stands in for the cache registry on a laptop build with {@code azbuild.skipPush} and no registry
 * configured: images are named {@code <namespace>/<image>} on the local daemon (the namespace keeps
 * two projects on one daemon apart) and nothing exists remotely.
 */
public final class NoRegistry implements Registry {

  private final Namespace namespace;

  public NoRegistry(Namespace namespace) {
    this.namespace = namespace;
  }

  @Override
  public RepoStatus ensureRepository(String repository) {
    return RepoStatus.IMPLICIT;
  }

  @Override
  public PolicyStatus applyLifecyclePolicy(String repository, String policyJson) {
    return PolicyStatus.NOT_SUPPORTED;
  }

  @Override
  public boolean exists(String repository, String tag) {
    return false;
  }

  @Override
  public Optional<String> digest(String repository, String tag) {
    return Optional.empty();
  }

  @Override
  public Manifest getManifest(String repository, String reference) throws RegistryException {
    throw new RegistryException(
        "no cache registry configured: " + repository + ":" + reference + " is not available");
  }

  @Override
  public Optional<Manifest> findManifest(String repository, String reference) {
    return Optional.empty();
  }

  @Override
  public void putManifest(String repository, String tag, Manifest manifest)
      throws RegistryException {
    throw new RegistryException(
        "no cache registry configured: cannot tag " + repository + ":" + tag);
  }

  @Override
  public String retag(String repository, String fromTag, List<String> toTags)
      throws RegistryException {
    throw new RegistryException("no cache registry configured: cannot re-tag " + repository);
  }

  @Override
  public CopyResult copy(
      String repository,
      String reference,
      Registry target,
      String targetRepository,
      List<String> targetTags)
      throws RegistryException {
    throw new RegistryException("no cache registry configured: cannot copy " + repository);
  }

  @Override
  public Optional<SourcedCredentials> credentials() {
    return Optional.empty();
  }

  /** None: images stay on the daemon. */
  @Override
  public String host() {
    return "";
  }

  @Override
  public String imageName(String repository) {
    return namespace.value() + "/" + repository;
  }

  @Override
  public String describe() {
    return "the local Docker daemon (no registry; images " + namespace.value() + "/<image>)";
  }
}
