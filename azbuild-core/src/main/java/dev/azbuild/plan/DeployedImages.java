package dev.azbuild.plan;

import java.util.Map;
import java.util.Objects;

/**
 * What the deploy record says the cache registry holds: the images the last complete deploy moved
 * the default branch's tag ({@code master}) to. Advisory, as the build record is: diff mode plans a
 * module it names without asking whether its {@code master} image exists, and the build reads that
 * image anyway to re-tag it (gone since, the module is built after all).
 *
 * @param commit the deployed commit
 * @param masterTag the tag the deploy moved (a plan with another tag uses none of it)
 * @param digests image name to the digest the tag was moved to
 */
public record DeployedImages(String commit, String masterTag, Map<String, String> digests) {

  /** Nothing recorded: every module is asked about. */
  public static final DeployedImages NONE = new DeployedImages("", "", Map.of());

  public DeployedImages {
    Objects.requireNonNull(commit, "commit");
    Objects.requireNonNull(masterTag, "masterTag");
    digests = Map.copyOf(digests);
  }

  /** Whether it says {@code image}'s {@code tag} exists. */
  public boolean names(String image, String tag) {
    return !masterTag.isEmpty() && masterTag.equals(tag) && digests.containsKey(image);
  }

  public boolean isEmpty() {
    return digests.isEmpty();
  }

  /** For log lines: {@code the deploy record of 1a2b3c4d5e6f}. */
  public String describe() {
    return "the deploy record of " + commit.substring(0, Math.min(12, commit.length()));
  }
}
