package dev.azbuild.mojo;

import dev.azbuild.io.AzbuildException;
import dev.azbuild.plan.ModuleDecision;
import java.util.Optional;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Says whether this module's image must be rebuilt, and why, in one line. Sets the project property
 * {@code azbuild.rebuild} to {@code true} or {@code false} for later plugins of the same build.
 */
@Mojo(name = CheckRebuildMojo.GOAL, threadSafe = true)
public class CheckRebuildMojo extends AbstractPlanMojo {

  static final String GOAL = "check-rebuild";

  @Override
  protected void doExecute() throws AzbuildException {
    Optional<ModuleDecision> decision = azbuild().checkRebuild(moduleId());
    decision.ifPresent(
        d -> project.getProperties().setProperty("azbuild.rebuild", Boolean.toString(d.rebuild())));
  }
}
