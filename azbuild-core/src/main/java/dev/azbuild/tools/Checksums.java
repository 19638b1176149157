package dev.azbuild.tools;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** SHA-256 of files and lookups in {@code sha256sum}-style lists ({@code <hex> <name>} lines). */
final class Checksums {

  private static final Pattern HEX64 = Pattern.compile("[0-9a-fA-F]{64}");

  private Checksums() {}

  /**
   * The lower-case hash listed for {@code fileName}, or empty when no well-formed line names it.
   */
  static Optional<String> find(String sums, String fileName) {
    for (String line : sums.split("\\R")) {
      String[] parts = line.trim().split("\\s+", 2);
      if (parts.length == 2 && HEX64.matcher(parts[0]).matches()) {
        // sha256sum marks binary-mode entries with a leading '*'.
        String name = parts[1].startsWith("*") ? parts[1].substring(1) : parts[1];
        if (name.equals(fileName)) {
          return Optional.of(parts[0].toLowerCase(Locale.ROOT));
        }
      }
    }
    return Optional.empty();
  }

  /** The file's SHA-256 as lower-case hex. */
  static String sha256(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK provides SHA-256", e);
    }
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
