package dev.azbuild.registry;

import dev.azbuild.image.ImageReference;

/**
 * Checks repository names and references before they go into a URL, by the grammar of {@link
 * ImageReference}.
 */
final class Names {

  private Names() {}

  static String requireRepository(String repository, String registry) throws RegistryException {
    if (!ImageReference.isRepository(repository)) {
      throw new RegistryException(
          "Invalid repository name '"
              + repository
              + "' for "
              + registry
              + "; use lowercase letters, digits, '.', '_', '-' and '/' separators");
    }
    return repository;
  }

  static String requireTag(String tag, String registry) throws RegistryException {
    if (!ImageReference.isTag(tag)) {
      throw new RegistryException(
          "Invalid tag '"
              + tag
              + "' for "
              + registry
              + "; a tag is 1-128 of [A-Za-z0-9_.-] and does not start with '.' or '-'");
    }
    return tag;
  }

  /** A tag or a digest. */
  static String requireReference(String reference, String registry) throws RegistryException {
    return reference != null && Digests.isDigest(reference)
        ? reference
        : requireTag(reference, registry);
  }
}
