package dev.azbuild.mojo;

import dev.azbuild.plan.ModuleDecision;
import dev.azbuild.plan.Plan;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Says whether this module's image must be rebuilt, and why, in one line. Sets the project property
 * {@code azbuild.rebuild} to {@code true} or {@code false} for later plugins of the same build.
 */
@Mojo(name = CheckRebuildMojo.GOAL, threadSafe = true)
public class CheckRebuildMojo extends AbstractPlanMojo {

  static final String GOAL = "check-rebuild";

  @Override
  protected void doExecute() throws MojoExecutionException, MojoFailureException {
    String id = MavenReactor.id(project);
    Plan plan = plan();
    Optional<ModuleDecision> decision = plan.decision(id);
    if (decision.isEmpty()) {
      getLog().info(id + ": skipped (no Dockerfile: not an image module)");
      return;
    }
    getLog().info(decision.get().logLine());
    project.getProperties().setProperty("azbuild.rebuild", Boolean.toString(decision.get().rebuild()));
  }
}
