package dev.azbuild.mojo;

import dev.azbuild.tools.TerraformInstallException;
import dev.azbuild.tools.TerraformInstaller;
import dev.azbuild.tools.TerraformRequest;
import java.io.File;
import java.net.URI;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;

/** The pinned terraform for the goals that need one (ensure-terraform, build, deploy). */
final class MavenTerraform {

  /** The terraform version the goals pin by default (one place, so build, deploy and ensure-terraform agree). */
  static final String DEFAULT_VERSION = "1.11.4";
  /** Where releases are downloaded from by default. */
  static final String DEFAULT_MIRROR = "https://releases.hashicorp.com/terraform/";

  private MavenTerraform() {}

  /** The binary of {@code version}: on PATH, cached, or downloaded from {@code mirror} and verified. */
  static Path ensure(String version, String mirror, File cacheDir) throws MojoExecutionException, MojoFailureException {
    try {
      Path root = cacheDir != null ? cacheDir.toPath() : TerraformRequest.defaultCacheRoot();
      return new TerraformInstaller().ensure(TerraformRequest.of(version, URI.create(mirror), root));
    } catch (IllegalArgumentException e) {
      throw new MojoFailureException("azbuild.terraform.mirror=" + mirror + " is not a URL (" + e.getMessage()
          + "); give one like " + DEFAULT_MIRROR, e);
    } catch (TerraformInstallException e) {
      throw new MojoExecutionException(e.getMessage(), e);
    }
  }
}
