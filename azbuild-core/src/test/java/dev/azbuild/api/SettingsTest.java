package dev.azbuild.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SettingsTest {

  private static final Map<String, String> ENV =
      Map.of("AZBUILD_MODE", "diff", "AZBUILD_CACHE_REGISTRY", " 127.0.0.1:5000/env ");

  @Test
  void theCommandLineWinsOverThePomTheEnvironmentAndTheDefault() {
    Settings s = Settings.resolve(Map.of(Setting.MODE, new Settings.Given("content", true)), ENV);
    assertThat(s.string(Setting.MODE)).isEqualTo("content");
    assertThat(s.source(Setting.MODE)).isEqualTo(Settings.Source.COMMAND_LINE);
  }

  @Test
  void aPomValueWinsOverTheEnvironment() {
    Settings s =
        Settings.resolve(
            Map.of(Setting.CACHE_REGISTRY, new Settings.Given("reg:5000/pom", false)), ENV);
    assertThat(s.string(Setting.CACHE_REGISTRY)).isEqualTo("reg:5000/pom");
    assertThat(s.source(Setting.CACHE_REGISTRY)).isEqualTo(Settings.Source.POM);
  }

  @Test
  void theEnvironmentStandsInForAMissingOrDefaultValueAndIsStripped() {
    // Maven injects a parameter's default when nothing is configured: that is no configuration
    Settings s =
        Settings.resolve(
            Map.of(
                Setting.MODE,
                new Settings.Given("content", false),
                Setting.CACHE_REGISTRY,
                new Settings.Given(null, false)),
            ENV);
    assertThat(s.string(Setting.MODE)).isEqualTo("diff");
    assertThat(s.source(Setting.MODE)).isEqualTo(Settings.Source.ENVIRONMENT);
    assertThat(s.string(Setting.CACHE_REGISTRY)).isEqualTo("127.0.0.1:5000/env");
    assertThat(s.describe(Setting.CACHE_REGISTRY))
        .isEqualTo("azbuild.cacheRegistry=127.0.0.1:5000/env ($AZBUILD_CACHE_REGISTRY)");
  }

  @Test
  void defaultsAndUnsetValues() {
    Settings s = Settings.defaults(Map.of());
    assertThat(s.string(Setting.MODE)).isEqualTo("content");
    assertThat(s.source(Setting.MODE)).isEqualTo(Settings.Source.DEFAULT);
    assertThat(s.describe(Setting.MODE)).isEqualTo("azbuild.mode=content (default)");
    assertThat(s.optional(Setting.BASE)).isEmpty();
    assertThat(s.source(Setting.BASE)).isEqualTo(Settings.Source.UNSET);
    assertThatThrownBy(() -> s.string(Setting.BASE)).hasMessageContaining("azbuild.base");
  }

  @Test
  void badBooleansAndNumbersAreOneLineErrorsNamingTheProperty() {
    Settings s =
        Settings.resolve(
            Map.of(
                Setting.FETCH,
                new Settings.Given("yes", true),
                Setting.RETRIES,
                new Settings.Given("lots", true)),
            Map.of());
    assertThatThrownBy(() -> s.bool(Setting.FETCH))
        .isInstanceOf(SettingException.class)
        .hasMessage("azbuild.fetch=yes is not true or false; use -Dazbuild.fetch=true");
    assertThatThrownBy(() -> s.integer(Setting.RETRIES, 1))
        .isInstanceOf(SettingException.class)
        .hasMessage(
            "azbuild.retries=lots is not a whole number of at least 1; use e.g. -Dazbuild.retries=3");
    Settings zero = s.with(Setting.RETRIES, "0");
    assertThatThrownBy(() -> zero.integer(Setting.RETRIES, 1))
        .hasMessageStartingWith("azbuild.retries=0 is not");
  }

  @Test
  void everyPropertyIsDeclaredOnceAndFoundByName() {
    Set<String> properties =
        Arrays.stream(Setting.values()).map(Setting::property).collect(Collectors.toSet());
    assertThat(properties).hasSize(Setting.values().length);
    assertThat(properties).allMatch(p -> p.startsWith("azbuild."));
    for (Setting setting : Setting.values()) {
      assertThat(Setting.byProperty(setting.property())).contains(setting);
      assertThat(setting.description()).isNotBlank().endsWith(".");
    }
  }
}
