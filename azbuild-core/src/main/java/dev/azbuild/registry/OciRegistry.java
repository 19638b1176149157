package dev.azbuild.registry;

import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A registry reached through the OCI distribution API v2 (Docker Registry HTTP API v2), on the
 * JDK's {@link HttpClient} and Jackson.
 *
 * <p>Why not a library: Jib's {@code jib-core} has a registry client, but its maintainers state
 * that {@code RegistryClient} is internal, not public API (only {@code ...jib.api} is), and it
 * brings Guava, google-http-client, Apache HttpClient 4, google-auth and commons-compress. The ORAS
 * Java SDK (0.x) targets OCI artifacts and brings Jackson 3, BouncyCastle, zstd-jni and Micrometer.
 * The handful of endpoints azbuild needs (manifest HEAD/GET/PUT, blob HEAD/GET, upload POST/PUT,
 * Basic and Bearer auth) fit in a few small classes with no new dependency.
 *
 * <p>Plain HTTP is used for loopback hosts and hosts listed as insecure, HTTPS otherwise.
 */
public final class OciRegistry implements Registry {

  private static final Logger log = LoggerFactory.getLogger(OciRegistry.class);

  private final RegistryAddress address;
  private final ChallengeResponder auth;
  private final Retrier retrier;
  private final ManifestClient manifests;
  private final BlobClient blobs;

  /**
   * Where this process last saw each blob in this registry (digest → repository), so a copy into
   * another repository can mount it instead of streaming it again: a deploy copies the base
   * module's layers once, then mounts them for every module built on it.
   */
  private final Map<String, String> blobHomes = new ConcurrentHashMap<>();

  /** Whether this registry refused a record in the artifact encoding ({@link Records}). */
  private volatile boolean refusesArtifacts;

  /**
   * @param credentialHost the host whose credentials to use: the address host, except for an ECR
   *     data-plane override, which authenticates as the ECR host
   */
  OciRegistry(
      RegistryAddress address,
      String credentialHost,
      CredentialChain chain,
      RegistryOptions options) {
    this.address = address;
    HttpClient client = RegistryHttp.newClient(options.timeout(), !address.plainHttp());
    this.retrier = new Retrier(address.toString(), options.retries());
    this.auth =
        new ChallengeResponder(
            address.toString(), credentialHost, chain, client, retrier, options.timeout());
    RegistryHttp http = new RegistryHttp(client, auth, retrier);
    this.manifests =
        new ManifestClient(
            address, http, options.timeout(), new ApiCheck(address, client, options.timeout()));
    this.blobs = new BlobClient(address, http, options.timeout());
  }

  @Override
  public RepoStatus ensureRepository(String repository) throws RegistryException {
    Names.requireRepository(address.repository(repository), describe());
    log.debug("{}: repository {} is created on first push", describe(), repository);
    return RepoStatus.IMPLICIT;
  }

  @Override
  public PolicyStatus applyLifecyclePolicy(String repository, String policyJson) {
    return PolicyStatus.NOT_SUPPORTED;
  }

  @Override
  public boolean exists(String repository, String tag) throws RegistryException {
    return digest(repository, tag).isPresent();
  }

  @Override
  public Optional<String> digest(String repository, String tag) throws RegistryException {
    check(repository, tag);
    return manifests.digest(repository, tag);
  }

  @Override
  public Manifest getManifest(String repository, String reference) throws RegistryException {
    Names.requireRepository(address.repository(repository), describe());
    Names.requireReference(reference, describe());
    return manifests.get(repository, reference);
  }

  @Override
  public Optional<Manifest> findManifest(String repository, String reference)
      throws RegistryException {
    check(repository, reference);
    return manifests.find(repository, reference);
  }

  @Override
  public void putManifest(String repository, String tag, Manifest manifest)
      throws RegistryException {
    Names.requireRepository(address.repository(repository), describe());
    Names.requireTag(tag, describe());
    manifests.put(repository, tag, manifest);
  }

  @Override
  public String retag(String repository, String fromTag, List<String> toTags)
      throws RegistryException {
    check(repository, fromTag);
    for (String tag : toTags) {
      Names.requireTag(tag, describe());
    }
    Manifest manifest = manifests.get(repository, fromTag);
    for (String tag : toTags) {
      manifests.put(repository, tag, manifest);
    }
    log.debug(
        "{}: {} -> {} ({})",
        describe(),
        manifests.name(repository, fromTag),
        toTags,
        manifest.digest());
    return manifest.digest();
  }

  @Override
  public CopyResult copy(
      String repository,
      String reference,
      Registry target,
      String targetRepository,
      List<String> targetTags)
      throws RegistryException {
    Names.requireRepository(address.repository(repository), describe());
    Names.requireReference(reference, describe());
    OciRegistry to = DataPlanes.of(target);
    Names.requireRepository(to.address.repository(targetRepository), to.describe());
    for (String tag : targetTags) {
      Names.requireTag(tag, to.describe());
    }
    Retrier both = retrier.named(describe() + " -> " + to.describe());
    return new ImageCopier(this, to, both)
        .copy(repository, reference, targetRepository, targetTags);
  }

  /** A repository of this registry that held {@code digest} when this process last saw it. */
  Optional<String> blobHome(String digest) {
    return Optional.ofNullable(blobHomes.get(digest));
  }

  boolean refusesArtifacts() {
    return refusesArtifacts;
  }

  void refuseArtifacts() {
    refusesArtifacts = true;
  }

  void rememberBlob(String digest, String repository) {
    blobHomes.put(digest, repository);
  }

  @Override
  public Optional<SourcedCredentials> credentials() throws RegistryException {
    return auth.credentials();
  }

  @Override
  public String host() {
    return address.host();
  }

  @Override
  public String imageName(String repository) {
    return address.host() + "/" + address.repository(repository);
  }

  @Override
  public String describe() {
    return address.toString();
  }

  @Override
  public String toString() {
    return "OciRegistry[" + address + "]";
  }

  ManifestClient manifests() {
    return manifests;
  }

  Retrier retrier() {
    return retrier;
  }

  BlobClient blobs() {
    return blobs;
  }

  private void check(String repository, String tag) throws RegistryException {
    Names.requireRepository(address.repository(repository), describe());
    Names.requireReference(tag, describe());
  }
}
