package dev.azbuild.mojo;

import dev.azbuild.api.BuildSession;
import org.apache.maven.execution.MavenSession;
import org.eclipse.aether.SessionData;

/**
 * The one {@link BuildSession} of a Maven build, kept in the resolver session's data, which every
 * project's session shares (also the copies {@code -T} makes). {@link SessionData#set(Object,
 * Object, Object)} is a compare-and-set, so two first executions agree on one.
 */
final class MavenBuildSessions {

  /** The key: this class as the plugin's realm loaded it, so another plugin version has its own. */
  private static final Object KEY = BuildSession.class;

  private MavenBuildSessions() {}

  static BuildSession of(MavenSession session) {
    SessionData data = session.getRepositorySession().getData();
    Object existing = data.get(KEY);
    if (existing == null) {
      BuildSession created = new BuildSession();
      if (data.set(KEY, null, created)) {
        return created;
      }
      existing = data.get(KEY);
    }
    return (BuildSession) existing;
  }
}
