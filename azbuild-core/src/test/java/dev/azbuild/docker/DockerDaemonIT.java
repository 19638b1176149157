package dev.azbuild.docker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The daemon scripts/services starts (or DOCKER_HOST) answers. */
class DockerDaemonIT {

  @Test
  void pingsTheRunningDaemon() throws Exception {
    try (DockerDaemon daemon = DockerDaemon.fromEnvironment(System.getenv())) {
      daemon.ping();
      assertThat(daemon.host())
          .isEqualTo(System.getenv().getOrDefault("DOCKER_HOST", DockerDaemon.DEFAULT_HOST));
    }
  }
}
