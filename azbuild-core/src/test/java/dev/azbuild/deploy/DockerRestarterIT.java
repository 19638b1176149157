package dev.azbuild.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.azbuild.docker.Containers;
import dev.azbuild.docker.DockerDaemon;
import dev.azbuild.docker.ImageTags;
import dev.azbuild.docker.ImageTransfer;
import dev.azbuild.env.Namespace;
import dev.azbuild.testing.LocalServices;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code restart=docker} on the real daemon, with images in the local deploy registry: containers
 * are named per project, so two projects deploying an image of the same name keep one each.
 */
class DockerRestarterIT {

  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  private static final String BASE = LocalServices.BASE_IMAGE;
  private static final String REPOSITORY = LocalServices.DEPLOY + "/azbuild-test/restart-" + RUN;

  private static DockerDaemon daemon;
  private static Containers containers;
  private final List<String> names = new ArrayList<>();

  @BeforeAll
  static void pushImages() throws Exception {
    daemon = LocalServices.daemon();
    containers = new Containers(daemon);
    ImageTransfer transfer = new ImageTransfer(daemon);
    transfer.pull(BASE);
    ImageTags tags = new ImageTags(daemon);
    for (String image : List.of("svc", "other")) {
      tags.tag(BASE, REPOSITORY + "/" + image, "1");
      transfer.push(REPOSITORY + "/" + image + ":1");
    }
  }

  @AfterEach
  void removeContainers() throws Exception {
    for (String name : names) {
      containers.remove(name);
    }
  }

  @AfterAll
  static void removeImages() throws Exception {
    ImageTags tags = new ImageTags(daemon);
    tags.remove(REPOSITORY + "/svc:1");
    tags.remove(REPOSITORY + "/other:1");
    daemon.close();
  }

  @Test
  void twoProjectsKeepTheirOwnContainerOfAnImageWithTheSameName() throws Exception {
    String reference = REPOSITORY + "/svc:1";
    DockerRestarter shop = restarter("shop-" + RUN);
    DockerRestarter blog = restarter("blog-" + RUN);
    names.addAll(List.of(shop.containerName("svc"), blog.containerName("svc")));

    assertThat(shop.restart("svc", reference, reference)).isTrue();
    assertThat(blog.restart("svc", reference, reference)).isTrue();

    assertThat(shop.containerName("svc")).isEqualTo("shop-" + RUN + "-svc");
    assertThat(containers.image("shop-" + RUN + "-svc")).contains(reference);
    assertThat(containers.image("blog-" + RUN + "-svc")).contains(reference);
    assertThat(shop.describe("team/svc")).isEqualTo("local container shop-" + RUN + "-team-svc");
  }

  @Test
  void theOldContainerNameIsRemovedOnlyWhenItRunsThisDeploysRepository() throws Exception {
    // the old names were azbuild-<image>, daemon-wide; the image names carry the run here
    String ours = "svc" + RUN;
    String theirs = "other" + RUN;
    names.addAll(List.of("azbuild-" + ours, "azbuild-" + theirs));
    containers.recreate("azbuild-" + ours, REPOSITORY + "/svc:1", Optional.empty());
    containers.recreate("azbuild-" + theirs, REPOSITORY + "/other:1", Optional.empty());
    DockerRestarter restarter = restarter("shop-" + RUN);
    names.addAll(List.of(restarter.containerName(ours), restarter.containerName(theirs)));

    // ours: the deployed repository is REPOSITORY/svc; theirs: the old container runs
    // REPOSITORY/other
    restarter.restart(ours, REPOSITORY + "/svc:1", REPOSITORY + "/svc:1");
    restarter.restart(theirs, REPOSITORY + "/svc:1", REPOSITORY + "/svc:1");

    assertThat(containers.image("azbuild-" + ours)).isEmpty();
    assertThat(containers.image("azbuild-" + theirs)).contains(REPOSITORY + "/other:1");
    assertThat(containers.image("shop-" + RUN + "-" + ours)).contains(REPOSITORY + "/svc:1");
  }

  private static DockerRestarter restarter(String namespace) {
    // the daemon connection is the test's: these restarters are not closed
    return new DockerRestarter(daemon, Optional.empty(), Namespace.of(namespace));
  }
}
