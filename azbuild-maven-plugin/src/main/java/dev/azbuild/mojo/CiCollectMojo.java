package dev.azbuild.mojo;

import dev.azbuild.ci.CiOptions;
import dev.azbuild.graph.ImageModule;
import dev.azbuild.graph.Plan;
import dev.azbuild.pipeline.BuildReport;
import dev.azbuild.pipeline.CollectedBuild;
import dev.azbuild.pipeline.ModuleReport;
import dev.azbuild.render.GraphFormat;
import dev.azbuild.render.GraphModel;
import dev.azbuild.render.GraphOutputException;
import dev.azbuild.render.GraphWriter;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The gate job of the workflows {@code ci-config} generates: merges the {@code build.json} of every
 * build job (found below {@code azbuild.ciCollect.reports}, where the job downloaded or attached them)
 * into {@code target/azbuild/build.json}, writes the graph of what the jobs did
 * ({@code target/azbuild/graph.*}), and fails unless every image module was built or re-tagged at
 * this commit, so the deploy jobs after it never start on a partial build.
 */
@Mojo(name = CiCollectMojo.GOAL, aggregator = true, threadSafe = true)
public class CiCollectMojo extends AbstractPlanMojo {

  static final String GOAL = "ci-collect";

  /** Where the build jobs' reports are: every {@code build.json} below it counts. Default {@code target/azbuild/jobs}. */
  @Parameter(property = "azbuild.ciCollect.reports")
  private File reports;

  @Override
  protected void doExecute() throws MojoExecutionException, MojoFailureException {
    Path dir = reports != null ? reports.toPath() : reactorRoot().resolve(CiOptions.REPORTS_DIR);
    Planned planned = planned();
    Plan plan = planned.plan();
    List<Path> files = reportFiles(dir);
    Map<String, ModuleReport> byId;
    try {
      byId = BuildReport.read(files, plan.head());
    } catch (IOException e) {
      throw new MojoFailureException(e.getMessage() + "; the build jobs' reports must be their target/azbuild/build.json", e);
    }
    CollectedBuild collected = CollectedBuild.of(plan, byId);
    getLog().info("azbuild ci-collect: " + files.size() + " build reports in " + dir + ", " + collected.reports().size()
        + " of " + plan.modules().size() + " image modules reported");
    Path merged = reportDir().resolve("build.json");
    try {
      new BuildReport(merged, plan.head(), planned.graph().modules().stream().map(ImageModule::id).toList())
          .recordAll(collected.reports());
      getLog().info("wrote " + merged);
      for (Path file : GraphWriter.write(GraphModel.of(collected.plan(), collected.notBuilt()),
          EnumSet.allOf(GraphFormat.class), reportDir(), "azbuild.ciCollect")) {
        getLog().info("wrote " + file);
      }
    } catch (IOException e) {
      throw new MojoExecutionException("cannot write " + merged + ": " + e.getMessage(), e);
    } catch (GraphOutputException e) {
      throw new MojoExecutionException(e.getMessage(), e);
    }
    collected.reports().forEach(r -> getLog().info(label(planned, r.id()) + ": " + r.action()
        + (r.error() != null ? " (" + r.error().lines().findFirst().orElse("") + ")" : "")));
    if (!collected.complete()) {
      throw new MojoFailureException(collected.problem());
    }
    getLog().info("azbuild ci-collect: every image module was built or re-tagged at " + plan.head());
  }

  private static String label(Planned planned, String id) {
    return planned.graph().module(id).map(ImageModule::label).orElse(id);
  }

  /** Every build.json below dir, in path order; none when dir does not exist (no job reported). */
  private static List<Path> reportFiles(Path dir) throws MojoExecutionException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> p.getFileName().toString().equals("build.json") && Files.isRegularFile(p)).sorted().toList();
    } catch (IOException e) {
      throw new MojoExecutionException("cannot read " + dir + ": " + e.getMessage(), e);
    }
  }
}
