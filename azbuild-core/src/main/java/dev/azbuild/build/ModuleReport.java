package dev.azbuild.build;

import java.util.List;

/**
 * What the build did with one module, as {@code build.json} reports it.
 *
 * @param action {@code built}, {@code retagged}, {@code skipped} or {@code failed}
 * @param digest the manifest digest of the commit image in the cache registry (null when not
 *     pushed); for a built module, the one the commit tag names once tagging is done: another
 *     build's when that build tagged the commit after this one
 * @param error why a failed module failed (null otherwise)
 * @param pushedDigest the digest this build tagged, when another build of the commit moved the tag
 *     after it ({@link CommitTagCheck}); null otherwise
 */
public record ModuleReport(
    String id,
    String image,
    String action,
    String digest,
    List<String> tags,
    long bytesPushed,
    long bytesPulled,
    double seconds,
    List<String> reasons,
    String error,
    String pushedDigest) {

  public static final String BUILT = "built";
  public static final String RETAGGED = "retagged";
  public static final String SKIPPED = "skipped";
  public static final String FAILED = "failed";

  /** A report whose commit tag names what this build pushed. */
  public ModuleReport(
      String id,
      String image,
      String action,
      String digest,
      List<String> tags,
      long bytesPushed,
      long bytesPulled,
      double seconds,
      List<String> reasons,
      String error) {
    this(id, image, action, digest, tags, bytesPushed, bytesPulled, seconds, reasons, error, null);
  }

  /** A module whose build stopped with an error. */
  public static ModuleReport failed(
      String id, String image, double seconds, List<String> reasons, String error) {
    return new ModuleReport(id, image, FAILED, null, List.of(), 0, 0, seconds, reasons, error);
  }

  /**
   * This report, saying that the commit tag names {@code winner}, another build's image, not {@link
   * #digest}.
   */
  public ModuleReport raceLostTo(String winner) {
    return new ModuleReport(
        id, image, action, winner, tags, bytesPushed, bytesPulled, seconds, reasons, error, digest);
  }

  /** Whether another build of the commit tagged it after this one. */
  public boolean raceLost() {
    return pushedDigest != null;
  }
}
