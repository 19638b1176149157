package dev.azbuild.mojo;

import dev.azbuild.io.AzbuildException;
import java.io.File;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Runs the committed {@code .github/workflows/azbuild.yml} (or {@code .circleci/config.yml}) on
 * this machine before it is pushed: its jobs in dependency order, a few at once, each in a fresh
 * clone at the commit with the vendor's variables, an empty Maven repository for the reactor's
 * artifacts (plugins and dependencies from a shared read-only one), and none of the build's images
 * on the Docker daemon when it starts. Fails when a job fails; {@code -Dazbuild.ciLocal.jobs=JOB}
 * re-runs a job of the last run (and every job after it) at the same commit.
 */
@Mojo(name = CiLocalMojo.GOAL, aggregator = true, threadSafe = true)
public class CiLocalMojo extends AbstractRegistryMojo {

  static final String GOAL = "ci-local";

  /** Which workflow to run: {@code github} or {@code circleci}. */
  @Parameter(property = "azbuild.ciLocal.target", defaultValue = "github")
  private String target;

  /**
   * Re-run these jobs of the last run (comma-separated), and every job after them; default: run the
   * whole workflow.
   */
  @Parameter(property = "azbuild.ciLocal.jobs")
  private String jobs;

  /** How many jobs run at once. */
  @Parameter(property = "azbuild.ciLocal.concurrency", defaultValue = "2")
  private int concurrency;

  /** The commit to run (as if pushed); default HEAD. Uncommitted changes are not part of a run. */
  @Parameter(property = "azbuild.ciLocal.commit")
  private String commit;

  /** The branch the run is for; default the checked-out branch. */
  @Parameter(property = "azbuild.ciLocal.branch")
  private String branch;

  /**
   * Where jobs, logs, artifacts and the run record go; default {@code
   * target/azbuild/ci-local/<target>} at the reactor root.
   */
  @Parameter(property = "azbuild.ciLocal.workDir")
  private File workDir;

  /** The Maven 3.9+ the jobs' {@code mvn} runs; default the Maven running this goal. */
  @Parameter(property = "azbuild.ciLocal.mavenHome")
  private File mavenHome;

  /**
   * The read-only Maven repository the jobs take plugins and dependencies from; default this
   * build's local repository.
   */
  @Parameter(property = "azbuild.ciLocal.sharedRepository")
  private File sharedRepository;

  /**
   * More arguments for every Maven the jobs run (space-separated, through MAVEN_ARGS), e.g. {@code
   * -Dazbuild.reproducible=true}.
   */
  @Parameter(property = "azbuild.ciLocal.mavenArgs")
  private String mavenArgs;

  /** A job's time limit in minutes when the workflow gives none. */
  @Parameter(property = "azbuild.ciLocal.timeout", defaultValue = "60")
  private int timeout;

  /** CircleCI: the workflow to run when the config has several. */
  @Parameter(property = "azbuild.ciLocal.workflow")
  private String workflow;

  /**
   * Leave the Docker daemon's images alone (by default the build's images are untagged before each
   * job).
   */
  @Parameter(property = "azbuild.ciLocal.keepImages", defaultValue = "false")
  private boolean keepImages;

  @Override
  protected void doExecute() throws AzbuildException {
    azbuild().ciLocal();
  }
}
