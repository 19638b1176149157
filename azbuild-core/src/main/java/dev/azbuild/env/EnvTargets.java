package dev.azbuild.env;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Decides which files the computed variables go to. */
public final class EnvTargets {

  /** Directory, relative to the reactor root, holding azbuild's own env files. */
  public static final String OUTPUT_DIR = "target/azbuild";

  private EnvTargets() {}

  /**
   * The files to write, in this order:
   *
   * <ol>
   *   <li>{@code <root>/target/azbuild/env.sh} ({@link EnvFormat#SHELL}), always
   *   <li>{@code <root>/target/azbuild/env.properties} ({@link EnvFormat#PROPERTIES}), always
   *   <li>{@code $BASH_ENV} ({@link EnvFormat#BASH_ENV}) when {@code CIRCLECI=true} and it is
   *       non-empty
   *   <li>{@code $GITHUB_ENV} ({@link EnvFormat#GITHUB_ENV}) when {@code GITHUB_ACTIONS=true} and
   *       it is non-empty
   * </ol>
   *
   * <p>The CI files depend on each vendor's own marker, not on {@link CiDetector}'s precedence: if
   * both are present, both get written, which is harmless.
   *
   * @param env the process environment
   * @param reactorRoot the top-level project directory
   */
  public static List<EnvTarget> resolve(Map<String, String> env, Path reactorRoot) {
    Objects.requireNonNull(reactorRoot, "reactorRoot");
    EnvLookup e = new EnvLookup(env);
    Path dir = reactorRoot.resolve(OUTPUT_DIR);
    List<EnvTarget> targets = new ArrayList<>();
    targets.add(new EnvTarget(dir.resolve("env.sh"), EnvFormat.SHELL));
    targets.add(new EnvTarget(dir.resolve("env.properties"), EnvFormat.PROPERTIES));
    if (e.isTrue("CIRCLECI")) {
      e.get("BASH_ENV").ifPresent(p -> targets.add(new EnvTarget(Path.of(p), EnvFormat.BASH_ENV)));
    }
    if (e.isTrue("GITHUB_ACTIONS")) {
      e.get("GITHUB_ENV")
          .ifPresent(p -> targets.add(new EnvTarget(Path.of(p), EnvFormat.GITHUB_ENV)));
    }
    return List.copyOf(targets);
  }
}
