package dev.azbuild.api;

import dev.azbuild.graph.ModuleSettingSource;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The plan's header beyond mode, base and head: the settings the decisions depend on and where each
 * came from ({@code -D}, pom, environment, default), and where the module settings are declared (a
 * Dockerfile set once in a parent, an opt-out).
 */
final class PlanHeader {

  /** Always named: which registry is asked, in which mode, against which base. */
  private static final List<Setting> ALWAYS =
      List.of(Setting.CACHE_REGISTRY, Setting.MODE, Setting.BASE);

  /** Named when configured: their defaults are what the header's first line already says. */
  private static final List<Setting> WHEN_CONFIGURED =
      List.of(
          Setting.HEAD,
          Setting.COMMIT,
          Setting.BRANCH,
          Setting.DEFAULT_BRANCH,
          Setting.TARGET_BRANCH,
          Setting.MASTER_TAG,
          Setting.GIT);

  private PlanHeader() {}

  static List<String> lines(Settings settings, List<ModuleSettingSource> sources) {
    List<String> described = new ArrayList<>();
    ALWAYS.forEach(s -> described.add(settings.describe(s)));
    for (Setting s : WHEN_CONFIGURED) {
      Settings.Source source = settings.source(s);
      if (source != Settings.Source.DEFAULT && source != Settings.Source.UNSET) {
        described.add(settings.describe(s));
      }
    }
    List<String> lines = new ArrayList<>();
    lines.add("azbuild plan: " + String.join("; ", described));
    if (!sources.isEmpty()) {
      lines.add(
          "azbuild plan: module settings: "
              + sources.stream()
                  .map(ModuleSettingSource::describe)
                  .collect(Collectors.joining("; ")));
    }
    return lines;
  }
}
