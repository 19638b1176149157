package dev.azbuild.registry;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Content digests as registries write them: {@code sha256:<64 hex>}. */
final class Digests {

  private static final Pattern DIGEST =
      Pattern.compile("[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+");

  private Digests() {}

  static String sha256(byte[] bytes) {
    try {
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JRE", e);
    }
  }

  /** Whether a manifest reference is a digest rather than a tag. */
  static boolean isDigest(String reference) {
    return reference.indexOf(':') > 0 && DIGEST.matcher(reference).matches();
  }

  /** First 12 hex digits, for log lines. */
  static String shortForm(String digest) {
    int colon = digest.indexOf(':');
    String hex = digest.substring(colon + 1);
    return hex.length() > 12 ? hex.substring(0, 12) : hex;
  }
}
