package dev.azbuild.env;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Turns branch names into valid Docker tags ({@code [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}}).
 *
 * <p>The mapping is deterministic but not injective: {@code feature/x} and {@code feature-x} both
 * become {@code feature-x}. That is accepted; such branches share a tag, the last push wins. Only
 * over-long names get a hash suffix, so they stay distinct despite truncation.
 */
public final class TagNames {

  /** Docker's maximum tag length. */
  public static final int MAX_LENGTH = 128;

  private static final int HASH_CHARS = 8;
  // Keeps prefix + "-" + hash at exactly MAX_LENGTH.
  private static final int TRUNCATED_LENGTH = MAX_LENGTH - 1 - HASH_CHARS;

  private TagNames() {}

  /**
   * Sanitizes a branch name into a Docker tag.
   *
   * <ol>
   *   <li>Every code point outside {@code [A-Za-z0-9_.-]} becomes one {@code -} (so {@code
   *       feature/x} gives {@code feature-x}, {@code café} gives {@code caf-}).
   *   <li>A leading {@code .} or {@code -} gets a {@code _} prefix.
   *   <li>If longer than 128, the result is cut to 119 characters and {@code -} plus the first 8
   *       hex digits of the SHA-256 of the original (UTF-8) branch name are appended.
   * </ol>
   *
   * @throws IllegalArgumentException if {@code branch} is empty
   */
  public static String sanitize(String branch) {
    Objects.requireNonNull(branch, "branch");
    if (branch.isEmpty()) {
      throw new IllegalArgumentException("Branch name is empty; cannot derive a Docker tag");
    }
    StringBuilder tag = new StringBuilder(branch.length());
    // Code points, not chars: an emoji (surrogate pair) becomes one '-', not two.
    branch.codePoints().forEach(cp -> tag.append(isTagChar(cp) ? (char) cp : '-'));
    if (tag.charAt(0) == '.' || tag.charAt(0) == '-') {
      tag.insert(0, '_');
    }
    if (tag.length() > MAX_LENGTH) {
      tag.setLength(TRUNCATED_LENGTH);
      tag.append('-').append(sha256Hex(branch), 0, HASH_CHARS);
    }
    return tag.toString();
  }

  private static boolean isTagChar(int cp) {
    return (cp >= 'a' && cp <= 'z')
        || (cp >= 'A' && cp <= 'Z')
        || (cp >= '0' && cp <= '9')
        || cp == '_'
        || cp == '.'
        || cp == '-';
  }

  private static String sha256Hex(String s) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JRE", e);
    }
  }
}
