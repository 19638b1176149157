package dev.azbuild.mojo;

import dev.azbuild.io.AzbuildException;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Prints every image module's rebuild decision and reason as a table, and writes {@code
 * target/azbuild/plan.json} and, in content mode, every module's input tree into {@code
 * target/azbuild/inputs.txt} at the reactor root.
 */
@Mojo(name = PlanMojo.GOAL, aggregator = true, threadSafe = true)
public class PlanMojo extends AbstractPlanMojo {

  static final String GOAL = "plan";

  @Override
  protected void doExecute() throws AzbuildException {
    azbuild().writePlan();
  }
}
