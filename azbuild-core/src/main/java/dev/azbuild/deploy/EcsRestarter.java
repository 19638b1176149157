package dev.azbuild.deploy;

import dev.azbuild.io.OneLine;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceNotActiveException;
import software.amazon.awssdk.services.ecs.model.ServiceNotFoundException;

/**
 * Restarts the ECS service named like the image in a cluster: {@code UpdateService} with
 * force-new-deployment, then waits until the service is stable (one deployment, running count =
 * desired count) or the timeout passes.
 */
public final class EcsRestarter implements ServiceRestarter {

  private static final Logger LOG = LoggerFactory.getLogger(EcsRestarter.class);

  private final EcsClient client;
  private final String cluster;
  private final Duration timeout;
  private final Duration poll;

  public EcsRestarter(EcsClient client, String cluster, Duration timeout, Duration poll) {
    this.client = client;
    this.cluster = cluster;
    this.timeout = timeout;
    this.poll = poll;
  }

  /**
   * A client with the default credentials chain, the JDK HTTP client and an optional endpoint
   * override.
   */
  public static EcsClient client(String region, Optional<String> endpoint) {
    var builder =
        EcsClient.builder()
            .region(Region.of(region))
            .credentialsProvider(DefaultCredentialsProvider.builder().build())
            .httpClientBuilder(UrlConnectionHttpClient.builder());
    endpoint.ifPresent(e -> builder.endpointOverride(URI.create(e)));
    return builder.build();
  }

  @Override
  public boolean restart(String image, String taggedReference, String digestReference)
      throws DeployException {
    try {
      client.updateService(b -> b.cluster(cluster).service(image).forceNewDeployment(true));
      LOG.info(
          "{}: ECS service {}/{} forced to a new deployment; waiting until stable",
          image,
          cluster,
          image);
      Instant deadline = Instant.now().plus(timeout);
      while (true) {
        Service service =
            client.describeServices(b -> b.cluster(cluster).services(image)).services().stream()
                .findFirst()
                .orElseThrow(
                    () ->
                        new DeployException(
                            image
                                + ": ECS service "
                                + image
                                + " not found in cluster "
                                + cluster
                                + "; create it or set azbuild.deploy.restart"));
        if (stable(service)) {
          return true;
        }
        if (Instant.now().isAfter(deadline)) {
          throw new DeployException(
              image
                  + ": ECS service "
                  + cluster
                  + "/"
                  + image
                  + " not stable within "
                  + timeout.toSeconds()
                  + "s (running "
                  + service.runningCount()
                  + " of "
                  + service.desiredCount()
                  + ", "
                  + service.deployments().size()
                  + " deployments); check the service's events, raise azbuild.deploy.ecs.timeout");
        }
        Thread.sleep(poll.toMillis());
      }
    } catch (ClusterNotFoundException e) {
      throw new DeployException(
          image + ": ECS cluster " + cluster + " not found; check azbuild.deploy.ecs.cluster", e);
    } catch (ServiceNotFoundException | ServiceNotActiveException e) {
      throw new DeployException(
          image
              + ": ECS service "
              + image
              + " not found or not active in cluster "
              + cluster
              + "; create it, or set azbuild.deploy.restart=none",
          e);
    } catch (SdkException e) {
      // UpdateService or a later DescribeServices: an unreachable endpoint (retried by the SDK
      // first) or an API error
      throw new DeployException(
          image
              + ": ECS restart of "
              + cluster
              + "/"
              + image
              + " "
              + where()
              + " failed: "
              + OneLine.truncate(String.valueOf(e.getMessage()))
              + "; check that ECS (azbuild.aws.endpoint) is"
              + " reachable and the credentials may call ecs:UpdateService and ecs:DescribeServices",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeployException(image + ": interrupted while waiting for ECS", e);
    }
  }

  /** {@code at <endpoint override> (<region>)} or {@code in <region>}, for messages. */
  private String where() {
    var config = client.serviceClientConfiguration();
    return config
        .endpointOverride()
        .map(uri -> "at " + uri + " (" + config.region() + ")")
        .orElse("in " + config.region());
  }

  static boolean stable(Service service) {
    boolean oneDeployment =
        service.deployments().size() <= 1
            || service.deployments().stream().filter(d -> "PRIMARY".equals(d.status())).count()
                == service.deployments().size();
    Integer running = service.runningCount();
    Integer desired = service.desiredCount();
    return oneDeployment
        && (running == null || desired == null || running.intValue() == desired.intValue());
  }

  @Override
  public String describe(String image) {
    return "ECS service " + cluster + "/" + image;
  }

  @Override
  public void close() {
    client.close();
  }
}
