package dev.azbuild.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.azbuild.io.Json;
import dev.azbuild.plan.ModuleDecision;
import dev.azbuild.plan.Plan;
import dev.azbuild.plan.RecordedImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What one complete build of a commit left in the cache registry: for every image module, its input
 * hash and the digest of the image its commit tag names. Kept as a record in the cache registry by
 * {@link BuildRecords}; the next plan reads it instead of probing every module.
 *
 * <p>The JSON ({@value #FORMAT}, version {@value #VERSION}):
 *
 * <pre>{@code
 * {"format":"azbuild-build-record","version":1,"commit":"<40 hex>","branch":"<branch tag>",
 *  "time":"2026-12-02T16:00:00Z",
 *  "images":{"api":{"hash":"<64 hex>","digest":"sha256:<64 hex>",
 *                   "stages":{"builder":"sha256:<64 hex>"}}, ...}}
 * }</pre>
 *
 * {@code stages} (optional) names the images of a module's named stages where the build read them
 * (its re-tags); a reader without it re-reads them.
 *
 * @param branchTag the branch the build was of, as a tag; empty when none was known
 * @param images image name to its input hash and digest, sorted by image
 */
public record BuildRecord(
    String commit, String branchTag, Instant time, Map<String, RecordedImages.Recorded> images) {

  public static final String FORMAT = "azbuild-build-record";
  public static final int VERSION = 1;

  private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
  private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}([0-9a-f]{24})?");

  /** A record that azbuild cannot use: another format or version, or damaged. */
  public static final class Unreadable extends Exception {
    private final boolean foreign;

    Unreadable(String message, boolean foreign) {
      super(message);
      this.foreign = foreign;
    }

    /** Whether it is a well-formed record of another format or version (not a damaged one). */
    public boolean foreign() {
      return foreign;
    }
  }

  public BuildRecord {
    images = java.util.Collections.unmodifiableMap(new TreeMap<>(images));
  }

  /**
   * The record of a build whose every image module of {@code plan} was built or re-tagged with a
   * known digest; empty otherwise (a failed, skipped or missing module, a {@code -pl} subset, or a
   * diff-mode plan without input hashes).
   */
  public static Optional<BuildRecord> of(
      Plan plan, Collection<ModuleReport> reports, String branchTag, Instant time) {
    return of(plan, reports, Map.of(), branchTag, time);
  }

  /**
   * As {@link #of(Plan, Collection, String, Instant)}, with the digests of the named stages' images
   * the build found (module id to stage name to digest).
   */
  public static Optional<BuildRecord> of(
      Plan plan,
      Collection<ModuleReport> reports,
      Map<String, Map<String, String>> stageDigests,
      String branchTag,
      Instant time) {
    Map<String, ModuleReport> byId = new LinkedHashMap<>();
    reports.forEach(r -> byId.put(r.id(), r));
    Map<String, RecordedImages.Recorded> images = new TreeMap<>();
    for (ModuleDecision d : plan.modules()) {
      ModuleReport r = byId.get(d.id());
      boolean done =
          r != null
              && (ModuleReport.BUILT.equals(r.action()) || ModuleReport.RETAGGED.equals(r.action()))
              && r.digest() != null;
      if (!done || d.inputHash() == null) {
        return Optional.empty();
      }
      images.put(
          d.image(),
          new RecordedImages.Recorded(
              d.inputHash(), r.digest(), stageDigests.getOrDefault(d.id(), Map.of())));
    }
    if (images.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new BuildRecord(plan.head(), branchTag, time, images));
  }

  /** What the plan uses of it. */
  public RecordedImages recorded() {
    return new RecordedImages(branchTag, commit, images);
  }

  public byte[] toJson() {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("format", FORMAT);
    root.put("version", VERSION);
    root.put("commit", commit);
    root.put("branch", branchTag);
    root.put("time", time.toString());
    ObjectNode byImage = root.putObject("images");
    images.forEach(
        (image, r) -> {
          ObjectNode entry = byImage.putObject(image);
          entry.put("hash", r.hash());
          entry.put("digest", r.digest());
          if (!r.stages().isEmpty()) {
            ObjectNode stages = entry.putObject("stages");
            new TreeMap<>(r.stages()).forEach(stages::put);
          }
        });
    return root.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Reads a record.
   *
   * @throws Unreadable saying what is wrong: another format or version ({@link
   *     Unreadable#foreign()}), or not valid JSON, a bad commit, hash or digest
   */
  public static BuildRecord parse(byte[] json) throws Unreadable {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new Unreadable(
          "it is not JSON (" + e.getMessage().lines().findFirst().orElse("") + ")", false);
    }
    if (root == null || !root.isObject()) {
      throw new Unreadable("it is not a JSON object", false);
    }
    String format = root.path("format").asText("");
    int version = root.path("version").asInt(-1);
    if (!FORMAT.equals(format) || version != VERSION) {
      throw new Unreadable(
          "it is "
              + (format.isEmpty() ? "of no known format" : format + " version " + version)
              + ", not "
              + FORMAT
              + " version "
              + VERSION
              + " (written by another azbuild version)",
          true);
    }
    String commit = root.path("commit").asText("");
    if (!COMMIT.matcher(commit).matches()) {
      throw new Unreadable("it names no commit ('" + commit + "')", false);
    }
    Instant time;
    try {
      time = Instant.parse(root.path("time").asText(""));
    } catch (RuntimeException e) {
      throw new Unreadable("it has no valid time", false);
    }
    JsonNode byImage = root.path("images");
    if (!byImage.isObject()) {
      throw new Unreadable("it has no images", false);
    }
    Map<String, RecordedImages.Recorded> images = new TreeMap<>();
    for (Map.Entry<String, JsonNode> entry : byImage.properties()) {
      String hash = entry.getValue().path("hash").asText("");
      String digest = entry.getValue().path("digest").asText("");
      if (!HASH.matcher(hash).matches() || !DIGEST.matcher(digest).matches()) {
        throw new Unreadable(
            "its image " + entry.getKey() + " has no valid hash and digest", false);
      }
      Map<String, String> stages = new TreeMap<>();
      for (Map.Entry<String, JsonNode> stage : entry.getValue().path("stages").properties()) {
        String stageDigest = stage.getValue().asText("");
        if (!DIGEST.matcher(stageDigest).matches()) {
          throw new Unreadable(
              "its image " + entry.getKey() + " has no valid digest for stage " + stage.getKey(),
              false);
        }
        stages.put(stage.getKey(), stageDigest);
      }
      images.put(entry.getKey(), new RecordedImages.Recorded(hash, digest, stages));
    }
    return new BuildRecord(commit, root.path("branch").asText(""), time, images);
  }
}
