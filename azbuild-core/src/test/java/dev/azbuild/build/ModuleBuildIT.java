package dev.azbuild.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.azbuild.docker.DockerDaemon;
import dev.azbuild.docker.ImageLabels;
import dev.azbuild.docker.ImageTags;
import dev.azbuild.docker.ImageTransfer;
import dev.azbuild.dockerfile.Dockerfile;
import dev.azbuild.env.Namespace;
import dev.azbuild.git.GitRepo;
import dev.azbuild.graph.ImageModule;
import dev.azbuild.graph.ModuleGraph;
import dev.azbuild.graph.ReactorModule;
import dev.azbuild.image.ImageReference;
import dev.azbuild.plan.Plan;
import dev.azbuild.registry.CredentialChain;
import dev.azbuild.registry.KnownManifests;
import dev.azbuild.registry.Registries;
import dev.azbuild.registry.Registry;
import dev.azbuild.registry.RegistryOptions;
import dev.azbuild.testing.GitFixture;
import dev.azbuild.testing.LocalServices;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One module's build against the real daemon, the local cache registry and a real git repository:
 * in-repo parents are taken by the digest this build resolved (never by a daemon-wide tag), the
 * image records them in a label and is checked to sit on them before anything is pushed; outside
 * images follow the pull policy. Image names carry a per-run suffix; local images are removed
 * after.
 */
class ModuleBuildIT {

  private static final String REGISTRY = LocalServices.CACHE;
  private static final String BASE_IMAGE = LocalServices.BASE_IMAGE;

  private static DockerDaemon daemon;
  private static ImageTags images;

  @TempDir Path tmp;
  private final List<String> created = new ArrayList<>();
  private String run;
  private String prefix;
  private GitFixture repo;
  private GitRepo git;
  private ModuleGraph graph;
  private Registry cache;
  private String commit;

  @BeforeAll
  static void connect() throws Exception {
    daemon = LocalServices.daemon();
    images = new ImageTags(daemon);
    new ImageTransfer(daemon).pull(BASE_IMAGE);
  }

  @AfterAll
  static void disconnect() {
    daemon.close();
  }

  @BeforeEach
  void setUp() throws Exception {
    run = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    prefix = "azbuild-test/modulebuild-" + run;
    repo = GitFixture.init(tmp.resolve("repo"));
    repo.write(
        "libs/base/Dockerfile", "FROM " + BASE_IMAGE + "\nRUN echo " + run + " > /base.txt\n");
    repo.write(
        "services/app/Dockerfile",
        """
        FROM base-%1$s AS builder
        RUN echo built > /built.txt
        FROM base-%1$s
        COPY --from=builder /built.txt /built.txt
        COPY --from=base-%1$s /base.txt /copied.txt
        """
            .formatted(run));
    repo.write(
        "services/pre/Dockerfile",
        "FROM preloaded.invalid/azbuild-test/pre-" + run + ":1\nRUN true\n");
    for (String dir : List.of("libs/base", "services/app", "services/pre")) {
      repo.write(dir + "/pom.xml", "<project/>\n");
    }
    commit = repo.stageAll().commit("modules");
    git = repo.open();
    graph =
        ModuleGraph.build(
            git,
            List.of(
                module("base", "libs/base"),
                module("app", "services/app", "base"),
                module("pre", "services/pre")));
    cache =
        Registries.forUrl(
            REGISTRY + "/" + prefix,
            RegistryOptions.defaults()
                .withCredentials(CredentialChain.none())
                .withRetries(1, Duration.ofMillis(1)));
  }

  @AfterEach
  void tearDown() throws Exception {
    for (String image : created) {
      images.remove(image);
    }
    git.close();
    cache.close();
  }

  @Test
  void inRepoParentsAreTheDigestThisBuildResolvedAndTheImageSaysSo() throws Exception {
    KnownManifests known = new KnownManifests();
    Plan plan = plan(known, true);
    ModuleReport base = build("g:base", plan, known, settings(false));
    // another project's "base" under the plain name, as on a shared daemon: it must not matter
    String plain = "base-" + run;
    images.tag(BASE_IMAGE, plain, "latest");
    created.add(plain + ":latest");

    ModuleReport app = build("g:app", plan, known, settings(false));

    String baseTag = cacheTag(plan, "g:base");
    String digest = cache.digest(plain, baseTag).orElseThrow();
    String pinned = REGISTRY + "/" + prefix + "/" + plain + "@" + digest;
    assertThat(base.digest()).isEqualTo(digest);
    String appImage = REGISTRY + "/" + prefix + "/app-" + run;
    String appTag = cacheTag(plan, "g:app");
    String stage = appImage + ":builder-" + appTag;
    created.addAll(
        List.of(
            appImage + ":" + appTag,
            appImage + ":" + commit,
            stage,
            pinned,
            REGISTRY + "/" + prefix + "/" + plain + ":" + baseTag,
            REGISTRY + "/" + prefix + "/" + plain + ":" + commit));
    assertThat(app.action()).isEqualTo(ModuleReport.BUILT);
    List<String> baseLayers = images.layers(pinned);
    for (String image : List.of(appImage + ":" + appTag, stage)) {
      assertThat(images.inspectLabels(image))
          .containsEntry(ImageLabels.PARENTS, plain + "=" + digest);
      assertThat(images.layers(image)).startsWith(baseLayers.toArray(String[]::new));
    }
    assertThat(cache.digest("app-" + run, appTag)).contains(app.digest());
    assertThat(cache.exists("app-" + run, "builder-" + appTag)).isTrue();
    assertThat(images.imageId(plain + ":latest"))
        .isEqualTo(images.imageId(BASE_IMAGE))
        .as("left as it was");
    assertThat(repo.read("services/app/Dockerfile"))
        .startsWith("FROM base-" + run + " AS builder\n");
  }

  @Test
  void anImageBuiltOnAnotherParentIsRefusedAndNothingIsPushed() throws Exception {
    KnownManifests known = new KnownManifests();
    Plan plan = plan(known, true);
    build("g:base", plan, known, settings(false));
    String plain = "base-" + run;
    created.add(REGISTRY + "/" + prefix + "/" + plain + ":" + cacheTag(plan, "g:base"));
    created.add(REGISTRY + "/" + prefix + "/" + plain + ":" + commit);
    ImageModule app = graph.module("g:app").orElseThrow();
    ParentImages real =
        new ParentImages(
            app,
            plan,
            graph,
            cache,
            known,
            ImageDaemon.of(daemon, settings(false).retries()),
            settings(false));
    // No correct resolver lets the daemon build on another image (the FROM names a digest); this
    // one
    // does what the shared daemon did: the build reads the outside busybox where our base is
    // expected.
    ModuleBuild.ParentResolver swapped =
        (dockerfile, auth) -> {
          ParentImages.Resolved resolved = real.resolve(dockerfile, auth);
          Map<String, ParentImages.Pinned> other = new LinkedHashMap<>();
          resolved
              .pinned()
              .forEach(
                  (named, p) ->
                      other.put(
                          named,
                          new ParentImages.Pinned(
                              p.image(), BASE_IMAGE, p.id(), p.source(), p.layers())));
          return new ParentImages.Resolved(other, resolved.bytesPulled());
        };
    String appImage = REGISTRY + "/" + prefix + "/app-" + run;
    String appTag = cacheTag(plan, "g:app");
    created.addAll(
        List.of(appImage + ":builder-" + appTag, appImage + ":" + appTag, appImage + ":" + commit));

    assertThatThrownBy(
            () ->
                new ModuleBuild(
                        app,
                        plan,
                        graph,
                        cache,
                        known,
                        ImageDaemon.of(daemon, settings(false).retries()),
                        settings(false),
                        swapped)
                    .call())
        .isInstanceOf(BuildFailure.class)
        .hasMessage(
            "services/app: "
                + appImage
                + ":builder-"
                + appTag
                + " is not built on its parent "
                + plain
                + " ("
                + BASE_IMAGE
                + "): its layers do not start with the parent's; nothing was pushed");
    for (String tag : List.of(appTag, "builder-" + appTag, commit, "main", "builder-main")) {
      assertThat(cache.exists("app-" + run, tag)).as(tag).isFalse();
    }
  }

  @Test
  void withoutARegistryTheParentIsTheLocalImageThisBuildTaggedByItsId() throws Exception {
    Namespace namespace = Namespace.of("azbuild-test-" + run);
    Registry local = new NoRegistry(namespace);
    Plan plan = plan(new KnownManifests(), false);
    BuildSettings settings = settings(true);

    new ModuleBuild(
            graph.module("g:base").orElseThrow(),
            plan,
            graph,
            local,
            new KnownManifests(),
            daemon,
            settings)
        .call();
    ModuleReport app =
        new ModuleBuild(
                graph.module("g:app").orElseThrow(),
                plan,
                graph,
                local,
                new KnownManifests(),
                daemon,
                settings)
            .call();

    String base = namespace.value() + "/base-" + run + ":" + cacheTag(plan, "g:base");
    String appRef = namespace.value() + "/app-" + run + ":" + cacheTag(plan, "g:app");
    created.addAll(
        List.of(
            base,
            namespace.value() + "/base-" + run + ":" + commit,
            appRef,
            namespace.value() + "/app-" + run + ":" + commit,
            namespace.value() + "/app-" + run + ":builder-" + cacheTag(plan, "g:app")));
    String baseId = images.imageId(base).orElseThrow();
    assertThat(app.tags()).contains(appRef);
    assertThat(images.inspectLabels(appRef))
        .containsEntry(ImageLabels.PARENTS, "base-" + run + "=" + baseId);
    assertThat(images.layers(appRef)).startsWith(images.layers(baseId).toArray(String[]::new));
    assertThat(images.exists("base-" + run)).as("no plain tag").isFalse();
  }

  @Test
  void pullPolicyAlwaysPullsAndNamesTheFixWhenThePullFails() throws Exception {
    String preloaded = preload();

    assertThatThrownBy(() -> parents(PullPolicy.ALWAYS).resolve(preDockerfile(), Optional.empty()))
        .isInstanceOf(BuildFailure.class)
        .hasMessageStartingWith(
            "services/pre/Dockerfile:1: image "
                + preloaded
                + " could not be pulled (pull of "
                + preloaded
                + " from preloaded.invalid failed: ")
        .hasMessageEndingWith("); if the daemon has it pre-loaded, set -Dazbuild.pull=missing")
        .hasMessageNotContaining("\n");
    assertThatThrownBy(
            () ->
                parents(PullPolicy.ALWAYS)
                    .resolve(
                        dockerfile("FROM " + REGISTRY + "/azbuild-test/none-" + run + ":1\n"),
                        Optional.empty()))
        .isInstanceOf(BuildFailure.class)
        .hasMessage(
            "services/pre/Dockerfile:1: image "
                + REGISTRY
                + "/azbuild-test/none-"
                + run
                + ":1 does not exist"
                + " in its registry; fix the reference or push that image; if the daemon has it pre-loaded, set"
                + " -Dazbuild.pull=missing");
  }

  @Test
  void pullPolicyMissingUsesTheDaemonsCopyAndPullsWhatItLacks() throws Exception {
    preload();
    Plan plan = plan(new KnownManifests(), true);
    ImageModule pre = graph.module("g:pre").orElseThrow();
    String preImage = REGISTRY + "/" + prefix + "/pre-" + run;
    created.addAll(List.of(preImage + ":" + cacheTag(plan, "g:pre"), preImage + ":" + commit));

    ModuleReport report =
        new ModuleBuild(
                pre,
                plan,
                graph,
                cache,
                new KnownManifests(),
                daemon,
                settings(false).withPull(PullPolicy.MISSING))
            .call();

    assertThat(report.action()).isEqualTo(ModuleReport.BUILT);
    assertThat(report.bytesPulled()).isZero();
    assertThat(cache.exists("pre-" + run, commit)).isTrue();
    // not on the daemon: pulled, and a failed pull is the pull's error without the hint
    String absent = "preloaded.invalid/azbuild-test/absent-" + run + ":1";
    assertThatThrownBy(
            () ->
                parents(PullPolicy.MISSING)
                    .resolve(dockerfile("FROM " + absent + "\n"), Optional.empty()))
        .isInstanceOf(BuildFailure.class)
        .hasMessageStartingWith(
            "services/pre/Dockerfile:1: image " + absent + " could not be pulled (")
        .hasMessageNotContaining("pull=missing");
  }

  @Test
  void pullPolicyNeverNeedsTheImageOnTheDaemon() throws Exception {
    String preloaded = preload();
    assertThat(parents(PullPolicy.NEVER).resolve(preDockerfile(), Optional.empty()).bytesPulled())
        .isZero();

    String absent = REGISTRY + "/azbuild-test/absent-" + run + ":1";
    assertThatThrownBy(
            () ->
                parents(PullPolicy.NEVER)
                    .resolve(dockerfile("ARG X=1\n\nFROM " + absent + "\n"), Optional.empty()))
        .isInstanceOf(BuildFailure.class)
        .hasMessage(
            "services/pre/Dockerfile:3: image "
                + absent
                + " is not on the Docker daemon and azbuild.pull=never"
                + " does not pull it; load it first (docker pull or docker load) or set -Dazbuild.pull=missing");
    assertThat(images.exists(absent)).isFalse();
    assertThat(preloaded).isNotBlank();
  }

  /** Tags the base image as the outside image services/pre builds on, which no registry serves. */
  private String preload() throws Exception {
    String preloaded = "preloaded.invalid/azbuild-test/pre-" + run + ":1";
    images.tag(BASE_IMAGE, ImageReference.parse(preloaded).name(), "1");
    created.add(preloaded);
    return preloaded;
  }

  private ParentImages parents(PullPolicy policy) throws Exception {
    return new ParentImages(
        graph.module("g:pre").orElseThrow(),
        plan(new KnownManifests(), false),
        graph,
        cache,
        new KnownManifests(),
        ImageDaemon.of(daemon, settings(false).retries()),
        settings(false).withPull(policy));
  }

  private Dockerfile preDockerfile() {
    return graph.dockerfile("g:pre");
  }

  private Dockerfile dockerfile(String content) {
    return Dockerfile.parse(repo.path("services/pre/Dockerfile"), content, Map.of());
  }

  private ModuleReport build(String id, Plan plan, KnownManifests known, BuildSettings settings)
      throws Exception {
    return new ModuleBuild(
            graph.module(id).orElseThrow(), plan, graph, cache, known, daemon, settings)
        .call();
  }

  private Plan plan(KnownManifests known, boolean probe) throws Exception {
    return BuildFixtures.contentPlan(git, graph, cache, known, probe);
  }

  private BuildSettings settings(boolean skipPush) {
    return BuildFixtures.settings(repo, commit, skipPush);
  }

  private static String cacheTag(Plan plan, String id) {
    return BuildFixtures.cacheTag(plan, id);
  }

  private ReactorModule module(String name, String dir, String... deps) {
    return BuildFixtures.module(repo, name, name + "-" + run, dir, deps);
  }
}
