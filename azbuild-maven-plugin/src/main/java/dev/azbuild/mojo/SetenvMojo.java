package dev.azbuild.mojo;

import dev.azbuild.io.AzbuildException;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Detects the CI, resolves branch, commit, default branch and base commit, and writes them as
 * {@code AZBUILD_*} variables for later CI steps: to {@code $BASH_ENV} on CircleCI, to {@code
 * $GITHUB_ENV} on GitHub Actions, and always to {@code target/azbuild/env.sh} and {@code
 * env.properties} at the reactor root.
 */
@Mojo(name = SetenvMojo.GOAL, aggregator = true, threadSafe = true)
public class SetenvMojo extends AbstractPlanMojo {

  static final String GOAL = "setenv";

  @Override
  protected void doExecute() throws AzbuildException {
    azbuild().setenv();
  }
}
