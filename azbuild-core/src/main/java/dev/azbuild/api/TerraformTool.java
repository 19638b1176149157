package dev.azbuild.api;

import dev.azbuild.terraform.CliTerraform;
import dev.azbuild.terraform.TerraformRunner;
import dev.azbuild.tools.TerraformInstallException;
import dev.azbuild.tools.TerraformInstaller;
import dev.azbuild.tools.TerraformRequest;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/** The pinned terraform of {@code azbuild.terraform.*}, for the goals that need one. */
final class TerraformTool {

  private TerraformTool() {}

  /**
   * The binary of the pinned version: on the PATH, cached, or downloaded from the mirror and
   * verified.
   */
  static Path ensure(Settings settings) throws SettingException, TerraformInstallException {
    String mirror = settings.string(Setting.TERRAFORM_MIRROR);
    URI mirrorUri;
    try {
      mirrorUri = URI.create(mirror);
    } catch (IllegalArgumentException e) {
      throw new SettingException(
          "azbuild.terraform.mirror="
              + mirror
              + " is not a URL ("
              + e.getMessage()
              + "); give one like "
              + Setting.TERRAFORM_MIRROR.defaultValue().orElseThrow());
    }
    Path root =
        settings
            .optional(Setting.TERRAFORM_CACHE_DIR)
            .map(Path::of)
            .orElseGet(TerraformRequest::defaultCacheRoot);
    try {
      return new TerraformInstaller(RetrySettings.of(settings))
          .ensure(TerraformRequest.of(settings.string(Setting.TERRAFORM_VERSION), mirrorUri, root));
    } catch (IllegalArgumentException e) {
      throw new SettingException(
          "azbuild.terraform.mirror="
              + mirror
              + " is not a URL ("
              + e.getMessage()
              + "); give one like "
              + Setting.TERRAFORM_MIRROR.defaultValue().orElseThrow());
    }
  }

  /** A runner on the pinned binary whose commands may take up to {@code timeout}. */
  static TerraformRunner runner(Settings settings, Duration timeout)
      throws SettingException, TerraformInstallException {
    return new CliTerraform(ensure(settings), CliTerraform.defaultPluginCacheDir(), timeout);
  }
}
