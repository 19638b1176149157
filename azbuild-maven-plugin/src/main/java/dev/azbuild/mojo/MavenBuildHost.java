package dev.azbuild.mojo;

import dev.azbuild.api.BuildHost;
import dev.azbuild.graph.ModuleSettingSource;
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

  MavenBuildHost(
      MavenSession session,
      RepositorySystem repositorySystem,
      SettingsDecrypter settingsDecrypter) {
    this.session = session;
    this.repositorySystem = repositorySystem;
    this.settingsDecrypter = settingsDecrypter;
  }

  @Override
  public List<ReactorModule> reactor() {
    return MavenReactor.modules(session);
  }

  /**
   * The session's projects, without those that skip azbuild ({@code azbuild.skip} project
   * property).
   */
  @Override
  public List<String> selectedModules() {
    return session.getProjects().stream()
        .filter(p -> !Boolean.parseBoolean(p.getProperties().getProperty("azbuild.skip")))
        .map(MavenReactor::id)
        .toList();
  }

  @Override
  public List<ModuleSettingSource> moduleSettingSources() {
    return MavenReactor.settingSources(session);
  }

  @Override
  public Optional<String> noImageReason(String moduleId) {
    return MavenReactor.noImageReason(session, moduleId);
  }

  @Override
  public ArtifactResolver artifacts() {
    return new MavenArtifacts(
        repositorySystem, session.getRepositorySession(), MavenReactor.projects(session));
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
        SettingsDecryptionResult r =
            settingsDecrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        if (r.getServer() != null) {
          decrypted = r.getServer();
        }
      }
      if (decrypted.getUsername() != null && decrypted.getPassword() != null) {
        result.put(
            decrypted.getId(), new Credentials(decrypted.getUsername(), decrypted.getPassword()));
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
    MavenProject root = rootProject(session);
    return root != null ? root.getBasedir().toPath() : executionRoot();
  }

  @Override
  public Path reportDir() {
    MavenProject root = rootProject(session);
    return root != null
        ? Path.of(root.getBuild().getDirectory(), "azbuild")
        : executionRoot().resolve("target").resolve("azbuild");
  }

  /**
   * The reactor's root project: the one Maven was started in, also when {@code -pl} selects other
   * projects ({@code session.getTopLevelProject()} is then the first selected one, e.g. a CI job's
   * {@code -pl services/api}, and reports written below it would not be found at the root).
   */
  static MavenProject rootProject(MavenSession session) {
    List<MavenProject> all = MavenReactor.projects(session);
    if (all != null) {
      for (MavenProject p : all) {
        if (p.isExecutionRoot()) {
          return p;
        }
      }
      Path executionRoot =
          Path.of(session.getExecutionRootDirectory()).toAbsolutePath().normalize();
      for (MavenProject p : all) {
        if (p.getBasedir() != null
            && p.getBasedir().toPath().toAbsolutePath().normalize().equals(executionRoot)) {
          return p;
        }
      }
    }
    return session.getTopLevelProject();
  }

  @Override
  public Path toolHome() {
    return Path.of(System.getProperty("maven.home", "/usr/share/maven"));
  }

  @Override
  public Path localRepository() {
    return session.getRepositorySession().getLocalRepository().getBasedir().toPath();
  }

  @Override
  public boolean offline() {
    return session.isOffline();
  }

  /** The project at the directory Maven runs in, so {@code -pl} does not change it. */
  @Override
  public String rootArtifactId() {
    // every execution asks (the namespace): rootProject finds it by Maven's flag, not by comparing
    // 1,000 normalized paths
    MavenProject root = rootProject(session);
    MavenProject top = root != null ? root : session.getCurrentProject();
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
