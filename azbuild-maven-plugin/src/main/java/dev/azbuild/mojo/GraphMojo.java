package dev.azbuild.mojo;

import dev.azbuild.io.AzbuildException;
import java.io.File;
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

  /** Skips this goal. */
  @Parameter(property = "azbuild.graph.skip", defaultValue = "false")
  private boolean skipGraph;

  /** Comma list of {@code mermaid}, {@code dot}, {@code json}, {@code html}, or {@code all}. */
  @Parameter(property = "azbuild.graph.format", defaultValue = "all")
  private String format;

  /** Where the files go; default {@code target/azbuild} at the reactor root. */
  @Parameter(property = "azbuild.graph.outputDirectory")
  private File outputDirectory;

  @Override
  protected void doExecute() throws AzbuildException {
    azbuild().graph();
  }
}
