package dev.azbuild.mojo;

import dev.azbuild.io.AzbuildException;
import java.io.File;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Prints {@code true} if the tag exists in the registry, else {@code false}; never pulls. */
@Mojo(name = ImageExistsMojo.GOAL, aggregator = true, requiresProject = false, threadSafe = true)
public class ImageExistsMojo extends AbstractRegistryMojo {

  static final String GOAL = "image-exists";

  /** The repository (relative to the registry's prefix), e.g. {@code api}. */
  @Parameter(property = "azbuild.repository", required = true)
  private String repository;

  /** The tag. */
  @Parameter(property = "azbuild.tag", required = true)
  private String tag;

  /** The registry; default the cache registry. */
  @Parameter(property = "azbuild.registry")
  private String registry;

  /** Also write {@code true}/{@code false} to this file. */
  @Parameter(property = "azbuild.output")
  private File output;

  @Override
  protected void doExecute() throws AzbuildException {
    azbuild().imageExists();
  }
}
