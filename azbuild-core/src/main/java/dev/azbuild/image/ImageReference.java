package dev.azbuild.image;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A docker image reference, {@code [registry/]repository[:tag][@digest]}, split and checked by the
 * docker CLI's rules (the grammar of distribution's {@code reference} package, as Jib's {@code
 * ImageReference.parse} follows it): the first path component is a registry host when it has a dot
 * or a port, is {@code localhost}, or has an upper-case letter (a repository never does); the
 * repository is lower-case path components; a tag is 1-128 of {@code [A-Za-z0-9_.-]}, not starting
 * with {@code .} or {@code -}; a digest is {@code algorithm:hex}. Nothing is added: a reference
 * without a registry keeps an empty {@link #registry()} (Docker Hub, {@link #registryOrDefault()}),
 * without a tag an empty {@link #tag()} ({@link #DEFAULT_TAG} when pulled).
 *
 * @param registry {@code host[:port]} as written, empty when the reference names none
 * @param repository the path below the registry, e.g. {@code team/api}
 * @param tag the tag, if one is named
 * @param digest the digest, if one is named, e.g. {@code sha256:…}
 */
public record ImageReference(
    String registry, String repository, Optional<String> tag, Optional<String> digest) {

  /** The registry docker uses when a reference names none. */
  public static final String DEFAULT_REGISTRY = "docker.io";

  /** The tag docker pulls when a reference names neither tag nor digest. */
  public static final String DEFAULT_TAG = "latest";

  private static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
  private static final Pattern REPOSITORY = Pattern.compile(COMPONENT + "(?:/" + COMPONENT + ")*");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
  private static final Pattern DIGEST =
      Pattern.compile("[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}");
  private static final String DOMAIN_COMPONENT =
      "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
  private static final Pattern REGISTRY =
      Pattern.compile(
          "(?:"
              + DOMAIN_COMPONENT
              + "(?:\\."
              + DOMAIN_COMPONENT
              + ")*|\\[[0-9a-fA-F:.]+\\])(?::[0-9]+)?");

  /** Docker's limit on {@code registry/repository}. */
  private static final int MAX_NAME_LENGTH = 255;

  public ImageReference {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(digest, "digest");
  }

  /**
   * Splits and checks a reference.
   *
   * @throws IllegalArgumentException with a one-line message naming the reference and what is wrong
   *     with it
   */
  public static ImageReference parse(String reference) {
    if (reference == null || reference.isEmpty()) {
      throw invalid(reference, "it is empty");
    }
    String rest = reference;
    Optional<String> digest = Optional.empty();
    int at = rest.indexOf('@');
    if (at >= 0) {
      String d = rest.substring(at + 1);
      if (!DIGEST.matcher(d).matches()) {
        throw invalid(reference, "'" + d + "' is not a digest (algorithm:hex, e.g. sha256:…)");
      }
      digest = Optional.of(d);
      rest = rest.substring(0, at);
    }
    Optional<String> tag = Optional.empty();
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      String t = rest.substring(colon + 1);
      if (!TAG.matcher(t).matches()) {
        throw invalid(
            reference,
            "'" + t + "' is not a tag (1-128 of A-Z a-z 0-9 _ . -, not starting with . or -)");
      }
      tag = Optional.of(t);
      rest = rest.substring(0, colon);
    }
    if (rest.length() > MAX_NAME_LENGTH) {
      throw invalid(reference, "the name is longer than " + MAX_NAME_LENGTH + " characters");
    }
    String registry = "";
    String repository = rest;
    int slash = rest.indexOf('/');
    if (slash >= 0 && isRegistryHost(rest.substring(0, slash))) {
      registry = rest.substring(0, slash);
      repository = rest.substring(slash + 1);
      if (!REGISTRY.matcher(registry).matches()) {
        throw invalid(reference, "'" + registry + "' is not a registry host[:port]");
      }
    }
    if (!repository.equals(repository.toLowerCase(Locale.ROOT))) {
      throw invalid(reference, "the repository '" + repository + "' must be lower-case");
    }
    if (!REPOSITORY.matcher(repository).matches()) {
      throw invalid(
          reference,
          "'"
              + repository
              + "' is not a repository (lower-case letters and digits, separated by '.', '_', '-' or"
              + " '/')");
    }
    return new ImageReference(registry, repository, tag, digest);
  }

  /** {@link #parse}, or empty when the text is not a valid reference. */
  public static Optional<ImageReference> tryParse(String reference) {
    try {
      return Optional.of(parse(reference));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** A reference to a tag of a repository in a registry ({@code ""} for none). */
  public static ImageReference of(String registry, String repository, String tag) {
    return new ImageReference(registry, repository, Optional.of(tag), Optional.empty());
  }

  /** Whether a repository path follows docker's grammar (lower-case components joined by '/'). */
  public static boolean isRepository(String repository) {
    return repository != null && REPOSITORY.matcher(repository).matches();
  }

  /** Whether a tag follows docker's grammar. */
  public static boolean isTag(String tag) {
    return tag != null && TAG.matcher(tag).matches();
  }

  /**
   * Whether the first path component of a reference names a registry, by docker's rule: a dot, a
   * port, {@code localhost}, or an upper-case letter.
   */
  private static boolean isRegistryHost(String component) {
    return component.contains(".")
        || component.contains(":")
        || component.equals("localhost")
        || !component.equals(component.toLowerCase(Locale.ROOT));
  }

  /** Whether the reference names a registry host. */
  public boolean hasRegistry() {
    return !registry.isEmpty();
  }

  /** The registry host, {@link #DEFAULT_REGISTRY} when the reference names none. */
  public String registryOrDefault() {
    return hasRegistry() ? registry : DEFAULT_REGISTRY;
  }

  /** {@code [registry/]repository}: the reference without tag and digest. */
  public String name() {
    return hasRegistry() ? registry + "/" + repository : repository;
  }

  /**
   * What a pull asks the registry for: the digest when there is one, else the tag, else {@link
   * #DEFAULT_TAG}.
   */
  public String pullReference() {
    return digest.or(() -> tag).orElse(DEFAULT_TAG);
  }

  /** The same name with this tag and no digest. */
  public ImageReference withTag(String tag) {
    return of(registry, repository, tag);
  }

  /** The same name with this digest and no tag. */
  public ImageReference withDigest(String digest) {
    return new ImageReference(registry, repository, Optional.empty(), Optional.of(digest));
  }

  /** {@code [registry/]repository[:tag][@digest]}, as docker writes it. */
  @Override
  public String toString() {
    return name() + tag.map(t -> ":" + t).orElse("") + digest.map(d -> "@" + d).orElse("");
  }

  private static IllegalArgumentException invalid(String reference, String why) {
    return new IllegalArgumentException(
        "'" + reference + "' is not a valid image reference: " + why);
  }
}
