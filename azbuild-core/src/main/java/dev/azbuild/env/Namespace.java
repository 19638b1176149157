package dev.azbuild.env;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The prefix of the names azbuild gives things on a Docker daemon or host that other projects may
 * share (a CI runner): the local containers of {@code restart=docker} ({@code
 * <namespace>-<image>}), the local images of a build without a cache registry ({@code
 * <namespace>/<image>}) and the default terraform state directory. Two projects with different
 * namespaces never touch each other's names; a project's builds with the same cache registry share
 * theirs.
 *
 * @param value lower-case letters and digits, separated by {@code .}, {@code _} or {@code -}: valid
 *     in a container name and as a component of an image name
 */
public record Namespace(String value) {

  /** The longest namespace: leaves room for the image name in a container or repository name. */
  public static final int MAX_LENGTH = 64;

  /** Docker's rule for one path component of an image name, which container names accept too. */
  private static final Pattern VALID = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");

  private static final int NAME_CHARS = 40;
  private static final int HASH_CHARS = 8;

  /**
   * @throws IllegalArgumentException with a one-line message naming the parameter and the fix
   */
  public Namespace {
    if (value == null || value.length() > MAX_LENGTH || !VALID.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "azbuild.namespace="
              + value
              + " is not a valid name: use lower-case"
              + " letters and digits, separated by '.', '_' or '-' (at most "
              + MAX_LENGTH
              + " characters),"
              + " e.g. -Dazbuild.namespace=shop-ci");
    }
  }

  /** The configured namespace; see {@link #Namespace(String)}. */
  public static Namespace of(String value) {
    return new Namespace(value == null ? null : value.strip());
  }

  /**
   * The default: the reactor root's artifactId made a valid name (at most 40 characters), a dash
   * and 8 hex digits of the SHA-256 of the cache registry URL with its prefix, so two projects, or
   * one project's builds for two registries or prefixes, get different names.
   *
   * @param cacheRegistry the cache registry URL, e.g. {@code 127.0.0.1:5000/team}; blank when none
   */
  public static Namespace derive(String artifactId, String cacheRegistry) {
    String name =
        artifactId == null ? "" : artifactId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    name = trimSeparators(name.length() > NAME_CHARS ? name.substring(0, NAME_CHARS) : name);
    String registry = cacheRegistry == null ? "" : cacheRegistry.strip().replaceAll("/+$", "");
    return new Namespace(
        (name.isEmpty() ? "azbuild" : name) + "-" + sha256(registry).substring(0, HASH_CHARS));
  }

  /**
   * {@code <namespace>-<name>}, e.g. a container name; {@code /} in {@code name} becomes {@code -}.
   */
  public String prefixed(String name) {
    return value + "-" + name.replace('/', '-');
  }

  @Override
  public String toString() {
    return value;
  }

  private static String trimSeparators(String name) {
    return name.replaceAll("^-+|-+$", "");
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always present", e);
    }
  }
}
