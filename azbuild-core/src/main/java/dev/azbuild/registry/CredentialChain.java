package dev.azbuild.registry;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Asks credential sources in order and says which one answered. The standard order is: explicit
 * configuration, the docker config file ({@code auths}, {@code credHelpers}, {@code credsStore}),
 * Maven {@code settings.xml} servers; {@link EcrRegistry} appends the AWS SDK token as the last
 * resort for ECR hosts.
 */
public final class CredentialChain {

  private final List<CredentialSource> sources;

  private CredentialChain(List<CredentialSource> sources) {
    this.sources = List.copyOf(sources);
  }

  public static CredentialChain of(CredentialSource... sources) {
    return new CredentialChain(List.of(sources));
  }

  /** No credentials at all: anonymous access only. */
  public static CredentialChain none() {
    return of();
  }

  /** The docker config at its default location, credential helpers from {@code PATH}. */
  public static CredentialChain defaults() {
    return standard(Map.of(), DockerConfigCredentials.defaultConfigFile(), null, Map.of());
  }

  /**
   * The standard chain.
   *
   * @param explicit credentials from the plugin configuration, by registry host
   * @param dockerConfig the docker {@code config.json}; a missing file is fine
   * @param helperDirectory where {@code docker-credential-*} helpers live; null to use {@code PATH}
   * @param mavenServers Maven settings servers by id (= registry host)
   */
  public static CredentialChain standard(
      Map<String, Credentials> explicit,
      Path dockerConfig,
      Path helperDirectory,
      Map<String, Credentials> mavenServers) {
    return of(
        StaticCredentials.explicit(explicit),
        new DockerConfigCredentials(dockerConfig, helperDirectory),
        StaticCredentials.mavenSettings(mavenServers));
  }

  /** This chain with one more source asked last. */
  public CredentialChain withFallback(CredentialSource source) {
    List<CredentialSource> all = new ArrayList<>(sources);
    all.add(source);
    return new CredentialChain(all);
  }

  /** The first source's credentials for the host, with where they came from. */
  public Optional<SourcedCredentials> lookup(String registryHost) throws RegistryException {
    for (CredentialSource source : sources) {
      Optional<Credentials> found = source.lookup(registryHost);
      if (found.isPresent()) {
        return Optional.of(new SourcedCredentials(found.get(), source.describe(registryHost)));
      }
    }
    return Optional.empty();
  }

  /** The sources in order, for "no credentials found; looked in ..." messages. */
  public List<String> sourceNames() {
    return sources.stream().map(CredentialSource::name).toList();
  }

  @Override
  public String toString() {
    return "CredentialChain" + sourceNames();
  }
}
