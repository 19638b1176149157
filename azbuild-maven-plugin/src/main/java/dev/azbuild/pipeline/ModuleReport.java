package dev.azbuild.pipeline;

import java.util.List;

/**
 * What the build did with one module, as {@code build.json} reports it.
 *
 * @param action {@code built}, {@code retagged} or {@code skipped}
 * @param digest the manifest digest of the commit image in the cache registry (null when not pushed)
 */
public record ModuleReport(String id, String image, String action, String digest, List<String> tags,
    long bytesPushed, long bytesPulled, double seconds, List<String> reasons) {

  public static final String BUILT = "built";
  public static final String RETAGGED = "retagged";
  public static final String SKIPPED = "skipped";
}
