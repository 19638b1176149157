package dev.azbuild.mojo;

import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/** Base of every goal: the global skip flag, then {@link #doExecute()}. */
public abstract class AbstractAzbuildMojo extends AbstractMojo {

  /** Skips every azbuild goal. */
  @Parameter(property = "azbuild.skip", defaultValue = "false")
  protected boolean skip;

  @Parameter(defaultValue = "${session}", readonly = true, required = true)
  protected MavenSession session;

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  protected MavenProject project;

  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("azbuild: skipped (azbuild.skip=true)");
      return;
    }
    doExecute();
  }

  protected abstract void doExecute() throws MojoExecutionException, MojoFailureException;

  /**
   * The reactor's root project: the one Maven was started in, also when {@code -pl} selects other
   * projects ({@code session.getTopLevelProject()} is then the first selected one, e.g. a CI job's
   * {@code -pl services/api}, and reports written below it would not be found at the root).
   */
  protected final MavenProject rootProject() {
    java.util.List<MavenProject> all = session.getAllProjects() != null ? session.getAllProjects() : session.getProjects();
    if (all != null) {
      for (MavenProject p : all) {
        if (p.isExecutionRoot()) {
          return p;
        }
      }
      java.nio.file.Path executionRoot = java.nio.file.Path.of(session.getExecutionRootDirectory()).toAbsolutePath().normalize();
      for (MavenProject p : all) {
        if (p.getBasedir() != null && p.getBasedir().toPath().toAbsolutePath().normalize().equals(executionRoot)) {
          return p;
        }
      }
    }
    return session.getTopLevelProject();
  }
}
