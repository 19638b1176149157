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
 * @param next a record asked when this one does not name a module's inputs (the default branch's
 *     after the branch's); null for none
 */
public record RecordedImages(
    String branchTag, String commit, Map<String, Recorded> byImage, RecordedImages next) {

  /** Nothing recorded: every module is probed. */
  public static final RecordedImages NONE = new RecordedImages("", "", Map.of());

  /**
   * @param hash the module's input hash
   * @param digest the manifest digest of its image, built from those inputs
   * @param stages the digests of its named stages' images (stage name to digest), where the build
   *     that wrote the record read them; empty when it did not
   */
  public record Recorded(String hash, String digest, Map<String, String> stages) {
    public Recorded {
      Objects.requireNonNull(hash, "hash");
      Objects.requireNonNull(digest, "digest");
      stages = Map.copyOf(stages);
    }

    /** Without stage digests. */
    public Recorded(String hash, String digest) {
      this(hash, digest, Map.of());
    }
  }

  /**
   * A record vouching for an image: the recorded digest, its stages' digests, and the record that
   * names it.
   */
  public record Vouched(String digest, Map<String, String> stages, RecordedImages record) {}

  public RecordedImages {
    Objects.requireNonNull(branchTag, "branchTag");
    Objects.requireNonNull(commit, "commit");
    byImage = Map.copyOf(byImage);
  }

  /** One record. */
  public RecordedImages(String branchTag, String commit, Map<String, Recorded> byImage) {
    this(branchTag, commit, byImage, null);
  }

  /** This record, then {@code other} for what this one does not name. */
  public RecordedImages then(RecordedImages other) {
    if (other.isEmpty()) {
      return this;
    }
    if (isEmpty()) {
      return other;
    }
    return new RecordedImages(branchTag, commit, byImage, next == null ? other : next.then(other));
  }

  /**
   * The first record naming {@code hash} as {@code image}'s input hash, with the recorded digest of
   * its image; empty when none does.
   */
  public Optional<Vouched> vouch(String image, String hash) {
    Recorded recorded = byImage.get(image);
    if (recorded != null && recorded.hash().equals(hash)) {
      return Optional.of(new Vouched(recorded.digest(), recorded.stages(), single()));
    }
    return next == null ? Optional.empty() : next.vouch(image, hash);
  }

  /** The recorded digest of {@code image}'s image when its recorded input hash is {@code hash}. */
  public Optional<String> digest(String image, String hash) {
    return vouch(image, hash).map(Vouched::digest);
  }

  public boolean isEmpty() {
    return byImage.isEmpty() && (next == null || next.isEmpty());
  }

  /** For reasons and log lines: {@code the build record of main (1a2b3c4d5e6f)}. */
  public String describe() {
    return "the build record of " + name();
  }

  /** For the plan's summary line: {@code the build records of feature-x (…) and main (…)}. */
  public String describeAll() {
    if (next == null) {
      return describe();
    }
    StringBuilder all = new StringBuilder("the build records of ").append(name());
    for (RecordedImages r = next; r != null; r = r.next) {
      all.append(r.next == null ? " and " : ", ").append(r.name());
    }
    return all.toString();
  }

  /** This record without the ones after it. */
  private RecordedImages single() {
    return next == null ? this : new RecordedImages(branchTag, commit, byImage);
  }

  private String name() {
    return branchTag + " (" + commit.substring(0, Math.min(12, commit.length())) + ")";
  }
}
