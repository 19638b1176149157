package dev.azbuild.image;

import java.util.Locale;

/** Splitting docker image references the way the docker CLI does. */
public final class ImageNames {

  private ImageNames() {}

  /**
   * The repository path of a reference without its tag or digest, and without a registry host when
   * one is named ({@code 127.0.0.1:5000/team/api:1} gives {@code team/api}).
   */
  public static String repositoryPath(String reference) {
    String withoutHost =
        hasRegistryHost(reference) ? reference.substring(reference.indexOf('/') + 1) : reference;
    return stripTagAndDigest(withoutHost);
  }

  /** The reference without tag and digest, host kept. */
  public static String stripTagAndDigest(String reference) {
    String ref = reference;
    int at = ref.indexOf('@');
    if (at >= 0) {
      ref = ref.substring(0, at);
    }
    int colon = ref.lastIndexOf(':');
    if (colon > ref.lastIndexOf('/')) {
      ref = ref.substring(0, colon);
    }
    return ref;
  }

  /**
   * Whether the first path component is a registry host, by docker's rule (a dot, a port, or
   * localhost).
   */
  public static boolean hasRegistryHost(String reference) {
    int slash = reference.indexOf('/');
    if (slash < 0) {
      return false;
    }
    String first = reference.substring(0, slash);
    return first.contains(".")
        || first.contains(":")
        || first.toLowerCase(Locale.ROOT).equals("localhost");
  }
}
