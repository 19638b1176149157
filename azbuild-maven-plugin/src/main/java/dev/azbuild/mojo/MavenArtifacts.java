package dev.azbuild.mojo;

import dev.azbuild.hashing.ArtifactResolver;
import java.io.File;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.RepositoryUtils;
import org.apache.maven.model.Dependency;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

/**
 * Resolves a module's SNAPSHOT dependency through Maven's resolver, with the session's settings
 * (offline, local repository, mirrors) and the project's remote repositories, as the module's own
 * build would.
 */
final class MavenArtifacts implements ArtifactResolver {

  private final RepositorySystem system;
  private final RepositorySystemSession session;
  private final Map<String, MavenProject> projects = new HashMap<>();

  MavenArtifacts(
      RepositorySystem system, RepositorySystemSession session, List<MavenProject> projects) {
    this.system = system;
    this.session = session;
    projects.forEach(p -> this.projects.put(MavenReactor.id(p), p));
  }

  @Override
  public Path resolve(String moduleId, String coordinate) throws ArtifactResolutionException {
    MavenProject project = projects.get(moduleId);
    if (project == null) {
      throw new IllegalArgumentException(moduleId + " is not a module of this reactor");
    }
    for (Dependency d : project.getDependencies()) {
      if (MavenReactor.coordinate(d).equals(coordinate)) {
        var artifact =
            RepositoryUtils.toDependency(d, session.getArtifactTypeRegistry()).getArtifact();
        File file =
            system
                .resolveArtifact(
                    session,
                    new ArtifactRequest(artifact, project.getRemoteProjectRepositories(), null))
                .getArtifact()
                .getFile();
        return file == null ? null : file.toPath();
      }
    }
    throw new IllegalArgumentException(moduleId + " has no dependency " + coordinate);
  }
}
