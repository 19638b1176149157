package dev.azbuild.registry;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;

/**
 * Builds the ECR API client: region from the host (the override only for regions this SDK does not
 * know), AWS default credentials, the JDK-based HTTP client, and the endpoint override that points
 * tests at an emulator.
 */
final class EcrClients {

  private EcrClients() {}

  static EcrClient create(EcrHost host, RegistryOptions options) throws RegistryException {
    Region region = region(host, options);
    Duration timeout = options.timeout();
    var builder =
        EcrClient.builder()
            .region(region)
            .credentialsProvider(DefaultCredentialsProvider.builder().build())
            .httpClientBuilder(
                UrlConnectionHttpClient.builder().connectionTimeout(timeout).socketTimeout(timeout))
            .overrideConfiguration(
                c -> c.retryStrategy(r -> r.maxAttempts(options.retries().attempts())));
    if (options.awsEndpoint() != null) {
      builder.endpointOverride(endpoint(options.awsEndpoint()));
    }
    return builder.build();
  }

  static Region region(EcrHost host, RegistryOptions options) throws RegistryException {
    Region region = Region.of(host.region());
    // The host names its region: a cache in us-east-2 and a deploy registry in eu-west-2 each keep
    // theirs whatever azbuild.aws.region (e.g. the ECS region) says.
    if (Region.regions().contains(region)) {
      return region;
    }
    if (options.awsRegion() != null && !options.awsRegion().isBlank()) {
      // An explicit region is trusted: regions newer than this SDK must stay usable.
      return Region.of(options.awsRegion().trim());
    }
    throw new RegistryException(
        "Unknown AWS region '"
            + host.region()
            + "' in ECR host "
            + host
            + "; fix the registry URL (<account>.dkr.ecr.<region>.amazonaws.com, e.g. region eu-west-1)"
            + " or set azbuild.aws.region if the region is newer than this plugin");
  }

  private static URI endpoint(String endpoint) throws RegistryException {
    try {
      URI uri = URI.create(endpoint.trim());
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new IllegalArgumentException("no scheme or host");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new RegistryException(
          "Invalid AWS endpoint '"
              + endpoint
              + "' (azbuild.aws.endpoint); write a URL such as http://127.0.0.1:5003",
          e);
    }
  }
}
