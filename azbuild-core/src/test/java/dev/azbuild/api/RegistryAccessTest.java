package dev.azbuild.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.azbuild.graph.ReactorModule;
import dev.azbuild.hashing.ArtifactResolver;
import dev.azbuild.registry.Credentials;
import dev.azbuild.registry.Registry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A registry URL that cannot be one fails naming the setting that holds it; no network. */
class RegistryAccessTest {

  @Test
  void aCacheRegistryThatIsNotAUrlNamesTheSetting() {
    RegistryAccess access = access(Setting.CACHE_REGISTRY, "not a registry");

    assertThatThrownBy(access::openCache)
        .isInstanceOf(SettingException.class)
        .hasMessage(
            "azbuild.cacheRegistry: Registry URL 'not a registry' does not start with a host: 'not"
                + " a registry' is not a host name or IP address with an optional :port; write"
                + " host[:port][/prefix], e.g. 127.0.0.1:5000/team or registry.example.com/team");
  }

  @Test
  void aDeployRegistryWithABadPrefixNamesTheSetting() {
    RegistryAccess access = access(Setting.DEPLOY_REGISTRY, "127.0.0.1:5001/Team");

    assertThatThrownBy(access::openDeploy)
        .isInstanceOf(SettingException.class)
        .hasMessageStartingWith("azbuild.deployRegistry: Invalid repository name 'Team'");
  }

  @Test
  void aGoodUrlOpensWithoutTheNetwork() throws Exception {
    try (Registry registry = access(Setting.CACHE_REGISTRY, "127.0.0.1:5000/team").openCache()) {
      assertThat(registry.describe()).isEqualTo("127.0.0.1:5000/team");
    }
  }

  private static RegistryAccess access(Setting setting, String url) {
    Settings settings = Settings.resolve(Map.of(setting, new Settings.Given(url, true)), Map.of());
    return new RegistryAccess(settings, new NoHost());
  }

  /** What a registry needs of the build tool: no credentials. */
  private static final class NoHost implements BuildHost {
    @Override
    public List<ReactorModule> reactor() {
      return List.of();
    }

    @Override
    public List<String> selectedModules() {
      return List.of();
    }

    @Override
    public ArtifactResolver artifacts() {
      return ArtifactResolver.NONE;
    }

    @Override
    public Map<String, Credentials> credentials() {
      return Map.of();
    }

    @Override
    public Path executionRoot() {
      return Path.of(".");
    }

    @Override
    public Path reactorRoot() {
      return Path.of(".");
    }

    @Override
    public Path reportDir() {
      return Path.of("target");
    }

    @Override
    public String rootArtifactId() {
      return "root";
    }

    @Override
    public Path toolHome() {
      return Path.of(".");
    }

    @Override
    public Path localRepository() {
      return Path.of(".");
    }

    @Override
    public boolean offline() {
      return true;
    }

    @Override
    public Optional<String> scmUrl(String moduleId) {
      return Optional.empty();
    }
  }
}
