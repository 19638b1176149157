package dev.azbuild.mojo;

import dev.azbuild.io.AzbuildException;
import java.io.File;
import java.nio.file.Path;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Makes the pinned terraform available: the one on PATH if it is that version, else a cached copy
 * under {@code ~/.azbuild/tools/terraform/<version>/}, else a download from the mirror verified
 * against its SHA256SUMS. Sets the session property {@code azbuild.terraform.path}.
 */
@Mojo(
    name = EnsureTerraformMojo.GOAL,
    aggregator = true,
    requiresProject = false,
    threadSafe = true)
public class EnsureTerraformMojo extends AbstractAzbuildMojo {

  static final String GOAL = "ensure-terraform";

  /** The terraform version to use. */
  @Parameter(property = "azbuild.terraform.version", defaultValue = Defaults.TERRAFORM_VERSION)
  private String version;

  /** Where releases are downloaded from, laid out like releases.hashicorp.com/terraform/. */
  @Parameter(property = "azbuild.terraform.mirror", defaultValue = Defaults.TERRAFORM_MIRROR)
  private String mirror;

  /** The per-user tool cache. */
  @Parameter(property = "azbuild.terraform.cacheDir")
  private File cacheDir;

  /** Attempts per file for downloads that fail with a network error, 429 or 5xx. */
  @Parameter(property = "azbuild.retries", defaultValue = "3")
  private int retries;

  /** Seconds after which a failing download starts no further attempt. */
  @Parameter(property = "azbuild.retryTimeout", defaultValue = "120")
  private int retryTimeout;

  @Override
  protected void doExecute() throws AzbuildException {
    Path binary = azbuild().ensureTerraform();
    session.getUserProperties().setProperty("azbuild.terraform.path", binary.toString());
  }
}
