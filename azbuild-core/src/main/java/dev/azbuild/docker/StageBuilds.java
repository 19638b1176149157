package dev.azbuild.docker;

import dev.azbuild.dockerfile.Dockerfile;
import dev.azbuild.env.TagNames;
import java.util.ArrayList;
import java.util.List;

/**
 * The named stages of a multi-stage Dockerfile that the pipeline builds, tags and pushes on their
 * own before the image itself, so the next build can prime its cache with them (the classic
 * builder's {@code --cache-from} only reuses layers of images present locally, and the final image
 * does not carry the layers of earlier stages).
 */
public final class StageBuilds {

  private StageBuilds() {}

  /**
   * The stages named with {@code FROM ... AS name}, in Dockerfile order, without the last stage
   * (that is the image itself, built without a target).
   */
  public static List<String> namedStages(Dockerfile dockerfile) {
    List<Dockerfile.Stage> stages = dockerfile.stages();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < stages.size() - 1; i++) {
      stages.get(i).name().filter(n -> !names.contains(n)).ifPresent(names::add);
    }
    return List.copyOf(names);
  }

  /** {@code <stage>-<tag>}, kept a valid Docker tag (at most 128 characters). */
  public static String stageTag(String stage, String tag) {
    return TagNames.sanitize(stage + "-" + tag);
  }
}
