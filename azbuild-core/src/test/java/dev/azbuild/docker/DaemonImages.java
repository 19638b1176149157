package dev.azbuild.docker;

import dev.azbuild.testing.LocalServices;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real daemon for a test class of the docker ITs, and the images it tags: every tag carries the
 * run's suffix and is removed after the class. Register it as a static {@code @RegisterExtension}
 * field.
 */
final class DaemonImages implements BeforeAllCallback, AfterAllCallback {

  private final String run;
  private final List<String> created = new ArrayList<>();
  private DockerDaemon daemon;
  private ImageBuilder builder;
  private ImageTags images;

  DaemonImages(String run) {
    this.run = run;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    daemon = LocalServices.daemon();
    builder = new ImageBuilder(daemon);
    images = new ImageTags(daemon);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    for (String ref : created) {
      images.remove(ref);
    }
    daemon.close();
  }

  DockerDaemon daemon() {
    return daemon;
  }

  ImageBuilder builder() {
    return builder;
  }

  ImageTags images() {
    return images;
  }

  /** {@code <cache registry>/azbuild-test/<name>-<run>:<tag>}, removed after the class. */
  String ref(String name, String tag) {
    return removedAfterwards(LocalServices.CACHE + "/azbuild-test/" + name + "-" + run + ":" + tag);
  }

  /** Removes this tag after the class. */
  String removedAfterwards(String ref) {
    created.add(ref);
    return ref;
  }
}
