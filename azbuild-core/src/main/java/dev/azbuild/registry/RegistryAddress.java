package dev.azbuild.registry;

import java.net.URI;
import java.util.Objects;
import java.util.Set;

/**
 * Where a registry's OCI API is: {@code host[:port]}, an optional repository prefix (the path of
 * {@code 127.0.0.1:5000/team}) and the scheme.
 */
record RegistryAddress(String host, String prefix, boolean plainHttp) {

  RegistryAddress {
    Objects.requireNonNull(host, "host");
    prefix = prefix == null ? "" : trimSlashes(prefix);
  }

  static RegistryAddress of(String host, String prefix, Set<String> insecureHosts) {
    return new RegistryAddress(host, prefix, Hosts.plainHttp(host, insecureHosts));
  }

  URI base() {
    return URI.create((plainHttp ? "http://" : "https://") + host);
  }

  /** The repository name on the wire: prefix + "/" + repository. */
  String repository(String repository) {
    return prefix.isEmpty() ? repository : prefix + "/" + repository;
  }

  /** {@code <base>/v2/<prefix>/<repository>/<kind>/<reference>}. */
  URI uri(String repository, String kind, String reference) {
    return URI.create(base() + "/v2/" + repository(repository) + "/" + kind + "/" + reference);
  }

  /** Same scheme, host and port: blobs can be mounted across repositories. */
  boolean sameEndpoint(RegistryAddress other) {
    return host.equalsIgnoreCase(other.host) && plainHttp == other.plainHttp;
  }

  @Override
  public String toString() {
    return prefix.isEmpty() ? host : host + "/" + prefix;
  }

  private static String trimSlashes(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && s.charAt(start) == '/') {
      start++;
    }
    while (end > start && s.charAt(end - 1) == '/') {
      end--;
    }
    return s.substring(start, end);
  }
}
