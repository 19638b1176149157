package dev.azbuild.api;

import dev.azbuild.ci.local.DaemonImages;
import dev.azbuild.ci.local.ImageSweep;
import dev.azbuild.ci.local.RunReport;
import dev.azbuild.ci.local.RunSettings;
import dev.azbuild.ci.local.Vendor;
import dev.azbuild.ci.local.WorkflowException;
import dev.azbuild.ci.local.WorkflowRun;
import dev.azbuild.docker.DockerDaemon;
import dev.azbuild.docker.ImageTags;
import dev.azbuild.io.AzbuildException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code azbuild:ci-local}: the generated workflow, run on this machine as the CI would run it. */
final class LocalCi {

  private final Settings settings;
  private final BuildHost host;
  private final RegistryAccess registries;
  private final Map<String, String> environment;

  LocalCi(
      Settings settings,
      BuildHost host,
      RegistryAccess registries,
      Map<String, String> environment) {
    this.settings = settings;
    this.host = host;
    this.registries = registries;
    this.environment = environment;
  }

  RunReport run() throws AzbuildException {
    Path root = host.reactorRoot();
    Vendor vendor =
        Vendor.parse(settings.string(Setting.CI_LOCAL_TARGET), Setting.CI_LOCAL_TARGET.property());
    boolean keepImages = settings.bool(Setting.CI_LOCAL_KEEP_IMAGES);
    RunReport report;
    try (DockerDaemon daemon = keepImages ? null : DockerDaemon.fromEnvironment(environment)) {
      Path work =
          settings
              .optional(Setting.CI_LOCAL_WORK_DIR)
              .map(Path::of)
              .orElse(
                  root.resolve("target")
                      .resolve("azbuild")
                      .resolve("ci-local")
                      .resolve(vendor.id()));
      Map<String, String> extraEnv = new LinkedHashMap<>();
      registries.cacheRegistryUrl().ifPresent(url -> extraEnv.put("AZBUILD_CACHE_REGISTRY", url));
      registries.deployRegistryUrl().ifPresent(url -> extraEnv.put("AZBUILD_DEPLOY_REGISTRY", url));
      settings
          .optional(Setting.AWS_ENDPOINT)
          .ifPresent(e -> extraEnv.put("AZBUILD_AWS_ENDPOINT", e));
      List<String> prefixes = new ArrayList<>();
      registries.cacheRegistryUrl().ifPresent(prefixes::add);
      registries.deployRegistryUrl().ifPresent(prefixes::add);
      ImageSweep sweep = daemon == null ? null : new ImageSweep(images(daemon), prefixes);
      String mavenArgs = settings.optional(Setting.CI_LOCAL_MAVEN_ARGS).orElse("");
      RunSettings run =
          new RunSettings(
              root,
              settings.optional(Setting.CI_LOCAL_COMMIT).orElse(null),
              settings.optional(Setting.CI_LOCAL_BRANCH).orElse(null),
              work.toAbsolutePath(),
              settings.integer(Setting.CI_LOCAL_CONCURRENCY, 1),
              names(settings.optional(Setting.CI_LOCAL_JOBS).orElse("")),
              settings
                  .optional(Setting.CI_LOCAL_MAVEN_HOME)
                  .map(Path::of)
                  .orElse(host.toolHome())
                  .toAbsolutePath(),
              settings
                  .optional(Setting.CI_LOCAL_SHARED_REPOSITORY)
                  .map(Path::of)
                  .orElse(host.localRepository())
                  .toAbsolutePath(),
              mavenArgs.isBlank() ? List.of() : Arrays.asList(mavenArgs.strip().split("\\s+")),
              host.offline(),
              Path.of(System.getProperty("java.home")),
              environment,
              extraEnv,
              settings.integer(Setting.CI_LOCAL_TIMEOUT, 1),
              settings.optional(Setting.CI_LOCAL_WORKFLOW).orElse(null));
      report = new WorkflowRun(run, vendor, sweep).run();
    } catch (IOException e) {
      throw new AzbuildException("ci-local could not run the workflow: " + e.getMessage(), e);
    }
    if (!report.passed()) {
      List<String> failed = report.failed();
      throw new WorkflowException(
          "ci-local: "
              + failed.size()
              + (failed.size() == 1 ? " job" : " jobs")
              + " failed ("
              + String.join(", ", failed)
              + "); see the logs above; once fixed, re-run with -Dazbuild.ciLocal.jobs="
              + String.join(",", report.rerun())
              + " (it re-runs every job after "
              + (report.rerun().size() == 1 ? "it" : "them")
              + " too)");
    }
    return report;
  }

  private static DaemonImages images(DockerDaemon daemon) {
    ImageTags tags = new ImageTags(daemon);
    return new DaemonImages() {
      @Override
      public List<String> references() throws Exception {
        return tags.references();
      }

      @Override
      public void untag(String reference) throws Exception {
        tags.remove(reference);
      }
    };
  }

  private static Set<String> names(String list) {
    Set<String> names = new LinkedHashSet<>();
    for (String n : list.split("[,\\s]+")) {
      if (!n.isBlank()) {
        names.add(n.strip());
      }
    }
    return names;
  }
}
