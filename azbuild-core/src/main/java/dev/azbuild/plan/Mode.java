package dev.azbuild.plan;

import java.util.Locale;

/** How rebuilds are decided: by changed files since a base commit, or by a hash of the inputs. */
public enum Mode {
  DIFF,
  CONTENT;

  public static Mode parse(String value) {
    try {
      return valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "azbuild.mode="
              + value
              + " is not a mode; use content (hash of inputs) or diff (changed files since base)");
    }
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
