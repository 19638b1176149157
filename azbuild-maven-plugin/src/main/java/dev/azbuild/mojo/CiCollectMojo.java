package dev.azbuild.mojo;

import dev.azbuild.io.AzbuildException;
import java.io.File;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The gate job of the workflows {@code ci-config} generates: merges the {@code build.json} of every
 * build job (found below {@code azbuild.ciCollect.reports}, where the job downloaded or attached
 * them) into {@code target/azbuild/build.json}, writes the graph of what the jobs did ({@code
 * target/azbuild/graph.*}), and fails unless every image module was built or re-tagged at this
 * commit, so the deploy jobs after it never start on a partial build.
 */
@Mojo(name = CiCollectMojo.GOAL, aggregator = true, threadSafe = true)
public class CiCollectMojo extends AbstractPlanMojo {

  static final String GOAL = "ci-collect";

  /**
   * Where the build jobs' reports are: every {@code build.json} below it counts. Default {@code
   * target/azbuild/jobs}.
   */
  @Parameter(property = "azbuild.ciCollect.reports")
  private File reports;

  @Override
  protected void doExecute() throws AzbuildException {
    azbuild().ciCollect();
  }
}
