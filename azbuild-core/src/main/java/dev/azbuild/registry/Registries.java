package dev.azbuild.registry;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Turns a registry URL from the configuration into a {@link Registry}. */
public final class Registries {

  /**
   * {@code host[:port]}: a DNS name (labels of letters, digits and inner dashes), an IPv4 address,
   * or an IPv6 literal in brackets; a port of 1 to 5 digits. Anything else would fail later as a
   * URI syntax error that names no setting.
   */
  private static final Pattern HOST =
      Pattern.compile(
          "(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*"
              + "|\\[[0-9a-f:.]+(?:%[a-z0-9]+)?])(?::[0-9]{1,5})?");

  private Registries() {}

  /**
   * A registry for {@code host[:port][/prefix]}, optionally with {@code http://} (forces plain
   * HTTP) or {@code https://}. ECR hosts give an {@link EcrRegistry}, others an {@link
   * OciRegistry}. Examples: {@code 127.0.0.1:5000/team}, {@code
   * 123456789012.dkr.ecr.eu-west-1.amazonaws.com/team}.
   */
  public static Registry forUrl(String url, RegistryOptions options) throws RegistryException {
    Parsed parsed = parse(url);
    var ecr = EcrHost.parse(parsed.host());
    if (ecr.isPresent()) {
      return new EcrRegistry(ecr.get(), parsed.prefix(), options);
    }
    Set<String> insecure = new HashSet<>(options.insecureHosts());
    if (parsed.forcePlain()) {
      insecure.add(parsed.host());
    }
    RegistryAddress address = RegistryAddress.of(parsed.host(), parsed.prefix(), insecure);
    return new OciRegistry(address, parsed.host(), options.credentials(), options);
  }

  /**
   * Checks that a registry URL is {@code [scheme://]host[:port][/prefix]}, without opening it.
   *
   * @throws RegistryException saying what is wrong with it and how to write it
   */
  public static void checkUrl(String url) throws RegistryException {
    parse(url);
  }

  /** A registry URL taken apart: lower-case host, prefix without slashes around it. */
  private record Parsed(String host, String prefix, boolean forcePlain) {}

  private static Parsed parse(String url) throws RegistryException {
    String s = url == null ? "" : url.trim();
    boolean forcePlain = s.regionMatches(true, 0, "http://", 0, 7);
    int scheme = s.indexOf("://");
    if (scheme >= 0) {
      s = s.substring(scheme + 3);
    }
    int slash = s.indexOf('/');
    String host = (slash >= 0 ? s.substring(0, slash) : s).toLowerCase(Locale.ROOT);
    String prefix = slash >= 0 ? s.substring(slash + 1) : "";
    if (host.isEmpty()) {
      throw new RegistryException(
          "Registry URL '"
              + url
              + "' has no host; write host[:port][/prefix], e.g. 127.0.0.1:5000/team");
    }
    if (!HOST.matcher(host).matches()) {
      throw new RegistryException(
          "Registry URL '"
              + url
              + "' does not start with a host: '"
              + host
              + "' is not a host name or IP address with an optional :port; write"
              + " host[:port][/prefix], e.g. 127.0.0.1:5000/team or registry.example.com/team");
    }
    RegistryAddress probe = RegistryAddress.of(host, prefix, Set.of());
    if (!probe.prefix().isEmpty()) {
      Names.requireRepository(probe.prefix(), host);
    }
    return new Parsed(host, probe.prefix(), forcePlain);
  }
}
