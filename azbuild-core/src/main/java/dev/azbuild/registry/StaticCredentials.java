package dev.azbuild.registry;

import java.util.Map;
import java.util.Optional;

/**
 * Credentials given by registry host: explicit plugin configuration, or Maven {@code settings.xml}
 * servers whose id is the registry host (the mojo reads settings and passes the map).
 */
public final class StaticCredentials implements CredentialSource {

  private final String name;
  private final Map<String, Credentials> byHost;

  public StaticCredentials(String name, Map<String, Credentials> byHost) {
    this.name = name;
    this.byHost = Map.copyOf(byHost);
  }

  /** Credentials configured on the plugin. */
  public static StaticCredentials explicit(Map<String, Credentials> byHost) {
    return new StaticCredentials("explicit configuration", byHost);
  }

  /** Maven {@code settings.xml} {@code <server>} entries keyed by server id (= registry host). */
  public static StaticCredentials mavenSettings(Map<String, Credentials> byServerId) {
    return new StaticCredentials("Maven settings.xml <server>", byServerId);
  }

  @Override
  public Optional<Credentials> lookup(String registryHost) {
    Credentials direct = byHost.get(registryHost);
    if (direct != null) {
      return Optional.of(direct);
    }
    // Users write ids as "https://host" too; compare on the bare host.
    return byHost.entrySet().stream()
        .filter(e -> Hosts.bareHost(e.getKey()).equals(registryHost))
        .map(Map.Entry::getValue)
        .findFirst();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String toString() {
    return name + " for " + byHost.keySet();
  }
}
