package dev.azbuild.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The hash of what a module's terraform apply depends on besides the image digest: every file under
 * its {@code terraform/} dir (relative path and bytes, sorted by path; {@code .terraform/} dirs and
 * state files left out), the image variable's name and the deploy registry's image name.
 */
public final class TerraformInputs {

  /** The hash for a module without a terraform dir. */
  public static final String NONE = "none";

  private TerraformInputs() {}

  public static String hash(Path terraformDir, String imageVar, String imageName)
      throws IOException {
    if (!Files.isDirectory(terraformDir)) {
      return NONE;
    }
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    update(sha, "var " + imageVar + "=" + imageName);
    List<Path> files;
    try (Stream<Path> walk = Files.walk(terraformDir)) {
      files =
          walk.filter(Files::isRegularFile)
              .filter(p -> !terraformDir.relativize(p).toString().startsWith(".terraform/"))
              .filter(p -> !p.getFileName().toString().startsWith("terraform.tfstate"))
              .sorted()
              .toList();
    }
    try {
      for (Path f : files) {
        update(sha, terraformDir.relativize(f).toString().replace('\\', '/'));
        byte[] bytes = Files.readAllBytes(f);
        update(sha, Integer.toString(bytes.length));
        sha.update(bytes);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return "sha256:" + HexFormat.of().formatHex(sha.digest());
  }

  private static void update(MessageDigest sha, String s) {
    sha.update(s.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
  }
}
