package dev.azbuild.mojo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.azbuild.api.Setting;
import dev.azbuild.api.Settings;
import java.io.Reader;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.maven.execution.DefaultMavenExecutionRequest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.Parameter;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugin.descriptor.PluginDescriptorBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every goal parameter is one of core's {@link Setting}s with the same default, every setting is
 * some goal's parameter, and a goal's parameters become core's settings: the command line, then the
 * pom, then the environment, then the default. Reads the plugin descriptor the build generated.
 */
class SettingsMappingTest {

  private static PluginDescriptor plugin;

  @BeforeAll
  static void readDescriptor() throws Exception {
    Path descriptor = Path.of("target", "classes", "META-INF", "maven", "plugin.xml");
    try (Reader reader = Files.newBufferedReader(descriptor)) {
      plugin = new PluginDescriptorBuilder().build(reader);
    }
  }

  @Test
  void everyParameterIsASettingWithItsDefault() {
    List<String> problems = new ArrayList<>();
    for (MojoDescriptor mojo : plugin.getMojos()) {
      for (Parameter parameter : mojo.getParameters()) {
        var property = AbstractAzbuildMojo.propertyOf(parameter);
        if (property.isEmpty() || !property.get().startsWith("azbuild.")) {
          continue;
        }
        var setting = Setting.byProperty(property.get());
        if (setting.isEmpty()) {
          problems.add(mojo.getGoal() + ": " + property.get() + " is not a Setting");
        } else if (parameter.getDefaultValue() != null
            && !setting.get().defaultValue().orElse("").equals(parameter.getDefaultValue())) {
          problems.add(
              mojo.getGoal()
                  + ": "
                  + property.get()
                  + " defaults to "
                  + parameter.getDefaultValue()
                  + ", the Setting to "
                  + setting.get().defaultValue().orElse("nothing"));
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void everyGoalSettingIsSomeGoalsParameter() {
    Set<Setting> declared = EnumSet.noneOf(Setting.class);
    for (MojoDescriptor mojo : plugin.getMojos()) {
      for (Parameter parameter : mojo.getParameters()) {
        AbstractAzbuildMojo.propertyOf(parameter)
            .flatMap(Setting::byProperty)
            .ifPresent(declared::add);
      }
    }
    Set<Setting> goalSettings = EnumSet.noneOf(Setting.class);
    for (Setting s : Setting.values()) {
      if (s.scope() == Setting.Scope.GOAL) {
        goalSettings.add(s);
      }
    }
    assertThat(declared).containsAll(goalSettings);
  }

  @Test
  void everyParameterHasAFieldTheMojoReads() throws Exception {
    for (MojoDescriptor mojo : plugin.getMojos()) {
      Class<?> type = Class.forName(mojo.getImplementation());
      for (Parameter parameter : mojo.getParameters()) {
        assertThat(field(type, parameter.getName()))
            .as(mojo.getGoal() + " " + parameter.getName())
            .isNotNull();
      }
    }
  }

  @Test
  void aGoalsParametersBecomeSettingsFromTheCommandLinePomEnvironmentOrDefault() throws Exception {
    BuildMojo mojo = new BuildMojo();
    Properties userProperties = new Properties();
    userProperties.setProperty("azbuild.pull", "never");
    DefaultMavenExecutionRequest request = new DefaultMavenExecutionRequest();
    request.setUserProperties(userProperties);
    @SuppressWarnings("deprecation")
    MavenSession session = new MavenSession(null, null, request, null);
    set(mojo, "session", session);
    set(mojo, "mojoExecution", new MojoExecution(plugin.getMojo("build")));
    set(mojo, "pull", "never"); // -D
    set(mojo, "cacheRegistry", "127.0.0.1:5000/pom"); // pom
    set(mojo, "mode", null); // environment
    set(mojo, "retries", 3); // Maven's default: counts as none
    mojo.environment = Map.of("AZBUILD_MODE", "diff", "AZBUILD_CACHE_REGISTRY", "ignored:5000");

    Settings settings = mojo.settings();

    assertThat(settings.string(Setting.PULL)).isEqualTo("never");
    assertThat(settings.source(Setting.PULL)).isEqualTo(Settings.Source.COMMAND_LINE);
    assertThat(settings.string(Setting.CACHE_REGISTRY)).isEqualTo("127.0.0.1:5000/pom");
    assertThat(settings.source(Setting.CACHE_REGISTRY)).isEqualTo(Settings.Source.POM);
    assertThat(settings.string(Setting.MODE)).isEqualTo("diff");
    assertThat(settings.source(Setting.MODE)).isEqualTo(Settings.Source.ENVIRONMENT);
    assertThat(settings.integer(Setting.RETRIES, 1)).isEqualTo(3);
    assertThat(settings.source(Setting.RETRIES)).isEqualTo(Settings.Source.DEFAULT);
  }

  private static Field field(Class<?> type, String name) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      try {
        return c.getDeclaredField(name);
      } catch (NoSuchFieldException e) {
        // declared further up
      }
    }
    return null;
  }

  private static void set(Object target, String name, Object value) throws IllegalAccessException {
    Field field = field(target.getClass(), name);
    field.setAccessible(true);
    field.set(target, value);
  }
}
