package dev.azbuild.registry;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** Turns a registry URL from the configuration into a {@link Registry}. */
public final class Registries {

  private Registries() {}

  /**
   * A registry for {@code host[:port][/prefix]}, optionally with {@code http://} (forces plain
   * HTTP) or {@code https://}. ECR hosts give an {@link EcrRegistry}, others an {@link
   * OciRegistry}. Examples: {@code 127.0.0.1:5000/team}, {@code
   * 123456789012.dkr.ecr.eu-west-1.amazonaws.com/team}.
   */
  public static Registry forUrl(String url, RegistryOptions options) throws RegistryException {
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
    RegistryAddress probe = RegistryAddress.of(host, prefix, Set.of());
    if (!probe.prefix().isEmpty()) {
      Names.requireRepository(probe.prefix(), host);
    }
    var ecr = EcrHost.parse(host);
    if (ecr.isPresent()) {
      return new EcrRegistry(ecr.get(), probe.prefix(), options);
    }
    Set<String> insecure = new HashSet<>(options.insecureHosts());
    if (forcePlain) {
      insecure.add(host);
    }
    RegistryAddress address = RegistryAddress.of(host, prefix, insecure);
    return new OciRegistry(address, host, options.credentials(), options);
  }
}
