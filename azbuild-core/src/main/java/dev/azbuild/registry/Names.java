package dev.azbuild.registry;

import java.util.regex.Pattern;

/** Checks repository names and references before they go into a URL. */
final class Names {

  // distribution's reference grammar, path components joined by '/'.
  private static final Pattern REPOSITORY =
      Pattern.compile(
          "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

  private Names() {}

  static String requireRepository(String repository, String registry) throws RegistryException {
    if (repository == null || !REPOSITORY.matcher(repository).matches()) {
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
    if (tag == null || !TAG.matcher(tag).matches()) {
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
