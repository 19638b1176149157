package dev.azbuild.mojo;

import dev.azbuild.registry.LifecyclePolicyFiles;
import dev.azbuild.registry.PolicyStatus;
import dev.azbuild.registry.Registry;
import dev.azbuild.registry.RegistryException;
import dev.azbuild.registry.RepoStatus;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Logs into a registry, creates the repository if it is missing (ECR; any OCI registry creates on
 * push) and re-applies the lifecycle policy only when it differs from the one in place. With
 * {@code azbuild.repository} it handles that one repository once; otherwise each image module's.
 */
@Mojo(name = EnsureRepoMojo.GOAL, threadSafe = true)
public class EnsureRepoMojo extends AbstractRegistryMojo {

  static final String GOAL = "ensure-repo";

  /** One repository to ensure, instead of each module's image. */
  @Parameter(property = "azbuild.repository")
  private String repository;

  /** The registry; default the cache registry. */
  @Parameter(property = "azbuild.registry")
  private String registry;

  @Override
  protected void doExecute() throws MojoExecutionException, MojoFailureException {
    String name;
    List<Path> policyFiles;
    Path root = rootProject().getBasedir().toPath();
    if (repository != null && !repository.isBlank()) {
      if (!project.isExecutionRoot()) {
        return; // one repository: once per build
      }
      name = repository.strip();
      policyFiles = List.of(root.resolve(LifecyclePolicyFiles.FILE_NAME));
    } else {
      var module = MavenReactor.imageModule(project);
      if (module.isEmpty()) {
        getLog().debug(MavenReactor.id(project) + ": not an image module");
        return;
      }
      name = module.get();
      policyFiles = List.of(project.getBasedir().toPath().resolve(LifecyclePolicyFiles.FILE_NAME),
          root.resolve(LifecyclePolicyFiles.FILE_NAME));
    }
    try (Registry target = registry != null && !registry.isBlank() ? openRegistry(registry) : openCacheRegistry()) {
      LifecyclePolicyFiles.Policy policy = LifecyclePolicyFiles.find(policyFiles);
      RepoStatus repo = target.ensureRepository(name);
      PolicyStatus applied = target.applyLifecyclePolicy(name, policy.json());
      getLog().info(target.describe() + "/" + name + ": " + describe(repo) + ", " + describe(applied, policy.source()));
    } catch (RegistryException e) {
      throw new MojoFailureException(e.getMessage(), e);
    }
  }

  private static String describe(RepoStatus status) {
    return switch (status) {
      case CREATED -> "created";
      case EXISTS -> "exists";
      case IMPLICIT -> "exists (created on first push)";
    };
  }

  private static String describe(PolicyStatus status, String source) {
    return switch (status) {
      case UPDATED -> "policy updated (" + source + ")";
      case UNCHANGED -> "policy unchanged";
      case NOT_SUPPORTED -> "policy not supported by this registry";
    };
  }
}
