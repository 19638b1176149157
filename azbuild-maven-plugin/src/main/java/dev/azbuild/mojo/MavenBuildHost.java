package dev.azbuild.mojo;

import dev.azbuild.api.BuildHost;
import dev.azbuild.graph.ReactorModule;
import dev.azbuild.hashing.ArtifactResolver;
import dev.azbuild.registry.Credentials;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;
import org.eclipse.aether.RepositorySystem;

/** What azbuild-core needs of the Maven session: the reactor, its directories, settings servers. */
final class MavenBuildHost implements BuildHost {

  private final MavenSession session;
  private final RepositorySystem repositorySystem;
  private final SettingsDecrypter settingsDecrypter;

  MavenBuildHost(MavenSession session, RepositorySystem repositorySystem, SettingsDecrypter settingsDecrypter) {
    this.session = session;
    this.repositorySystem = repositorySystem;
    this.settingsDecrypter = settingsDecrypter;
  }

  @Override
  public List<ReactorModule> reactor() {
    return MavenReactor.modules(session);
  }

  /** The session's projects, without those that skip azbuild ({@code azbuild.skip} project property). */
  @Override
  public List<String> selectedModules() {
    return session.getProjects().stream()
        .filter(p -> !Boolean.parseBoolean(p.getProperties().getProperty("azbuild.skip")))
        .map(MavenReactor::id)
        .toList();
  }

  @Override
  public ArtifactResolver artifacts() {
    return new MavenArtifacts(repositorySystem, session.getRepositorySession(), MavenReactor.projects(session));
  }

  /** Maven settings servers, decrypted, by id (= registry host). */
  @Override
  public Map<String, Credentials> credentials() {
    Map<String, Credentials> result = new HashMap<>();
    if (session.getSettings() == null) {
      return result;
    }
    for (Server server : session.getSettings().getServers()) {
      Server decrypted = server;
      if (settingsDecrypter != null) {
        SettingsDecryptionResult r = settingsDecrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        if (r.getServer() != null) {
          decrypted = r.getServer();
        }
      }
      if (decrypted.getUsername() != null && decrypted.getPassword() != null) {
        result.put(decrypted.getId(), new Credentials(decrypted.getUsername(), decrypted.getPassword()));
      }
    }
    return result;
  }

  @Override
  public Path executionRoot() {
    return Path.of(session.getExecutionRootDirectory());
  }

  @Override
  public Path reactorRoot() {
    return session.getTopLevelProject() != null ? session.getTopLevelProject().getBasedir().toPath() : executionRoot();
  }

  @Override
  public Path reportDir() {
    return session.getTopLevelProject() != null
        ? Path.of(session.getTopLevelProject().getBuild().getDirectory(), "azbuild")
        : executionRoot().resolve("target").resolve("azbuild");
  }

  /** The project at the directory Maven runs in, so {@code -pl} does not change it. */
  @Override
  public String rootArtifactId() {
    Path root = executionRoot().toAbsolutePath().normalize();
    for (MavenProject p : MavenReactor.projects(session)) {
      if (p.getBasedir() != null && p.getBasedir().toPath().toAbsolutePath().normalize().equals(root)) {
        return p.getArtifactId();
      }
    }
    MavenProject top = session.getTopLevelProject() != null ? session.getTopLevelProject() : session.getCurrentProject();
    return top != null ? top.getArtifactId() : "";
  }

  @Override
  public Optional<String> scmUrl(String moduleId) {
    return MavenReactor.projects(session).stream()
        .filter(p -> MavenReactor.id(p).equals(moduleId))
        .findFirst()
        .flatMap(p -> Optional.ofNullable(p.getScm()).map(scm -> scm.getUrl()))
        .filter(url -> !url.isBlank());
  }
}
