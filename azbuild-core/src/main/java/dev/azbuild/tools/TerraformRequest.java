package dev.azbuild.tools;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which terraform to provide and where from.
 *
 * @param version exact release, e.g. {@code 1.11.4}; must match {@code
 *     \d+\.\d+\.\d+(-[A-Za-z0-9.]+)?}
 * @param mirror base URL laid out like {@code https://releases.hashicorp.com/terraform/}: {@code
 *     <mirror>/<version>/terraform_<version>_<os>_<arch>.zip} and {@code
 *     <mirror>/<version>/terraform_<version>_SHA256SUMS}
 * @param cacheRoot per-user tool cache; terraform goes to {@code <cacheRoot>/terraform/<version>/}
 * @param os HashiCorp platform name: {@code linux}, {@code darwin}, {@code windows}, ...
 * @param arch HashiCorp architecture name: {@code amd64}, {@code arm64}, ...
 */
public record TerraformRequest(String version, URI mirror, Path cacheRoot, String os, String arch) {

  /** HashiCorp's release site. */
  public static final URI DEFAULT_MIRROR = URI.create("https://releases.hashicorp.com/terraform/");

  private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+(-[A-Za-z0-9.]+)?");
  private static final Pattern PLATFORM_PART = Pattern.compile("[a-z0-9_]+");

  public TerraformRequest {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(mirror, "mirror");
    Objects.requireNonNull(cacheRoot, "cacheRoot");
    Objects.requireNonNull(os, "os");
    Objects.requireNonNull(arch, "arch");
    // URI.resolve drops the last path segment unless the base ends with '/'.
    if (!mirror.toString().endsWith("/")) {
      mirror = URI.create(mirror + "/");
    }
  }

  /** A request for this JVM's platform. */
  public static TerraformRequest of(String version, URI mirror, Path cacheRoot) {
    return new TerraformRequest(
        version,
        mirror,
        cacheRoot,
        detectOs(System.getProperty("os.name", "")),
        detectArch(System.getProperty("os.arch", "")));
  }

  /**
   * A request for this JVM's platform from {@link #DEFAULT_MIRROR} into {@link
   * #defaultCacheRoot()}.
   */
  public static TerraformRequest of(String version) {
    return of(version, DEFAULT_MIRROR, defaultCacheRoot());
  }

  /** {@code ~/.azbuild/tools}. */
  public static Path defaultCacheRoot() {
    return Path.of(System.getProperty("user.home"), ".azbuild", "tools");
  }

  /** Maps a Java {@code os.name} to HashiCorp's name; unknown names pass through lower-cased. */
  static String detectOs(String osName) {
    String n = osName.toLowerCase(Locale.ROOT);
    if (n.startsWith("linux")) {
      return "linux";
    }
    if (n.startsWith("mac") || n.startsWith("darwin")) {
      return "darwin";
    }
    if (n.startsWith("windows")) {
      return "windows";
    }
    return n.replaceAll("[^a-z0-9]", "");
  }

  /** Maps a Java {@code os.arch} to HashiCorp's name; unknown names pass through lower-cased. */
  static String detectArch(String osArch) {
    String a = osArch.toLowerCase(Locale.ROOT);
    return switch (a) {
      case "amd64", "x86_64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      case "x86", "i386", "i486", "i586", "i686" -> "386";
      default -> a.startsWith("arm") ? "arm" : a.replaceAll("[^a-z0-9_]", "");
    };
  }

  /** Checks the fields that end up in URLs and paths, so a bad value cannot escape the cache. */
  void validate() throws TerraformInstallException {
    if (!VERSION.matcher(version).matches()) {
      throw new TerraformInstallException(
          "Invalid terraform version '"
              + version
              + "': expected MAJOR.MINOR.PATCH with an optional -suffix, e.g. 1.11.4 or 1.12.0-rc1");
    }
    if (!PLATFORM_PART.matcher(os).matches() || !PLATFORM_PART.matcher(arch).matches()) {
      throw new TerraformInstallException(
          "Invalid terraform platform '"
              + os
              + "_"
              + arch
              + "': os and arch must be HashiCorp names such as linux_amd64 or darwin_arm64");
    }
  }

  /** {@code terraform_<version>_<os>_<arch>.zip}. */
  public String zipName() {
    return "terraform_" + version + "_" + os + "_" + arch + ".zip";
  }

  /** {@code terraform_<version>_SHA256SUMS}. */
  public String sumsName() {
    return "terraform_" + version + "_SHA256SUMS";
  }

  public URI zipUri() {
    return mirror.resolve(version + "/" + zipName());
  }

  public URI sumsUri() {
    return mirror.resolve(version + "/" + sumsName());
  }

  /** {@code terraform.exe} on Windows, else {@code terraform}. */
  public String binaryName() {
    return os.equals("windows") ? "terraform.exe" : "terraform";
  }

  /** {@code <cacheRoot>/terraform}: holds one directory per version. */
  public Path toolDir() {
    return cacheRoot.resolve("terraform");
  }

  /** {@code <cacheRoot>/terraform/<version>}: appears whole, by an atomic rename. */
  public Path versionDir() {
    return toolDir().resolve(version);
  }

  /** The cached binary's path. */
  public Path cachedBinary() {
    return versionDir().resolve(binaryName());
  }
}
