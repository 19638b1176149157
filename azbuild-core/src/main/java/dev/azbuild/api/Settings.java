package dev.azbuild.api;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The settings of one goal execution, resolved once: a value given to the build tool wins, then the
 * setting's environment variable, then its default. Each value remembers where it came from, so the
 * plan can say it ({@link #describe}).
 */
public final class Settings {

  /** Where a value came from. */
  public enum Source {
    COMMAND_LINE("-D"),
    POM("pom"),
    ENVIRONMENT("environment"),
    DEFAULT("default"),
    UNSET("unset");

    private final String label;

    Source(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /**
   * What the build tool says of a setting.
   *
   * @param value the configured value, null or blank when none was configured (a value equal to the
   *     default counts as none unless it came from the command line)
   * @param commandLine whether it came from the command line ({@code -D})
   */
  public record Given(String value, boolean commandLine) {

    public static Given of(Object value, boolean commandLine) {
      return new Given(value == null ? null : value.toString(), commandLine);
    }
  }

  private record Resolved(Optional<String> value, Source source) {}

  private final Map<Setting, Resolved> values;

  private Settings(Map<Setting, Resolved> values) {
    this.values = values;
  }

  /** Resolves every setting from what the build tool gives and the process environment. */
  public static Settings resolve(Map<Setting, Given> given, Map<String, String> environment) {
    Map<Setting, Resolved> values = new EnumMap<>(Setting.class);
    for (Setting setting : Setting.values()) {
      values.put(setting, resolveOne(setting, given.get(setting), environment));
    }
    return new Settings(values);
  }

  /** Only defaults (and the environment): for code that runs without a build tool, and tests. */
  public static Settings defaults(Map<String, String> environment) {
    return resolve(Map.of(), environment);
  }

  private static Resolved resolveOne(
      Setting setting, Given given, Map<String, String> environment) {
    if (given != null && given.value() != null) {
      String value = given.value().strip();
      if (given.commandLine()) {
        return new Resolved(Optional.of(value), Source.COMMAND_LINE);
      }
      if (!value.isEmpty() && !setting.defaultValue().map(value::equals).orElse(false)) {
        return new Resolved(Optional.of(value), Source.POM);
      }
    }
    Optional<String> fromEnvironment =
        setting
            .environmentVariable()
            .map(environment::get)
            .map(String::strip)
            .filter(v -> !v.isEmpty());
    if (fromEnvironment.isPresent()) {
      return new Resolved(fromEnvironment, Source.ENVIRONMENT);
    }
    return setting
        .defaultValue()
        .map(d -> new Resolved(Optional.of(d), Source.DEFAULT))
        .orElse(new Resolved(Optional.empty(), Source.UNSET));
  }

  /** The same settings with one value replaced, as if configured in the pom. */
  public Settings with(Setting setting, String value) {
    Map<Setting, Resolved> copy = new EnumMap<>(values);
    copy.put(
        setting,
        new Resolved(
            Optional.ofNullable(value).map(String::strip).filter(v -> !v.isEmpty()), Source.POM));
    return new Settings(copy);
  }

  /** The value, if any (blank values count as none). */
  public Optional<String> optional(Setting setting) {
    return values.get(setting).value().filter(v -> !v.isEmpty());
  }

  /** The value or the default; a setting without a default must be set. */
  public String string(Setting setting) {
    return optional(setting)
        .orElseThrow(() -> new IllegalStateException(setting.property() + " has no value"));
  }

  public Source source(Setting setting) {
    return values.get(setting).source();
  }

  public boolean bool(Setting setting) throws SettingException {
    String value = optional(setting).orElse("false").toLowerCase(Locale.ROOT);
    return switch (value) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new SettingException(
              setting.property()
                  + "="
                  + value
                  + " is not true or false; use -D"
                  + setting.property()
                  + "=true");
    };
  }

  /** A whole number of at least {@code min}. */
  public int integer(Setting setting, int min) throws SettingException {
    String value = string(setting);
    try {
      int parsed = Integer.parseInt(value);
      if (parsed >= min) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // the message below says what is wrong
    }
    throw new SettingException(
        setting.property()
            + "="
            + value
            + " is not a whole number of at least "
            + min
            + "; use e.g. -D"
            + setting.property()
            + "="
            + setting.defaultValue().orElse(Integer.toString(min)));
  }

  /**
   * {@code azbuild.mode=content (default)}, the value and where it came from; secrets are never
   * settings.
   */
  public String describe(Setting setting) {
    Resolved r = values.get(setting);
    String where =
        r.source() == Source.ENVIRONMENT
            ? setting.environmentVariable().map(v -> "$" + v).orElse("environment")
            : r.source().label();
    return setting.property() + "=" + r.value().orElse("") + " (" + where + ")";
  }
}
