package dev.azbuild.graph;

import java.util.List;

/**
 * Where a module setting ({@code azbuild.dockerfile}, {@code azbuild.context}, {@code
 * azbuild.buildArg.NAME}, {@code azbuild.image}, {@code azbuild.image.skip}) comes from, and which
 * modules it applies to: a value set once in a parent and inherited by many modules is one of
 * these.
 *
 * @param property the property, e.g. {@code azbuild.dockerfile}
 * @param value the value as declared (before Maven interpolates it)
 * @param declaredIn the pom that declares it, relative to the reactor root (a parent from a
 *     repository by its coordinates)
 * @param modules the modules it applies to, by their directory relative to the reactor root
 */
public record ModuleSettingSource(
    String property, String value, String declaredIn, List<String> modules) {

  public ModuleSettingSource {
    modules = List.copyOf(modules);
  }

  /** How many modules {@link #describe} names before it counts the rest. */
  static final int NAMED = 5;

  /**
   * {@code azbuild.dockerfile=docker/Dockerfile (pom.xml) for services/a, services/b}; after five
   * modules, {@code and N more}.
   */
  public String describe() {
    String named = String.join(", ", modules.subList(0, Math.min(NAMED, modules.size())));
    return property
        + "="
        + value
        + " ("
        + declaredIn
        + ") for "
        + named
        + (modules.size() > NAMED ? " and " + (modules.size() - NAMED) + " more" : "");
  }
}
