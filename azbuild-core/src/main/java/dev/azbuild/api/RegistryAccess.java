package dev.azbuild.api;

import dev.azbuild.env.Namespace;
import dev.azbuild.registry.CredentialChain;
import dev.azbuild.registry.DockerConfigCredentials;
import dev.azbuild.registry.Registries;
import dev.azbuild.registry.Registry;
import dev.azbuild.registry.RegistryException;
import dev.azbuild.registry.RegistryOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Opens the registries the settings name, with every credential source in order. */
final class RegistryAccess {

  private final Settings settings;
  private final BuildHost host;

  RegistryAccess(Settings settings, BuildHost host) {
    this.settings = settings;
    this.host = host;
  }

  Optional<String> cacheRegistryUrl() {
    return settings.optional(Setting.CACHE_REGISTRY);
  }

  Optional<String> deployRegistryUrl() {
    return settings.optional(Setting.DEPLOY_REGISTRY);
  }

  /** The cache registry; a one-line error says what to set when none is configured. */
  Registry openCache() throws RegistryException, SettingException {
    String url =
        cacheRegistryUrl()
            .orElseThrow(
                () ->
                    new SettingException(
                        "no cache registry configured; set -Dazbuild.cacheRegistry=HOST[:PORT][/PREFIX] (or AZBUILD_CACHE_REGISTRY)"));
    return open(Setting.CACHE_REGISTRY, url);
  }

  Registry openDeploy() throws RegistryException, SettingException {
    String url =
        deployRegistryUrl()
            .orElseThrow(
                () ->
                    new SettingException(
                        "no deploy registry configured; set -Dazbuild.deployRegistry=HOST[:PORT][/PREFIX] (or AZBUILD_DEPLOY_REGISTRY)"));
    return open(Setting.DEPLOY_REGISTRY, url);
  }

  /** The registry {@code azbuild.registry} names, else the cache registry. */
  Registry openTarget() throws RegistryException, SettingException {
    Optional<String> url = settings.optional(Setting.REGISTRY);
    return url.isPresent() ? open(Setting.REGISTRY, url.get()) : openCache();
  }

  /**
   * The registry a setting names; a URL that cannot be one (no host, a malformed host or prefix) is
   * an error that names the setting.
   */
  Registry open(Setting setting, String url) throws RegistryException, SettingException {
    try {
      Registries.checkUrl(url);
    } catch (RegistryException e) {
      throw new SettingException(setting.property() + ": " + e.getMessage());
    }
    return Registries.forUrl(url, options());
  }

  RegistryOptions options() throws SettingException {
    Set<String> insecure = new LinkedHashSet<>();
    settings
        .optional(Setting.INSECURE_REGISTRIES)
        .ifPresent(
            s ->
                Arrays.stream(s.split(","))
                    .map(String::strip)
                    .filter(h -> !h.isEmpty())
                    .forEach(insecure::add));
    Path config =
        settings
            .optional(Setting.DOCKER_CONFIG)
            .map(Path::of)
            .orElseGet(DockerConfigCredentials::defaultConfigFile);
    RegistryOptions options =
        RegistryOptions.defaults()
            .withInsecureHosts(insecure)
            .withRetries(
                RetrySettings.of(settings)
                    .withDelays(
                        RegistryOptions.DEFAULT_RETRIES.firstDelay(),
                        RegistryOptions.DEFAULT_RETRIES.maxDelay()))
            .withCredentials(CredentialChain.standard(Map.of(), config, null, host.credentials()));
    Optional<String> endpoint = settings.optional(Setting.AWS_ENDPOINT);
    if (endpoint.isPresent()) {
      options = options.withAwsEndpoint(endpoint.get());
    }
    Optional<String> region = settings.optional(Setting.AWS_REGION);
    if (region.isPresent()) {
      options = options.withAwsRegion(region.get());
    }
    Optional<String> dataPlane = settings.optional(Setting.ECR_DATA_PLANE);
    if (dataPlane.isPresent()) {
      options = options.withEcrDataPlane(dataPlane.get());
    }
    return options.withTimeout(Duration.ofSeconds(60));
  }

  /** Registry requests in flight at once ({@code azbuild.registry.concurrency}). */
  int concurrency() throws SettingException {
    return settings.integer(Setting.REGISTRY_CONCURRENCY, 1);
  }

  /** Whether builds keep a build record and plans read it ({@code azbuild.buildRecord}). */
  boolean buildRecord() throws SettingException {
    return cacheRegistryUrl().isPresent() && settings.bool(Setting.BUILD_RECORD);
  }

  /**
   * The namespace of what azbuild names on a shared daemon or host: the configured one, validated,
   * else the root artifactId plus a hash of the cache registry URL.
   */
  Namespace namespace() throws SettingException {
    try {
      Optional<String> configured = settings.optional(Setting.NAMESPACE);
      return configured.isPresent()
          ? Namespace.of(configured.get())
          : Namespace.derive(host.rootArtifactId(), cacheRegistryUrl().orElse(""));
    } catch (IllegalArgumentException e) {
      throw new SettingException(e.getMessage());
    }
  }
}
