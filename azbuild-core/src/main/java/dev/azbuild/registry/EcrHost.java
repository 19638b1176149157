package dev.azbuild.registry;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ECR registry host, {@code <account>.dkr.ecr.<region>.amazonaws.com} (also the FIPS and China
 * forms), with its account id and region.
 */
public record EcrHost(String account, String region, String host) {

  private static final Pattern ECR_HOST =
      Pattern.compile("(\\d{12})\\.dkr\\.ecr(?:-fips)?\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?");

  public static boolean isEcrHost(String host) {
    return host != null && ECR_HOST.matcher(host.toLowerCase(Locale.ROOT)).matches();
  }

  public static Optional<EcrHost> parse(String host) {
    if (host == null) {
      return Optional.empty();
    }
    String h = host.toLowerCase(Locale.ROOT);
    Matcher m = ECR_HOST.matcher(h);
    return m.matches() ? Optional.of(new EcrHost(m.group(1), m.group(2), h)) : Optional.empty();
  }

  @Override
  public String toString() {
    return host;
  }
}
