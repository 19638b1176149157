package dev.azbuild.plan;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a build record says the cache registry holds: per image, the input hash of the last complete
 * build of a branch and the digest of the image that build pushed or re-tagged for it. Advisory: a
 * module whose hash equals the recorded one is planned unchanged without a probe, and the build
 * verifies the image with the manifest read it does anyway; every other module is probed.
 *
 * @param branchTag the branch tag the record was written for (the build's branch)
 * @param commit the commit that build was of
 * @param byImage image name to what was recorded for it
 */
public record RecordedImages(String branchTag, String commit, Map<String, Recorded> byImage) {

  /** Nothing recorded: every module is probed. */
  public static final RecordedImages NONE = new RecordedImages("", "", Map.of());

  /**
   * @param hash the module's input hash
   * @param digest the manifest digest of its image, built from those inputs
   */
  public record Recorded(String hash, String digest) {
    public Recorded {
      Objects.requireNonNull(hash, "hash");
      Objects.requireNonNull(digest, "digest");
    }
  }

  public RecordedImages {
    Objects.requireNonNull(branchTag, "branchTag");
    Objects.requireNonNull(commit, "commit");
    byImage = Map.copyOf(byImage);
  }

  /** The recorded digest of {@code image}'s image when its recorded input hash is {@code hash}. */
  public Optional<String> digest(String image, String hash) {
    Recorded recorded = byImage.get(image);
    return recorded != null && recorded.hash().equals(hash)
        ? Optional.of(recorded.digest())
        : Optional.empty();
  }

  public boolean isEmpty() {
    return byImage.isEmpty();
  }

  /** For reasons and log lines: {@code the build record of main (1a2b3c4d5e6f)}. */
  public String describe() {
    return "the build record of "
        + branchTag
        + " ("
        + commit.substring(0, Math.min(12, commit.length()))
        + ")";
  }
}
