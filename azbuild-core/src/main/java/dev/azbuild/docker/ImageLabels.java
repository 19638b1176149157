package dev.azbuild.docker;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The labels azbuild puts on every image: OCI annotations for where it came from, and its input
 * hash and input tree so "why did this rebuild" can be answered on any machine by diffing the trees
 * of two images.
 */
public final class ImageLabels {

  public static final String REVISION = "org.opencontainers.image.revision";
  public static final String SOURCE = "org.opencontainers.image.source";
  public static final String CREATED = "org.opencontainers.image.created";
  public static final String INPUT_HASH = "dev.azbuild.input-hash";

  /** The input tree, gzip then base64; or, when too large, {@code sha256:<hex>} of it. */
  public static final String INPUT_TREE = "dev.azbuild.input-tree";

  /** How {@link #INPUT_TREE} is stored: {@value #GZIP_BASE64} or {@value #DIGEST_ONLY}. */
  public static final String INPUT_TREE_ENCODING = "dev.azbuild.input-tree-encoding";

  /**
   * The in-repo images an image was built on, each by the immutable reference the build used:
   * {@code libs-base=127.0.0.1:5000/team/libs-base@sha256:…} (a local image id with {@code
   * azbuild.skipPush}), comma-separated, sorted by image.
   */
  public static final String PARENTS = "dev.azbuild.parents";

  public static final String GZIP_BASE64 = "gzip+base64";
  public static final String DIGEST_ONLY = "sha256-only (tree too large for a label)";

  /**
   * Largest encoded tree kept in a label. Docker sets no limit, but labels live in the image config
   * that every pull and inspect reads; past this only a digest is stored.
   */
  public static final int MAX_TREE_LABEL_BYTES = 64 * 1024;

  private ImageLabels() {}

  /**
   * The labels for one build.
   *
   * @param revision the commit built; left out when blank
   * @param source the repository URL; left out when blank
   * @param created the build time; leave empty for reproducible builds (the label changes the image
   *     id)
   * @param inputHash the module's input hash
   * @param inputTree the input tree, one line per input, as the rebuild check computes it
   */
  public static Map<String, String> of(
      String revision,
      String source,
      Optional<Instant> created,
      String inputHash,
      String inputTree) {
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(inputHash, "inputHash");
    Objects.requireNonNull(inputTree, "inputTree");
    Map<String, String> labels = new LinkedHashMap<>();
    if (revision != null && !revision.isBlank()) {
      labels.put(REVISION, revision);
    }
    if (source != null && !source.isBlank()) {
      labels.put(SOURCE, source);
    }
    created.ifPresent(t -> labels.put(CREATED, t.truncatedTo(ChronoUnit.SECONDS).toString()));
    labels.put(INPUT_HASH, inputHash);
    String encoded = encodeTree(inputTree);
    if (encoded.length() <= MAX_TREE_LABEL_BYTES) {
      labels.put(INPUT_TREE, encoded);
      labels.put(INPUT_TREE_ENCODING, GZIP_BASE64);
    } else {
      labels.put(INPUT_TREE, "sha256:" + sha256(inputTree));
      labels.put(INPUT_TREE_ENCODING, DIGEST_ONLY);
    }
    return Collections.unmodifiableMap(labels);
  }

  /**
   * {@code labels} plus {@link #PARENTS} for {@code parents} (image → reference); unchanged when
   * there are none.
   */
  public static Map<String, String> withParents(
      Map<String, String> labels, Map<String, String> parents) {
    if (parents.isEmpty()) {
      return labels;
    }
    Map<String, String> result = new LinkedHashMap<>(labels);
    result.put(
        PARENTS,
        new TreeMap<>(parents)
            .entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(",")));
    return Collections.unmodifiableMap(result);
  }

  /** The input tree stored in an image's labels; empty when absent or stored as a digest only. */
  public static Optional<String> inputTree(Map<String, String> labels) {
    String value = labels.get(INPUT_TREE);
    if (value == null || !GZIP_BASE64.equals(labels.get(INPUT_TREE_ENCODING))) {
      return Optional.empty();
    }
    try (GZIPInputStream in =
        new GZIPInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(value)))) {
      return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Gzip (fixed header: no name, mtime 0, so the same tree gives the same label) then base64. */
  static String encodeTree(String tree) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write(tree.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in memory: cannot happen
    }
    return Base64.getEncoder().encodeToString(bytes.toByteArray());
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always present", e);
    }
  }
}
