package dev.azbuild.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.azbuild.io.Json;
import dev.azbuild.plan.DeployedImages;
import dev.azbuild.registry.Registry;
import dev.azbuild.registry.RegistryException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last commit whose whole reactor deployed, kept in the CACHE registry as a record under {@code
 * <prefix>/}{@value #REPOSITORY}{@code :}{@value #TAG}; on the default branch it is the base commit
 * of the next build (setenv, diff mode). It also names the image every module's {@code master} tag
 * was moved to, so that diff mode need not ask for each one ({@link DeployedImages}).
 *
 * <p>The JSON ({@value #FORMAT}, version {@value #VERSION}):
 *
 * <pre>{@code
 * {"format":"azbuild-deployed","version":1,"commit":"<40 hex>","time":"2026-12-03T10:00:00Z",
 *  "masterTag":"master","images":{"api":"sha256:<64 hex>", ...}}
 * }</pre>
 *
 * {@code commit} is the field every version keeps: a record written before the images were kept
 * ({@code {"commit","time"}}), or by another version, still gives its commit. The digests say where
 * {@code master} was moved; only their presence is used (a module named has a {@code master}
 * image), never to skip reading an image, since a later partial deploy may have moved a tag.
 *
 * @param masterTag the tag the deploy moved in the cache registry; empty in an older record
 * @param images image name to the digest its {@code masterTag} was moved to; empty in an older one
 */
public record DeployedCommit(
    String commit, Instant time, String masterTag, Map<String, String> images) {

  public static final String REPOSITORY = "azbuild-deployed";
  public static final String TAG = "commit";
  public static final String FORMAT = "azbuild-deployed";
  public static final int VERSION = 1;

  private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{7,64}");
  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
  private static final Logger LOG = LoggerFactory.getLogger(DeployedCommit.class);

  public DeployedCommit {
    images = java.util.Collections.unmodifiableMap(new TreeMap<>(images));
  }

  /** What diff mode uses of it. */
  public DeployedImages deployedImages() {
    return new DeployedImages(commit, masterTag, images);
  }

  /**
   * The recorded deploy; empty when no deploy completed yet, or (with a warning) when the record is
   * of another format or version.
   *
   * @throws RegistryException when the tag holds something that is not such a record
   */
  public static Optional<DeployedCommit> read(Registry cache) throws RegistryException {
    Optional<byte[]> bytes = cache.getRecord(REPOSITORY, TAG);
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    String name = cache.describe() + "/" + REPOSITORY + ":" + TAG;
    JsonNode n;
    try {
      n = Json.MAPPER.readTree(bytes.get());
    } catch (IOException e) {
      throw notARecord(name, e.getMessage().lines().findFirst().orElse("not JSON"), e);
    }
    if (n == null || !n.isObject()) {
      throw notARecord(name, "not a JSON object", null);
    }
    // "commit" is the one field every version keeps: the base of the next build on the default
    // branch must not be lost to a record of another version (HEAD~1 could hide an undeployed
    // change)
    String commit = n.path("commit").asText("");
    if (!COMMIT.matcher(commit).matches()) {
      return Optional.empty();
    }
    String format = n.path("format").asText("");
    if (n.has("format") && (!FORMAT.equals(format) || n.path("version").asInt(-1) != VERSION)) {
      LOG.warn(
          "{}: only its commit is used: it is {} version {}, not {} version {} (written by another"
              + " azbuild version); diff mode asks the cache registry for every master image",
          name,
          format,
          n.path("version").asText("?"),
          FORMAT,
          VERSION);
      return Optional.of(new DeployedCommit(commit, Instant.EPOCH, "", Map.of()));
    }
    Instant time;
    try {
      time = Instant.parse(n.path("time").asText(""));
    } catch (RuntimeException e) {
      time = Instant.EPOCH;
    }
    Map<String, String> images = new TreeMap<>();
    String masterTag = n.path("masterTag").asText("");
    for (Map.Entry<String, JsonNode> entry : n.path("images").properties()) {
      String digest = entry.getValue().asText("");
      if (!DIGEST.matcher(digest).matches()) {
        LOG.warn(
            "{}: image {} has no valid digest; diff mode asks the cache registry for every module",
            name,
            entry.getKey());
        return Optional.of(new DeployedCommit(commit, time, "", Map.of()));
      }
      images.put(entry.getKey(), digest);
    }
    return Optional.of(new DeployedCommit(commit, time, masterTag, images));
  }

  /** Writes the record (one manifest PUT), replacing the last one. */
  public void write(Registry cache) throws RegistryException {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("format", FORMAT);
    n.put("version", VERSION);
    n.put("commit", commit);
    n.put("time", time.toString());
    n.put("masterTag", masterTag);
    ObjectNode byImage = n.putObject("images");
    images.forEach(byImage::put);
    cache.putRecord(REPOSITORY, TAG, n.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static RegistryException notARecord(String name, String reason, Exception cause) {
    return new RegistryException(
        name + " is not a deployed-commit record (" + reason + "); delete the tag", cause);
  }
}
