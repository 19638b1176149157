package dev.azbuild.mojo;

import dev.azbuild.api.SettingException;
import dev.azbuild.io.AzbuildException;
import dev.azbuild.migrate.ImportOptions;
import java.util.Optional;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Turns a monorepo build description in the format of Aztec's {@code build_manifest.json} into an
 * azbuild reactor: a {@code pom.xml} and {@code .rebuild_patterns} per project, and the root
 * aggregator {@code pom.xml} declaring this plugin. Runs without a pom. Refuses to overwrite files
 * unless {@code -Dazbuild.force}; writes nothing when any check fails.
 */
@Mojo(name = ImportManifestMojo.GOAL, requiresProject = false, aggregator = true, threadSafe = true)
public class ImportManifestMojo extends AbstractAzbuildMojo {

  static final String GOAL = "import-manifest";

  /** The manifest to import; its directory is the repository root its paths are relative to. */
  @Parameter(property = "azbuild.manifest", defaultValue = "build_manifest.json")
  private String manifest;

  /** Overwrite existing files (poms, pattern files) with the generated ones. */
  @Parameter(property = "azbuild.force", defaultValue = "false")
  private boolean force;

  /** groupId of the generated poms; default: the name of the manifest's directory. */
  @Parameter(property = "azbuild.import.groupId")
  private String groupId;

  /** artifactId of the root aggregator; default: the name of the manifest's directory. */
  @Parameter(property = "azbuild.import.artifactId")
  private String artifactId;

  /** version of the generated poms. */
  @Parameter(property = "azbuild.import.version", defaultValue = ImportOptions.DEFAULT_VERSION)
  private String version;

  /**
   * Where modules go whose project directory is the repository root or shared by several projects.
   */
  @Parameter(property = "azbuild.import.sharedDir", defaultValue = ImportOptions.DEFAULT_SHARED_DIR)
  private String sharedDir;

  /**
   * What {@code dockerfile} and a {@code rebuildPatterns} file are relative to: {@code projectDir}
   * (current manifests), {@code buildDir} (manifests before September 2023) or {@code auto} (the
   * one that exists).
   */
  @Parameter(property = "azbuild.import.relativeTo", defaultValue = "auto")
  private String relativeTo;

  @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
  private PluginDescriptor plugin;

  @Override
  protected void doExecute() throws AzbuildException {
    ImportOptions options;
    try {
      options =
          new ImportOptions(
              blank(groupId),
              blank(artifactId),
              version,
              new ImportOptions.PluginCoordinates(
                  plugin.getGroupId(), plugin.getArtifactId(), plugin.getVersion()),
              sharedDir,
              ImportOptions.RelativeTo.parse(relativeTo));
    } catch (IllegalArgumentException e) {
      throw new SettingException(e.getMessage());
    }
    azbuild().importManifest(options);
  }

  private static Optional<String> blank(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }
}
