package dev.azbuild.mojo;

import dev.azbuild.plan.Plan;
import dev.azbuild.plan.PlanReport;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Prints every image module's rebuild decision and reason as a table, and writes
 * {@code target/azbuild/plan.json} and, in content mode, every module's input tree into
 * {@code target/azbuild/inputs.txt} at the reactor root.
 */
@Mojo(name = PlanMojo.GOAL, aggregator = true, threadSafe = true)
public class PlanMojo extends AbstractPlanMojo {

  static final String GOAL = "plan";

  @Override
  protected void doExecute() throws MojoExecutionException, MojoFailureException {
    long start = System.nanoTime();
    Plan plan = plan();
    getLog().info("azbuild plan: " + plan.modules().size() + " modules decided in "
        + (System.nanoTime() - start) / 1_000_000 + " ms");
    getLog().info("azbuild plan: mode " + plan.mode().id()
        + (plan.base() != null ? ", base " + plan.base().substring(0, 12) : "")
        + ", head " + plan.head().substring(0, 12) + ", " + plan.modules().size() + " image modules");
    PlanReport.table(plan).forEach(getLog()::info);
    Path json = reportDir().resolve("plan.json");
    boolean trees;
    try {
      PlanReport.write(plan, json);
      trees = PlanReport.writeInputTrees(plan, reportDir().resolve(PlanReport.INPUTS_FILE));
    } catch (IOException e) {
      throw new MojoExecutionException("cannot write " + json + ": " + e.getMessage()
          + "; check that the directory is writable", e);
    }
    getLog().info("wrote " + json + (trees ? " and " + PlanReport.INPUTS_FILE : ""));
  }
}
