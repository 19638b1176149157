package dev.azbuild.mojo;

import dev.azbuild.plan.Plan;
import dev.azbuild.build.BuildReport;
import dev.azbuild.render.GraphFormat;
import dev.azbuild.render.GraphModel;
import dev.azbuild.render.GraphOutputException;
import dev.azbuild.render.GraphWriter;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Writes the module graph with every module's decision and reasons as Mermaid ({@code graph.mmd}),
 * Graphviz DOT ({@code graph.dot}), JSON ({@code graph.json}) and a self-contained HTML page
 * ({@code graph.html}), under {@code target/azbuild/} at the reactor root. Modules whose last build
 * of this commit failed ({@code build.json}) are shown as failed.
 */
@Mojo(name = GraphMojo.GOAL, aggregator = true, threadSafe = true)
public class GraphMojo extends AbstractPlanMojo {

  static final String GOAL = "graph";
  static final String FORMAT = "azbuild.graph.format";
  static final String OUTPUT_DIRECTORY = "azbuild.graph.outputDirectory";

  /** Skips this goal. */
  @Parameter(property = "azbuild.graph.skip", defaultValue = "false")
  private boolean skipGraph;

  /** Comma list of {@code mermaid}, {@code dot}, {@code json}, {@code html}, or {@code all}. */
  @Parameter(property = FORMAT, defaultValue = "all")
  private String format;

  /** Where the files go; default {@code target/azbuild} at the reactor root. */
  @Parameter(property = OUTPUT_DIRECTORY)
  private File outputDirectory;

  @Override
  protected void doExecute() throws MojoExecutionException, MojoFailureException {
    if (skipGraph) {
      getLog().info("azbuild graph: skipped (azbuild.graph.skip=true)");
      return;
    }
    Set<GraphFormat> formats;
    try {
      formats = GraphFormat.parseList(format, FORMAT);
    } catch (IllegalArgumentException e) {
      throw new MojoFailureException(e.getMessage());
    }
    Plan plan = plan();
    GraphModel model = GraphModel.of(plan, lastBuildFailures(plan));
    Path dir = outputDirectory != null ? outputDirectory.toPath() : reportDir();
    List<Path> written;
    try {
      written = GraphWriter.write(model, formats, dir, OUTPUT_DIRECTORY);
    } catch (GraphOutputException e) {
      throw new MojoFailureException(e.getMessage(), e);
    }
    written.forEach(file -> getLog().info("wrote " + file));
    getLog().info("azbuild graph: " + model.summary());
  }

  /** Failures recorded by the build goal for this commit; an unreadable build.json is only a warning. */
  private Map<String, String> lastBuildFailures(Plan plan) {
    Path buildJson = reportDir().resolve("build.json");
    try {
      return BuildReport.failures(buildJson, plan.head());
    } catch (IOException e) {
      getLog().warn("ignoring " + buildJson + " (" + e.getMessage().lines().findFirst().orElse("") + ");"
          + " the graph shows the plan's decisions only");
      return Map.of();
    }
  }
}
