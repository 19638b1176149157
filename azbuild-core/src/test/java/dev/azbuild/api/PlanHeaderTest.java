package dev.azbuild.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.azbuild.graph.ModuleSettingSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The plan's header says which registry, mode and base it uses, and where each setting came from.
 */
class PlanHeaderTest {

  @Test
  void namesRegistryModeAndBaseWithTheirSourcesAndConfiguredSettingsOnly() {
    Settings settings =
        Settings.resolve(
            Map.of(
                Setting.CACHE_REGISTRY, new Settings.Given("127.0.0.1:5000/team", true),
                Setting.MASTER_TAG, new Settings.Given("main", false),
                Setting.BRANCH, new Settings.Given(null, false)),
            Map.of("AZBUILD_MODE", "diff", "AZBUILD_DEFAULT_BRANCH", "trunk"));

    List<String> lines = PlanHeader.lines(settings, List.of());

    assertThat(lines)
        .containsExactly(
            "azbuild plan: azbuild.cacheRegistry=127.0.0.1:5000/team (-D);"
                + " azbuild.mode=diff ($AZBUILD_MODE); azbuild.base= (unset);"
                + " azbuild.defaultBranch=trunk ($AZBUILD_DEFAULT_BRANCH); azbuild.masterTag=main (pom)");
  }

  @Test
  void saysWhereTheModuleSettingsAreDeclaredAndForWhichModules() {
    Settings settings = Settings.defaults(Map.of());
    List<ModuleSettingSource> sources =
        List.of(
            new ModuleSettingSource(
                "azbuild.dockerfile",
                "${maven.multiModuleProjectDirectory}/docker/Dockerfile",
                "pom.xml",
                List.of(
                    "services/a",
                    "services/b",
                    "services/c",
                    "services/d",
                    "services/e",
                    "services/f",
                    "services/g")),
            new ModuleSettingSource(
                "azbuild.image.skip", "true", "libs/greeting/pom.xml", List.of("libs/greeting")));

    List<String> lines = PlanHeader.lines(settings, sources);

    assertThat(lines.get(0))
        .isEqualTo(
            "azbuild plan: azbuild.cacheRegistry= (unset); azbuild.mode=content (default);"
                + " azbuild.base= (unset)");
    assertThat(lines.get(1))
        .isEqualTo(
            "azbuild plan: module settings:"
                + " azbuild.dockerfile=${maven.multiModuleProjectDirectory}/docker/Dockerfile (pom.xml)"
                + " for services/a, services/b, services/c, services/d, services/e and 2 more;"
                + " azbuild.image.skip=true (libs/greeting/pom.xml) for libs/greeting");
  }
}
