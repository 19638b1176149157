package dev.azbuild.build;

import dev.azbuild.graph.ImageModule;
import dev.azbuild.registry.LifecyclePolicyFiles;
import dev.azbuild.registry.PolicyStatus;
import dev.azbuild.registry.Registry;
import dev.azbuild.registry.RegistryException;
import dev.azbuild.registry.RepoStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bash scripts' ensure_repo for one module: create if missing, lifecycle policy re-applied only
 * when it changed.
 */
final class RepositorySetup {

  private static final Logger LOG = LoggerFactory.getLogger(RepositorySetup.class);

  private RepositorySetup() {}

  /**
   * No request on OCI registries (repositories appear on push, no policies); on ECR a create and a
   * policy read.
   */
  static void ensure(Registry cache, ImageModule module, Path reactorRoot)
      throws RegistryException {
    RepoStatus repo = cache.ensureRepository(module.image());
    LifecyclePolicyFiles.Policy policy =
        LifecyclePolicyFiles.find(
            List.of(
                module.basedir().resolve(LifecyclePolicyFiles.FILE_NAME),
                reactorRoot.resolve(LifecyclePolicyFiles.FILE_NAME)));
    PolicyStatus applied = cache.applyLifecyclePolicy(module.image(), policy.json());
    if (repo == RepoStatus.CREATED || applied == PolicyStatus.UPDATED) {
      LOG.info(
          "{}: repository {}, lifecycle policy {} ({})",
          module.label(),
          repo.name().toLowerCase(Locale.ROOT),
          applied.name().toLowerCase(Locale.ROOT).replace('_', ' '),
          policy.source());
    }
  }
}
