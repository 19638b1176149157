package dev.azbuild.mojo;

import dev.azbuild.ci.local.DaemonImages;
import dev.azbuild.ci.local.ImageSweep;
import dev.azbuild.ci.local.RunReport;
import dev.azbuild.ci.local.RunSettings;
import dev.azbuild.ci.local.Vendor;
import dev.azbuild.ci.local.WorkflowException;
import dev.azbuild.ci.local.WorkflowRun;
import dev.azbuild.docker.DockerDaemon;
import dev.azbuild.docker.ImageTags;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Runs the committed {@code .github/workflows/azbuild.yml} (or {@code .circleci/config.yml}) on this
 * machine before it is pushed: its jobs in dependency order, a few at once, each in a fresh clone at
 * the commit with the vendor's variables, an empty Maven repository for the reactor's artifacts
 * (plugins and dependencies from a shared read-only one), and none of the build's images on the
 * Docker daemon when it starts. Fails when a job fails; {@code -Dazbuild.ciLocal.jobs=JOB} re-runs a
 * job of the last run (and every job after it) at the same commit.
 */
@Mojo(name = CiLocalMojo.GOAL, aggregator = true, threadSafe = true)
public class CiLocalMojo extends AbstractRegistryMojo {

  static final String GOAL = "ci-local";

  /** Which workflow to run: {@code github} or {@code circleci}. */
  @Parameter(property = "azbuild.ciLocal.target", defaultValue = "github")
  private String target;

  /** Re-run these jobs of the last run (comma-separated), and every job after them; default: run the whole workflow. */
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

  /** Where jobs, logs, artifacts and the run record go; default {@code target/azbuild/ci-local/<target>} at the reactor root. */
  @Parameter(property = "azbuild.ciLocal.workDir")
  private File workDir;

  /** The Maven 3.9+ the jobs' {@code mvn} runs; default the Maven running this goal. */
  @Parameter(property = "azbuild.ciLocal.mavenHome")
  private File mavenHome;

  /** The read-only Maven repository the jobs take plugins and dependencies from; default this build's local repository. */
  @Parameter(property = "azbuild.ciLocal.sharedRepository")
  private File sharedRepository;

  /** More arguments for every Maven the jobs run (space-separated, through MAVEN_ARGS), e.g. {@code -Dazbuild.reproducible=true}. */
  @Parameter(property = "azbuild.ciLocal.mavenArgs")
  private String mavenArgs;

  /** A job's time limit in minutes when the workflow gives none. */
  @Parameter(property = "azbuild.ciLocal.timeout", defaultValue = "60")
  private int timeout;

  /** CircleCI: the workflow to run when the config has several. */
  @Parameter(property = "azbuild.ciLocal.workflow")
  private String workflow;

  /** Leave the Docker daemon's images alone (by default the build's images are untagged before each job). */
  @Parameter(property = "azbuild.ciLocal.keepImages", defaultValue = "false")
  private boolean keepImages;

  @Override
  protected void doExecute() throws MojoExecutionException, MojoFailureException {
    Path root = rootProject().getBasedir().toPath();
    RunReport report;
    try (DockerDaemon daemon = keepImages ? null : DockerDaemon.fromEnvironment(System.getenv())) {
      Vendor vendor = Vendor.parse(target, "azbuild.ciLocal.target");
      Path work = workDir != null ? workDir.toPath() : root.resolve("target").resolve("azbuild").resolve("ci-local").resolve(vendor.id());
      Map<String, String> extraEnv = new LinkedHashMap<>();
      cacheRegistryUrl().ifPresent(url -> extraEnv.put("AZBUILD_CACHE_REGISTRY", url));
      deployRegistryUrl().ifPresent(url -> extraEnv.put("AZBUILD_DEPLOY_REGISTRY", url));
      firstNonBlank(awsEndpoint, System.getenv("AZBUILD_AWS_ENDPOINT")).ifPresent(e -> extraEnv.put("AZBUILD_AWS_ENDPOINT", e));
      List<String> prefixes = new ArrayList<>();
      cacheRegistryUrl().ifPresent(prefixes::add);
      deployRegistryUrl().ifPresent(prefixes::add);
      ImageSweep sweep = daemon == null ? null : new ImageSweep(images(daemon), prefixes);
      RunSettings settings = new RunSettings(root, commit, branch, work.toAbsolutePath(), concurrency, names(jobs),
          (mavenHome != null ? mavenHome.toPath() : Path.of(System.getProperty("maven.home", "/usr/share/maven"))).toAbsolutePath(),
          (sharedRepository != null ? sharedRepository.toPath()
              : session.getRepositorySession().getLocalRepository().getBasedir().toPath()).toAbsolutePath(),
          mavenArgs == null || mavenArgs.isBlank() ? List.of() : Arrays.asList(mavenArgs.strip().split("\\s+")),
          session.isOffline(), Path.of(System.getProperty("java.home")), System.getenv(), extraEnv, timeout, workflow);
      report = new WorkflowRun(settings, vendor, sweep).run();
    } catch (WorkflowException e) {
      throw new MojoFailureException(e.getMessage(), e);
    } catch (IOException e) {
      throw new MojoExecutionException("ci-local could not run the workflow: " + e.getMessage(), e);
    }
    if (!report.passed()) {
      List<String> failed = report.failed();
      throw new MojoFailureException("ci-local: " + failed.size() + (failed.size() == 1 ? " job" : " jobs") + " failed ("
          + String.join(", ", failed) + "); see the logs above; once fixed, re-run with -Dazbuild.ciLocal.jobs="
          + String.join(",", report.rerun()) + " (it re-runs every job after " + (report.rerun().size() == 1 ? "it" : "them")
          + " too)");
    }
  }

  private static DaemonImages images(DockerDaemon daemon) {
    ImageTags tags = new ImageTags(daemon);
    return new DaemonImages() {
      @Override
      public List<String> references() throws Exception {
        return tags.references();
      }

      @Override
      public void untag(String reference) throws Exception {
        tags.remove(reference);
      }
    };
  }

  private static Set<String> names(String list) {
    Set<String> names = new LinkedHashSet<>();
    if (list != null) {
      for (String n : list.split("[,\\s]+")) {
        if (!n.isBlank()) {
          names.add(n.strip());
        }
      }
    }
    return names;
  }
}
