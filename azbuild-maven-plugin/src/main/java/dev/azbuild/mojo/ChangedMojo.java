package dev.azbuild.mojo;

import dev.azbuild.io.AzbuildException;
import java.io.File;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Whether a file matching a regex changed since the base commit: prints {@code true} or {@code
 * false}, optionally writes it to a file, and fails only when asked to.
 */
@Mojo(name = ChangedMojo.GOAL, aggregator = true, threadSafe = true)
public class ChangedMojo extends AbstractPlanMojo {

  static final String GOAL = "changed";

  /**
   * A POSIX extended regex matched against changed paths (relative to the git root), like grep -E.
   */
  @Parameter(property = "azbuild.path", required = true)
  private String path;

  /** Also write {@code true}/{@code false} to this file. */
  @Parameter(property = "azbuild.output")
  private File output;

  /** Fail the build when a matching file changed. */
  @Parameter(property = "azbuild.failIfChanged", defaultValue = "false")
  private boolean failIfChanged;

  /** Fail the build when no matching file changed. */
  @Parameter(property = "azbuild.failIfUnchanged", defaultValue = "false")
  private boolean failIfUnchanged;

  @Override
  protected void doExecute() throws AzbuildException {
    azbuild().changed();
  }
}
