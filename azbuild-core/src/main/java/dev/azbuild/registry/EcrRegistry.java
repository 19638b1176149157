package dev.azbuild.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyNotFoundException;
import software.amazon.awssdk.services.ecr.model.RepositoryAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

/**
 * An Amazon ECR registry. The control plane (repositories, lifecycle policies, login tokens) goes
 * through the AWS SDK; blobs always move through the OCI API of the data plane, which is the ECR
 * host itself or, with {@link RegistryOptions#ecrDataPlane()}, another registry.
 *
 * <p>Image reads and re-tags ({@link EcrImageAccess}) use DescribeImages, BatchGetImage and
 * PutImage against real ECR. An emulator such as moto has no image storage: its PutImage records
 * any manifest text without checking blobs and reports a digest that is not the manifest's hash,
 * and images pushed to the data-plane registry are invisible to it. So when a data-plane override
 * is set, image reads and re-tags go to the data plane too ({@link EcrImageAccess#AUTO}), and the
 * emulator serves only what it really emulates: repositories, policies and tokens.
 */
public final class EcrRegistry implements Registry {

  private static final Logger log = LoggerFactory.getLogger(EcrRegistry.class);

  private final EcrHost host;
  private final String prefix;
  private final EcrClient client;
  private final OciRegistry dataPlane;
  private final EcrImages images;
  private final EcrImageAccess access;
  private final String description;

  EcrRegistry(EcrHost host, String prefix, RegistryOptions options) throws RegistryException {
    this.host = host;
    this.client = EcrClients.create(host, options);
    Optional<String> dataPlaneOverride = options.ecrDataPlaneFor(host);
    String dataHost = dataPlaneOverride.map(Hosts::bareHost).orElse(host.host());
    Set<String> insecure = new HashSet<>(options.insecureHosts());
    if (dataPlaneOverride.filter(d -> d.startsWith("http://")).isPresent()) {
      insecure.add(dataHost);
    }
    RegistryAddress address = RegistryAddress.of(dataHost, prefix, insecure);
    this.prefix = address.prefix();
    CredentialChain chain = options.credentials().withFallback(new EcrCredentials(client, host));
    // The data plane authenticates as the ECR host, wherever it is served from.
    this.dataPlane = new OciRegistry(address, host.host(), chain, options);
    this.images = new EcrImages(client, host);
    this.access = options.effectiveEcrImageAccess(dataPlaneOverride.isPresent());
    String where =
        prefix == null || prefix.isEmpty() ? host.host() : host.host() + "/" + this.prefix;
    this.description =
        dataHost.equals(host.host()) ? where : where + " (data plane " + dataHost + ")";
  }

  /** Whether a host is an ECR registry ({@code <account>.dkr.ecr.<region>.amazonaws.com}). */
  public static boolean isEcrHost(String host) {
    return EcrHost.isEcrHost(host);
  }

  @Override
  public RepoStatus ensureRepository(String repository) throws RegistryException {
    String name = name(repository);
    try {
      client.createRepository(b -> b.registryId(host.account()).repositoryName(name));
      log.info("{}: created repository {}", describe(), name);
      return RepoStatus.CREATED;
    } catch (RepositoryAlreadyExistsException e) {
      return RepoStatus.EXISTS;
    } catch (SdkException e) {
      throw EcrErrors.translate(e, "CreateRepository " + name, host);
    }
  }

  @Override
  public PolicyStatus applyLifecyclePolicy(String repository, String policyJson)
      throws RegistryException {
    String name = name(repository);
    JsonNode desired = LifecyclePolicies.parse(policyJson, host + "/" + name);
    try {
      if (LifecyclePolicies.same(desired, currentPolicy(name))) {
        return PolicyStatus.UNCHANGED;
      }
      client.putLifecyclePolicy(
          b -> b.registryId(host.account()).repositoryName(name).lifecyclePolicyText(policyJson));
      log.info("{}: lifecycle policy of {} updated", describe(), name);
      return PolicyStatus.UPDATED;
    } catch (RepositoryNotFoundException e) {
      throw new RegistryException(
          "ECR repository "
              + name
              + " does not exist in "
              + host
              + "; create it first (ensureRepository / azbuild:ensure-repo)",
          404,
          e);
    } catch (SdkException e) {
      throw EcrErrors.translate(e, "PutLifecyclePolicy " + name, host);
    }
  }

  @Override
  public boolean exists(String repository, String tag) throws RegistryException {
    return digest(repository, tag).isPresent();
  }

  @Override
  public Optional<String> digest(String repository, String tag) throws RegistryException {
    if (access == EcrImageAccess.DATA_PLANE) {
      return dataPlane.digest(repository, tag);
    }
    return images.digest(name(repository), Names.requireReference(tag, describe()));
  }

  @Override
  public Manifest getManifest(String repository, String reference) throws RegistryException {
    if (access == EcrImageAccess.DATA_PLANE) {
      return dataPlane.getManifest(repository, reference);
    }
    return images.get(name(repository), Names.requireReference(reference, describe()));
  }

  @Override
  public Optional<Manifest> findManifest(String repository, String reference)
      throws RegistryException {
    if (access == EcrImageAccess.DATA_PLANE) {
      return dataPlane.findManifest(repository, reference);
    }
    return images.find(name(repository), Names.requireReference(reference, describe()));
  }

  @Override
  public void putManifest(String repository, String tag, Manifest manifest)
      throws RegistryException {
    if (access == EcrImageAccess.DATA_PLANE) {
      dataPlane.putManifest(repository, tag, manifest);
      return;
    }
    images.put(name(repository), manifest, Names.requireTag(tag, describe()));
  }

  @Override
  public String retag(String repository, String fromTag, List<String> toTags)
      throws RegistryException {
    if (access == EcrImageAccess.DATA_PLANE) {
      return dataPlane.retag(repository, fromTag, toTags);
    }
    for (String tag : toTags) {
      Names.requireTag(tag, describe());
    }
    return images.retag(name(repository), Names.requireTag(fromTag, describe()), toTags);
  }

  @Override
  public CopyResult copy(
      String repository,
      String reference,
      Registry target,
      String targetRepository,
      List<String> targetTags)
      throws RegistryException {
    return dataPlane.copy(repository, reference, target, targetRepository, targetTags);
  }

  @Override
  public Optional<SourcedCredentials> credentials() throws RegistryException {
    return dataPlane.credentials();
  }

  @Override
  public String host() {
    return dataPlane.host(); // the ECR host itself unless tests point it at a local registry
  }

  @Override
  public String imageName(String repository) {
    return dataPlane.imageName(
        repository); // the ECR host itself unless tests point it at a local registry
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public void close() {
    client.close();
  }

  @Override
  public String toString() {
    return "EcrRegistry[" + description + "]";
  }

  /** The account id from the host name. */
  public String account() {
    return host.account();
  }

  /** The region from the host name. */
  public String region() {
    return host.region();
  }

  OciRegistry dataPlane() {
    return dataPlane;
  }

  private String name(String repository) throws RegistryException {
    return EcrNames.require(prefix.isEmpty() ? repository : prefix + "/" + repository, host);
  }

  private String currentPolicy(String name) {
    try {
      return client
          .getLifecyclePolicy(b -> b.registryId(host.account()).repositoryName(name))
          .lifecyclePolicyText();
    } catch (LifecyclePolicyNotFoundException e) {
      return null;
    }
  }
}
