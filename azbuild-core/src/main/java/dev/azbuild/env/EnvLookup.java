package dev.azbuild.env;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Reads an environment map where an empty value means "not set" (CI systems export blanks). */
final class EnvLookup {

  private final Map<String, String> env;

  EnvLookup(Map<String, String> env) {
    this.env = Objects.requireNonNull(env, "env");
  }

  /** The variable's value, empty when unset or set to the empty string. */
  Optional<String> get(String name) {
    return Optional.ofNullable(env.get(name)).filter(v -> !v.isEmpty());
  }

  /** Whether the variable is exactly {@code "true"}, the form every supported vendor uses. */
  boolean isTrue(String name) {
    return "true".equals(env.get(name));
  }

  boolean isSet(String name) {
    return get(name).isPresent();
  }
}
