package dev.azbuild.mojo;

import dev.azbuild.io.AzbuildException;
import dev.azbuild.registry.LifecyclePolicyFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Logs into a registry, creates the repository if it is missing (ECR; any OCI registry creates on
 * push) and re-applies the lifecycle policy only when it differs from the one in place. With {@code
 * azbuild.repository} it handles that one repository once; otherwise each image module's.
 */
@Mojo(name = EnsureRepoMojo.GOAL, defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class EnsureRepoMojo extends AbstractRegistryMojo {

  static final String GOAL = "ensure-repo";

  /** One repository to ensure, instead of each module's image. */
  @Parameter(property = "azbuild.repository")
  private String repository;

  /** The registry; default the cache registry. */
  @Parameter(property = "azbuild.registry")
  private String registry;

  @Override
  protected void doExecute() throws AzbuildException {
    Path rootPolicy =
        MavenBuildHost.rootProject(session)
            .getBasedir()
            .toPath()
            .resolve(LifecyclePolicyFiles.FILE_NAME);
    if (repository != null && !repository.isBlank()) {
      if (project.isExecutionRoot()) { // one repository: once per build
        azbuild().ensureRepo(repository.strip(), List.of(rootPolicy));
      }
      return;
    }
    Optional<String> image = MavenReactor.imageModule(session, project);
    if (image.isEmpty()) {
      getLog().debug(moduleId() + ": not an image module");
      return;
    }
    azbuild()
        .ensureRepo(
            image.get(),
            List.of(
                project.getBasedir().toPath().resolve(LifecyclePolicyFiles.FILE_NAME), rootPolicy));
  }
}
