package dev.azbuild.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.azbuild.testing.LocalServices;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;

/** ECS restarts against the moto emulator of scripts/services. */
class EcsRestarterIT {

  private static final String ENDPOINT = LocalServices.AWS_ENDPOINT;
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  private static final String CLUSTER = "azbtest-" + RUN;
  private static EcsClient client;

  @BeforeAll
  static void createService() {
    System.setProperty("aws.accessKeyId", "test");
    System.setProperty("aws.secretAccessKey", "test");
    client = EcsRestarter.client("eu-west-2", Optional.of(ENDPOINT));
    client.createCluster(b -> b.clusterName(CLUSTER));
    String taskDef =
        client
            .registerTaskDefinition(
                b ->
                    b.family("api-" + RUN)
                        .containerDefinitions(
                            c -> c.name("api").image("127.0.0.1:5001/api:1").memory(64)))
            .taskDefinition()
            .taskDefinitionArn();
    client.createService(
        b -> b.cluster(CLUSTER).serviceName("api").taskDefinition(taskDef).desiredCount(0));
    // no container instances in the cluster: moto never runs the 2 wanted tasks
    client.createService(
        b -> b.cluster(CLUSTER).serviceName("starved").taskDefinition(taskDef).desiredCount(2));
  }

  @AfterAll
  static void close() {
    client.close();
  }

  @Test
  void forcesANewDeploymentAndWaitsUntilStable() throws Exception {
    EcsRestarter restarter =
        new EcsRestarter(client, CLUSTER, Duration.ofSeconds(20), Duration.ofMillis(200));

    assertThat(restarter.restart("api", "r/api:c", "r/api@sha256:0")).isTrue();
    assertThat(restarter.describe("api")).isEqualTo("ECS service " + CLUSTER + "/api");
  }

  @Test
  void aServiceThatIsNotStableInTimeIsOneLine() {
    EcsRestarter restarter =
        new EcsRestarter(client, CLUSTER, Duration.ofSeconds(1), Duration.ofMillis(200));

    assertThatThrownBy(() -> restarter.restart("starved", "r/starved:c", "r/starved@sha256:0"))
        .isInstanceOf(DeployException.class)
        .hasMessage(
            "starved: ECS service "
                + CLUSTER
                + "/starved not stable within 1s (running 0 of 2, 1 deployments);"
                + " check the service's events, raise azbuild.deploy.ecs.timeout");
  }

  @Test
  void aMissingServiceOrClusterIsOneLine() {
    EcsRestarter noService =
        new EcsRestarter(client, CLUSTER, Duration.ofSeconds(5), Duration.ofMillis(200));
    assertThatThrownBy(() -> noService.restart("nope", "r/nope:c", "r/nope@sha256:0"))
        .isInstanceOf(DeployException.class)
        .hasMessageStartingWith("nope: ECS service nope not found");
    EcsRestarter noCluster =
        new EcsRestarter(client, "missing-" + RUN, Duration.ofSeconds(5), Duration.ofMillis(200));
    assertThatThrownBy(() -> noCluster.restart("api", "r/api:c", "r/api@sha256:0"))
        .isInstanceOf(DeployException.class)
        .hasMessageContaining("not found");
  }
}
