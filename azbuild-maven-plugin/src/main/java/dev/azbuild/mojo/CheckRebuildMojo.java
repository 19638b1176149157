package dev.azbuild.mojo;

import dev.azbuild.api.RebuildCheck;
import dev.azbuild.io.AzbuildException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Says whether this module's image must be rebuilt, and why, in one line. Sets the project property
 * {@code azbuild.rebuild} to {@code true} or {@code false} for later plugins of the same build, and
 * with {@code azbuild.skipTestsWhenUnchanged} sets {@code skipTests} for an image module whose
 * image of the same inputs exists (content mode). Bound by default to {@code validate}, so the
 * decision is in the log before anything compiles.
 */
@Mojo(name = CheckRebuildMojo.GOAL, defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public class CheckRebuildMojo extends AbstractPlanMojo {

  static final String GOAL = "check-rebuild";

  /**
   * Skip the tests of an image module that content mode finds unchanged: its image of exactly these
   * inputs (its sources and test sources, poms, dependency coordinates, the reactor libraries it
   * uses) exists, so the build that made it ran the same tests on the same inputs. Sets the project
   * property {@code skipTests} (read by surefire and failsafe); never in diff mode, never for a
   * module whose inputs changed, never for a module without an image.
   */
  @Parameter(property = "azbuild.skipTestsWhenUnchanged", defaultValue = "false")
  private boolean skipTestsWhenUnchanged;

  @Override
  protected void doExecute() throws AzbuildException {
    RebuildCheck check = azbuild().checkRebuild(moduleId());
    check
        .decision()
        .ifPresent(
            d ->
                project
                    .getProperties()
                    .setProperty("azbuild.rebuild", Boolean.toString(d.rebuild())));
    if (check.skipTests()) {
      project.getProperties().setProperty("skipTests", "true");
    }
  }
}
