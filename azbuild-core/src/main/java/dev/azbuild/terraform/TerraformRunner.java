package dev.azbuild.terraform;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** Runs terraform for one root module at a time. The only way azbuild reaches terraform. */
public interface TerraformRunner {

  /**
   * Checks a configuration without touching its backend or state ({@code init -backend=false}, then
   * {@code validate}). Writes nothing into {@code moduleDir}, except the provider lock file {@code
   * .terraform.lock.hcl} that {@code init} creates when the configuration needs providers and the
   * file is missing (it belongs in version control).
   *
   * @return ok, or the errors with file and line
   * @throws TerraformException when terraform could not run or init failed for a reason that is not
   *     an error in the configuration (e.g. a provider download)
   */
  TerraformValidation validate(Path moduleDir) throws TerraformException;

  /**
   * Brings the infrastructure in line with the configuration: {@code init}, then {@code plan} with
   * the variables, then {@code apply} of exactly that plan when it has changes.
   *
   * @param vars values for the root module's variables, like {@code -var name=value}; values of
   *     variables whose names look secret (password, token, secret, ...) are never logged or put in
   *     error messages
   * @return true if something changed (resources or outputs), false if the plan was empty
   * @throws TerraformException when a step fails, with terraform's error on one line
   */
  boolean apply(TerraformWorkspace workspace, Map<String, String> vars) throws TerraformException;

  /**
   * The root module's outputs from its current state: strings as they are, other values as JSON
   * text, sensitive ones included (the caller must not log them). Empty before the first apply.
   */
  Map<String, String> outputs(TerraformWorkspace workspace) throws TerraformException;

  /**
   * Stops the commands running now (SIGTERM, so terraform cancels cleanly and releases its state
   * lock; SIGKILL after {@code grace}) and refuses to start new ones: for a JVM that is shutting
   * down.
   */
  default void stop(Duration grace) {}
}
