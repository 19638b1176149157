package dev.azbuild.registry;

import java.util.Optional;

/** One place registry credentials can come from; {@link CredentialChain} asks them in order. */
public interface CredentialSource {

  /**
   * The credentials for a registry host ({@code host[:port]}, no scheme, no path).
   *
   * @return empty when this source has none for the host
   * @throws RegistryException when the source exists but is broken (unreadable file, failing
   *     credential helper)
   */
  Optional<Credentials> lookup(String registryHost) throws RegistryException;

  /** What this source is, for messages: "explicit configuration", "Maven settings.xml". */
  String name();

  /**
   * Where this source's credentials for the host come from, when that is more precise than {@link
   * #name()} (the docker config names the credential helper).
   */
  default String describe(String registryHost) {
    return name();
  }
}
