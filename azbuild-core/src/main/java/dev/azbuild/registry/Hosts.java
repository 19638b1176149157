package dev.azbuild.registry;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Registry host strings ({@code host[:port]}): normalization and the plain-HTTP rule. */
final class Hosts {

  // An IPv4 literal only: "127.example.com" is a DNS name, not loopback.
  private static final Pattern LOOPBACK_V4 = Pattern.compile("127(?:\\.\\d{1,3}){3}");

  private Hosts() {}

  /**
   * The {@code host[:port]} of a registry written as a URL or docker-config key: drops the scheme
   * and any path ({@code https://index.docker.io/v1/} gives {@code index.docker.io}).
   */
  static String bareHost(String key) {
    String s = key.trim();
    int scheme = s.indexOf("://");
    if (scheme >= 0) {
      s = s.substring(scheme + 3);
    }
    int slash = s.indexOf('/');
    return (slash >= 0 ? s.substring(0, slash) : s).toLowerCase(Locale.ROOT);
  }

  /** The host name without the port; IPv6 literals keep no brackets. */
  static String hostName(String hostAndPort) {
    if (hostAndPort.startsWith("[")) {
      int end = hostAndPort.indexOf(']');
      return hostAndPort.substring(1, end > 0 ? end : hostAndPort.length());
    }
    int colon = hostAndPort.indexOf(':');
    // More than one colon without brackets: a bare IPv6 literal, no port.
    if (colon >= 0 && hostAndPort.indexOf(':', colon + 1) < 0) {
      return hostAndPort.substring(0, colon);
    }
    return hostAndPort;
  }

  /** Loopback hosts speak plain HTTP, as Docker assumes for 127.0.0.0/8. */
  static boolean isLoopback(String hostAndPort) {
    String name = hostName(hostAndPort).toLowerCase(Locale.ROOT);
    return name.equals("localhost") || name.equals("::1") || LOOPBACK_V4.matcher(name).matches();
  }

  /** Whether to use {@code http://}: loopback hosts and the configured insecure hosts. */
  static boolean plainHttp(String hostAndPort, Set<String> insecureHosts) {
    return isLoopback(hostAndPort)
        || insecureHosts.contains(hostAndPort)
        || insecureHosts.contains(hostName(hostAndPort));
  }
}
