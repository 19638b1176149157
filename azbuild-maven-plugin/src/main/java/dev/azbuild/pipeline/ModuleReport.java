package dev.azbuild.pipeline;

import java.util.List;

/**
 * What the build did with one module, as {@code build.json} reports it.
 *
 * @param action {@code built}, {@code retagged}, {@code skipped} or {@code failed}
 * @param digest the manifest digest of the commit image in the cache registry (null when not pushed)
 * @param error why a failed module failed (null otherwise)
 */
public record ModuleReport(String id, String image, String action, String digest, List<String> tags,
    long bytesPushed, long bytesPulled, double seconds, List<String> reasons, String error) {

  public static final String BUILT = "built";
  public static final String RETAGGED = "retagged";
  public static final String SKIPPED = "skipped";
  public static final String FAILED = "failed";

  /** A module whose build stopped with an error. */
  public static ModuleReport failed(String id, String image, double seconds, List<String> reasons, String error) {
    return new ModuleReport(id, image, FAILED, null, List.of(), 0, 0, seconds, reasons, error);
  }
}
