package dev.azbuild.terraform;

import dev.azbuild.io.AzbuildException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A terraform command failed, timed out or could not start. The message is one line: module
 * directory, command (secret variable values masked) and terraform's own error, shortened.
 */
public class TerraformException extends AzbuildException {

  private final Path moduleDir;
  private final String command;
  private final int exitCode;
  private final String reason;

  /**
   * @param command the command as shown to users, with secrets already masked
   * @param exitCode terraform's exit code, or -1 when it did not start or did not finish
   * @param reason what went wrong, one line
   */
  public TerraformException(Path moduleDir, String command, int exitCode, String reason) {
    super(
        moduleDir
            + ": `"
            + command
            + "` "
            + (exitCode >= 0 ? "exited " + exitCode : "failed")
            + ": "
            + reason);
    this.moduleDir = Objects.requireNonNull(moduleDir, "moduleDir");
    this.command = Objects.requireNonNull(command, "command");
    this.exitCode = exitCode;
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public Path moduleDir() {
    return moduleDir;
  }

  /** The command line without the binary's path and {@code -chdir}, secrets masked. */
  public String command() {
    return command;
  }

  /** terraform's exit code, or -1 when it did not start or did not finish. */
  public int exitCode() {
    return exitCode;
  }

  /** terraform's error, shortened to one line. */
  public String reason() {
    return reason;
  }
}
