package dev.azbuild.docker;

import java.util.List;
import java.util.Objects;

/**
 * What a successful build produced.
 *
 * @param imageId the image id ({@code sha256:...})
 * @param steps the Dockerfile steps the builder ran, in order
 */
public record BuildResult(String imageId, List<Step> steps) {

  /**
   * One Dockerfile step as the classic builder reports it.
   *
   * @param number the step number, from 1
   * @param instruction the instruction as printed, e.g. {@code RUN make}
   * @param cached whether the builder reused a cached layer ({@code ---> Using cache})
   */
  public record Step(int number, String instruction, boolean cached) {}

  public BuildResult {
    Objects.requireNonNull(imageId, "imageId");
    steps = List.copyOf(steps);
  }

  /** How many steps were served from the layer cache. */
  public long cachedSteps() {
    return steps.stream().filter(Step::cached).count();
  }
}
