package dev.azbuild.mojo;

import dev.azbuild.env.Namespace;
import dev.azbuild.registry.CredentialChain;
import dev.azbuild.registry.Credentials;
import dev.azbuild.registry.DockerConfigCredentials;
import dev.azbuild.registry.Registries;
import dev.azbuild.registry.Registry;
import dev.azbuild.registry.RegistryException;
import dev.azbuild.registry.RegistryOptions;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * Goals that talk to registries: the cache registry (built images, branch/commit/cache tags) and
 * the deploy registry (production copies), with credentials from the docker config, Maven
 * settings servers (id = registry host) and, for ECR, the AWS default chain.
 */
public abstract class AbstractRegistryMojo extends AbstractAzbuildMojo {

  /** The cache registry with an optional path prefix, e.g. {@code 127.0.0.1:5000/team} or an ECR host. Env: AZBUILD_CACHE_REGISTRY. */
  @Parameter(property = "azbuild.cacheRegistry")
  protected String cacheRegistry;

  /** The deploy registry. Env: AZBUILD_DEPLOY_REGISTRY. */
  @Parameter(property = "azbuild.deployRegistry")
  protected String deployRegistry;

  /** Registry hosts spoken to over plain HTTP (loopback hosts always are, as docker does), comma-separated. */
  @Parameter(property = "azbuild.insecureRegistries")
  protected String insecureRegistries;

  /** Endpoint override for the ECR/ECS APIs, e.g. an emulator at http://127.0.0.1:5003. Env: AZBUILD_AWS_ENDPOINT. */
  @Parameter(property = "azbuild.aws.endpoint")
  protected String awsEndpoint;

  /** Region of the ECS API, and of ECR hosts whose region this plugin does not know yet; an ECR host's own region otherwise wins. */
  @Parameter(property = "azbuild.aws.region")
  protected String awsRegion;

  /** Serve ECR image data from this registry instead of the ECR host (for tests against an emulator): {@code HOST:PORT}, or per region or ECR host {@code us-east-2=127.0.0.1:5000,eu-west-2=127.0.0.1:5001}. */
  @Parameter(property = "azbuild.ecr.dataPlane")
  protected String ecrDataPlane;

  /** Attempts for registry requests that fail with a network error, 429 or 5xx. */
  @Parameter(property = "azbuild.retries", defaultValue = "3")
  protected int retries;

  /** The docker client config with {@code auths}, {@code credHelpers}, {@code credsStore}; default $DOCKER_CONFIG/config.json or ~/.docker/config.json. */
  @Parameter(property = "azbuild.dockerConfig")
  protected File dockerConfig;

  @Component
  private SettingsDecrypter settingsDecrypter;

  protected final Optional<String> cacheRegistryUrl() {
    return firstNonBlank(cacheRegistry, System.getenv("AZBUILD_CACHE_REGISTRY"));
  }

  protected final Optional<String> deployRegistryUrl() {
    return firstNonBlank(deployRegistry, System.getenv("AZBUILD_DEPLOY_REGISTRY"));
  }

  /** The cache registry; fails with what to set when none is configured. */
  protected final Registry openCacheRegistry() throws MojoFailureException, RegistryException {
    String url = cacheRegistryUrl().orElseThrow(() -> new MojoFailureException(
        "no cache registry configured; set -Dazbuild.cacheRegistry=HOST[:PORT][/PREFIX] (or AZBUILD_CACHE_REGISTRY)"));
    return Registries.forUrl(url, registryOptions());
  }

  protected final Registry openRegistry(String url) throws RegistryException {
    return Registries.forUrl(url, registryOptions());
  }

  protected final RegistryOptions registryOptions() {
    Set<String> insecure = new LinkedHashSet<>();
    firstNonBlank(insecureRegistries).ifPresent(s -> Arrays.stream(s.split(","))
        .map(String::strip).filter(h -> !h.isEmpty()).forEach(insecure::add));
    Path config = dockerConfig != null ? dockerConfig.toPath() : DockerConfigCredentials.defaultConfigFile();
    RegistryOptions options = RegistryOptions.defaults()
        .withInsecureHosts(insecure)
        .withRetries(Math.max(1, retries), RegistryOptions.DEFAULT_RETRY_BASE_DELAY)
        .withCredentials(CredentialChain.standard(Map.of(), config, null, mavenServers()));
    Optional<String> endpoint = firstNonBlank(awsEndpoint, System.getenv("AZBUILD_AWS_ENDPOINT"));
    if (endpoint.isPresent()) {
      options = options.withAwsEndpoint(endpoint.get());
    }
    if (awsRegion != null && !awsRegion.isBlank()) {
      options = options.withAwsRegion(awsRegion.strip());
    }
    if (ecrDataPlane != null && !ecrDataPlane.isBlank()) {
      options = options.withEcrDataPlane(ecrDataPlane.strip());
    }
    return options.withTimeout(Duration.ofSeconds(60));
  }

  /** Maven settings servers, decrypted, by id (= registry host). */
  private Map<String, Credentials> mavenServers() {
    Map<String, Credentials> result = new HashMap<>();
    if (session == null || session.getSettings() == null) {
      return result;
    }
    for (Server server : session.getSettings().getServers()) {
      Server decrypted = server;
      if (settingsDecrypter != null) {
        SettingsDecryptionResult r = settingsDecrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        if (r.getServer() != null) {
          decrypted = r.getServer();
        }
      }
      if (decrypted.getUsername() != null && decrypted.getPassword() != null) {
        result.put(decrypted.getId(), new Credentials(decrypted.getUsername(), decrypted.getPassword()));
      }
    }
    return result;
  }

  /**
   * The namespace of what azbuild names on a shared daemon or host: the configured one, validated,
   * else the reactor root's artifactId plus a hash of the cache registry URL. The root is the
   * project at the directory Maven runs in, so {@code -pl} does not change it.
   */
  protected final Namespace namespace(String configured) throws MojoFailureException {
    try {
      if (configured != null && !configured.isBlank()) {
        return Namespace.of(configured);
      }
      return Namespace.derive(rootArtifactId(), cacheRegistryUrl().orElse(""));
    } catch (IllegalArgumentException e) {
      throw new MojoFailureException(e.getMessage(), e);
    }
  }

  private String rootArtifactId() {
    if (session == null) {
      return project != null ? project.getArtifactId() : "";
    }
    Path root = Path.of(session.getExecutionRootDirectory()).toAbsolutePath().normalize();
    List<MavenProject> all = session.getAllProjects() != null ? session.getAllProjects() : session.getProjects();
    for (MavenProject p : all) {
      if (p.getBasedir() != null && p.getBasedir().toPath().toAbsolutePath().normalize().equals(root)) {
        return p.getArtifactId();
      }
    }
    MavenProject top = session.getTopLevelProject() != null ? session.getTopLevelProject() : project;
    return top != null ? top.getArtifactId() : "";
  }

  protected static Optional<String> firstNonBlank(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return Optional.of(v.strip());
      }
    }
    return Optional.empty();
  }
}
