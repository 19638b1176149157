package dev.azbuild.api;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every setting of azbuild, declared once: its property, the environment variable that stands in
 * when the property is not set, its default and what it means. {@link Settings} resolves them once
 * per goal execution; the Maven adapter maps each goal's parameters onto them (a test checks that
 * every parameter is one of these, with the same default).
 *
 * <p>Goal settings are parameters of the goals ({@code -Dazbuild.mode=diff} or {@code
 * <configuration>}); module settings are project properties of a module's pom.
 */
public enum Setting {
  // every goal
  SKIP("azbuild.skip", null, "false", "Skips every azbuild goal."),

  // the plan
  MODE(
      "azbuild.mode",
      "AZBUILD_MODE",
      "content",
      "content (a hash of each module's inputs) or diff (changed files since the base commit)."),
  BASE(
      "azbuild.base",
      "AZBUILD_BASE",
      null,
      "The base commit for diff mode; default: the merge-base with the default branch, or the last deployed commit."),
  HEAD(
      "azbuild.head",
      null,
      null,
      "Plan for this commit, counting only committed changes; default: HEAD plus the work tree's changes."),
  COMMIT(
      "azbuild.commit",
      null,
      null,
      "The commit being built, as the CI names it; azbuild.head wins when both are set."),
  BRANCH(
      "azbuild.branch",
      null,
      null,
      "The branch being built; default: the CI's branch variable, else the checked-out branch."),
  DEFAULT_BRANCH(
      "azbuild.defaultBranch",
      "AZBUILD_DEFAULT_BRANCH",
      null,
      "The default branch; default: origin/HEAD, else main or master, whichever exists."),
  TARGET_BRANCH(
      "azbuild.targetBranch",
      "AZBUILD_TARGET_BRANCH",
      null,
      "The branch a pull/merge request merges into; default: the CI's variable, else the default branch."),
  FETCH(
      "azbuild.fetch",
      null,
      "true",
      "Whether a shallow clone may be deepened from origin to find the base commit."),
  MASTER_TAG(
      "azbuild.masterTag",
      null,
      "master",
      "The tag of the default branch's latest image in the cache registry."),
  GIT(
      "azbuild.git",
      null,
      "auto",
      "How the work tree is read: auto (the git command when it is on the PATH, else JGit) or jgit."),

  SKIP_TESTS_WHEN_UNCHANGED(
      "azbuild.skipTestsWhenUnchanged",
      null,
      "false",
      "check-rebuild: an image module that content mode finds unchanged (its image of the same inputs exists) skips its tests (sets skipTests)."),

  // registries
  CACHE_REGISTRY(
      "azbuild.cacheRegistry",
      "AZBUILD_CACHE_REGISTRY",
      null,
      "The cache registry with an optional path prefix, e.g. 127.0.0.1:5000/team or an ECR host."),
  DEPLOY_REGISTRY(
      "azbuild.deployRegistry",
      "AZBUILD_DEPLOY_REGISTRY",
      null,
      "The deploy (production) registry."),
  INSECURE_REGISTRIES(
      "azbuild.insecureRegistries",
      null,
      null,
      "Registry hosts spoken to over plain HTTP, comma-separated (loopback hosts always are)."),
  AWS_ENDPOINT(
      "azbuild.aws.endpoint",
      "AZBUILD_AWS_ENDPOINT",
      null,
      "Endpoint override for the ECR and ECS APIs, e.g. an emulator."),
  AWS_REGION(
      "azbuild.aws.region",
      null,
      null,
      "The ECS region, and the region of ECR hosts whose region azbuild does not know."),
  ECR_DATA_PLANE(
      "azbuild.ecr.dataPlane",
      null,
      null,
      "A registry serving ECR's image data (tests against an emulator): HOST:PORT, or REGION=HOST:PORT,..."),
  RETRIES(
      "azbuild.retries",
      null,
      "3",
      "Attempts for registry requests, pushes, pulls and downloads failing with a network error, 429 or 5xx."),
  RETRY_TIMEOUT(
      "azbuild.retryTimeout",
      null,
      "120",
      "Seconds after which a failing registry request, push, pull or download starts no further attempt (the Docker daemon's own retries included); the error says how long was spent."),
  REGISTRY_CONCURRENCY(
      "azbuild.registry.concurrency",
      null,
      "8",
      "Registry requests in flight at once: the plan's probes, the build's re-tags, the deploy gate."),
  BUILD_RECORD(
      "azbuild.buildRecord",
      null,
      "true",
      "Whether the build keeps a build record in the cache registry and the plan reads it instead of probing every module (in diff mode: the deploy record instead of asking for every master image)."),
  DOCKER_CONFIG(
      "azbuild.dockerConfig",
      null,
      null,
      "The docker client config (auths, credHelpers, credsStore); default $DOCKER_CONFIG/config.json or ~/.docker/config.json."),
  NAMESPACE(
      "azbuild.namespace",
      null,
      null,
      "Prefix of what azbuild names on a shared Docker daemon or host; default: the root artifactId and a hash of the cache registry."),

  // build
  SKIP_PUSH(
      "azbuild.skipPush",
      null,
      "false",
      "Build on the local Docker daemon only: no push, no registry re-tag."),
  REPRODUCIBLE(
      "azbuild.reproducible",
      null,
      "false",
      "Leave out the org.opencontainers.image.created label and send every file of a build context with the time azbuild.sourceDateEpoch, so equal inputs give equal images where the classic builder allows it."),
  SOURCE_DATE_EPOCH(
      "azbuild.sourceDateEpoch",
      "SOURCE_DATE_EPOCH",
      "0",
      "With azbuild.reproducible: the modification time (seconds since 1970-01-01 UTC) of every file, directory and link of a build context."),
  PULL(
      "azbuild.pull",
      null,
      "always",
      "When outside base images are pulled: always, missing or never."),
  TERRAFORM_VERSION(
      "azbuild.terraform.version",
      null,
      "1.11.4",
      "The terraform version build, deploy and ensure-terraform use."),
  TERRAFORM_MIRROR(
      "azbuild.terraform.mirror",
      null,
      "https://releases.hashicorp.com/terraform/",
      "Where terraform releases are downloaded from when the pinned version is not installed."),
  TERRAFORM_SKIP("azbuild.terraform.skip", null, "false", "Skip terraform validate during build."),
  TERRAFORM_CACHE_DIR(
      "azbuild.terraform.cacheDir",
      null,
      null,
      "The per-user tool cache; default ~/.azbuild/tools."),

  // changed, image-exists, ensure-repo
  PATH(
      "azbuild.path",
      null,
      null,
      "changed: a POSIX extended regex matched against the changed paths, like grep -E."),
  OUTPUT(
      "azbuild.output", null, null, "changed, image-exists: also write true/false to this file."),
  FAIL_IF_CHANGED(
      "azbuild.failIfChanged",
      null,
      "false",
      "changed: fail the build when a matching file changed."),
  FAIL_IF_UNCHANGED(
      "azbuild.failIfUnchanged",
      null,
      "false",
      "changed: fail the build when no matching file changed."),
  REPOSITORY(
      "azbuild.repository",
      null,
      null,
      "ensure-repo, image-exists: the repository, relative to the registry's prefix."),
  REGISTRY(
      "azbuild.registry",
      null,
      null,
      "ensure-repo, image-exists: the registry; default the cache registry."),
  TAG("azbuild.tag", null, null, "image-exists: the tag."),

  // deploy
  DEPLOY_ALLOW_BRANCH(
      "azbuild.deploy.allowBranch",
      null,
      "false",
      "Let deploy run on a branch other than the default branch."),
  DRY_RUN(
      "azbuild.dryRun",
      null,
      "false",
      "deploy: print what would be promoted, copied, applied and restarted; change nothing."),
  DEPLOY_IMAGE_VAR(
      "azbuild.deploy.imageVar",
      null,
      "image",
      "The terraform variable that receives <deploy registry image>@<digest>."),
  DEPLOY_STATE_DIR(
      "azbuild.deploy.stateDir",
      null,
      null,
      "Root of the per-module terraform work dirs; default ~/.azbuild/terraform-state/<namespace>/<hash>."),
  DEPLOY_RESTART(
      "azbuild.deploy.restart",
      null,
      "none",
      "How a deployed service is restarted: none, docker or ecs."),
  DEPLOY_ECS_CLUSTER("azbuild.deploy.ecs.cluster", null, null, "The ECS cluster for restart=ecs."),
  DEPLOY_ECS_TIMEOUT(
      "azbuild.deploy.ecs.timeout",
      null,
      "600",
      "Seconds to wait for an ECS service to become stable."),
  DEPLOY_MODULES(
      "azbuild.deploy.modules",
      null,
      null,
      "Deploy only these image modules (module dirs or [groupId]:artifactId, comma-separated)."),
  DEPLOY_RUN_ID(
      "azbuild.deploy.runId",
      null,
      null,
      "Names this run in the deploy lock; default host:pid:time."),
  DEPLOY_HOST(
      "azbuild.deploy.host",
      null,
      null,
      "Names this machine in the deploy lock; default its host name."),
  DEPLOY_LOCK_STALE_AFTER(
      "azbuild.deploy.lockStaleAfter",
      null,
      "120",
      "Seconds a held deploy lock may go without a heartbeat before any host may take it over."),
  DEPLOY_BREAK_LOCK(
      "azbuild.deploy.breakLock", null, "false", "Take the deploy lock whoever holds it (logged)."),
  DEPLOY_ALLOW_TERRAFORM_REMOVAL(
      "azbuild.deploy.allowTerraformRemoval",
      null,
      "false",
      "Deploy a module whose last deploy applied terraform although its terraform/ is gone."),

  // graph
  GRAPH_SKIP("azbuild.graph.skip", null, "false", "Skips the graph goal."),
  GRAPH_FORMAT(
      "azbuild.graph.format",
      null,
      "all",
      "graph: a comma list of mermaid, dot, json, html, or all."),
  GRAPH_OUTPUT_DIRECTORY(
      "azbuild.graph.outputDirectory",
      null,
      null,
      "graph: where the files go; default target/azbuild at the reactor root."),

  // ci-config
  CI_CONFIG_TARGETS(
      "azbuild.ciConfig.targets",
      null,
      "circleci,github",
      "ci-config: which files, comma-separated."),
  CI_CONFIG_CHECK(
      "azbuild.ciConfig.check",
      null,
      "false",
      "ci-config: write nothing; fail when a committed file is missing or differs."),
  CI_CONFIG_GROUP_ABOVE(
      "azbuild.ciConfig.groupAbove",
      null,
      null,
      "ci-config: with more image modules than this (default 100, or <ciConfig><groupAbove>), modules share jobs by graph layer."),

  // ci-collect
  CI_COLLECT_REPORTS(
      "azbuild.ciCollect.reports",
      null,
      null,
      "ci-collect: where the build jobs' build.json files are; default target/azbuild/jobs at the reactor root."),

  // ci-local
  CI_LOCAL_TARGET(
      "azbuild.ciLocal.target",
      null,
      "github",
      "ci-local: which workflow to run: github or circleci."),
  CI_LOCAL_JOBS(
      "azbuild.ciLocal.jobs",
      null,
      null,
      "ci-local: re-run these jobs of the last run (comma-separated) and every job after them."),
  CI_LOCAL_CONCURRENCY(
      "azbuild.ciLocal.concurrency", null, "2", "ci-local: how many jobs run at once."),
  CI_LOCAL_COMMIT(
      "azbuild.ciLocal.commit",
      null,
      null,
      "ci-local: the commit to run, as if pushed; default HEAD."),
  CI_LOCAL_BRANCH(
      "azbuild.ciLocal.branch",
      null,
      null,
      "ci-local: the branch the run is for; default the checked-out branch."),
  CI_LOCAL_WORK_DIR(
      "azbuild.ciLocal.workDir",
      null,
      null,
      "ci-local: where jobs, logs, artifacts and the run record go; default target/azbuild/ci-local/<target>."),
  CI_LOCAL_MAVEN_HOME(
      "azbuild.ciLocal.mavenHome",
      null,
      null,
      "ci-local: the Maven 3.9+ the jobs' mvn runs; default the Maven running this goal."),
  CI_LOCAL_SHARED_REPOSITORY(
      "azbuild.ciLocal.sharedRepository",
      null,
      null,
      "ci-local: the read-only Maven repository the jobs take plugins and dependencies from; default this build's."),
  CI_LOCAL_MAVEN_ARGS(
      "azbuild.ciLocal.mavenArgs",
      null,
      null,
      "ci-local: more arguments for every Maven the jobs run (space-separated, through MAVEN_ARGS)."),
  CI_LOCAL_TIMEOUT(
      "azbuild.ciLocal.timeout",
      null,
      "60",
      "ci-local: a job's time limit in minutes when the workflow gives none."),
  CI_LOCAL_WORKFLOW(
      "azbuild.ciLocal.workflow",
      null,
      null,
      "ci-local: the CircleCI workflow to run when the config has several."),
  CI_LOCAL_KEEP_IMAGES(
      "azbuild.ciLocal.keepImages",
      null,
      "false",
      "ci-local: leave the Docker daemon's images alone (by default the build's images are untagged before each job)."),

  // import-manifest
  MANIFEST(
      "azbuild.manifest", null, "build_manifest.json", "import-manifest: the manifest to import."),
  FORCE("azbuild.force", null, "false", "import-manifest: overwrite existing files."),
  IMPORT_GROUP_ID(
      "azbuild.import.groupId", null, null, "import-manifest: groupId of the generated poms."),
  IMPORT_ARTIFACT_ID(
      "azbuild.import.artifactId",
      null,
      null,
      "import-manifest: artifactId of the root aggregator."),
  IMPORT_VERSION(
      "azbuild.import.version",
      null,
      "1.0.0-SNAPSHOT",
      "import-manifest: version of the generated poms."),
  IMPORT_SHARED_DIR(
      "azbuild.import.sharedDir",
      null,
      "azbuild-modules",
      "import-manifest: where modules go whose project directory is shared."),
  IMPORT_RELATIVE_TO(
      "azbuild.import.relativeTo",
      null,
      "auto",
      "import-manifest: what dockerfile and rebuildPatterns paths are relative to: projectDir, buildDir or auto."),

  // module settings: project properties of a module's pom
  IMAGE(
      "azbuild.image", null, null, "Module: the image name; default the artifactId.", Scope.MODULE),
  DOCKERFILE(
      "azbuild.dockerfile",
      null,
      "Dockerfile",
      "Module: the Dockerfile, relative to the module.",
      Scope.MODULE),
  CONTEXT(
      "azbuild.context",
      null,
      ".",
      "Module: the Docker build context, relative to the module.",
      Scope.MODULE),
  IMAGE_SKIP(
      "azbuild.image.skip",
      null,
      "false",
      "Module: build no image (the module stays an input of the modules that depend on it).",
      Scope.MODULE),
  BUILD_ARG(
      "azbuild.buildArg.",
      null,
      null,
      "Module: azbuild.buildArg.NAME is the docker build arg NAME.",
      Scope.MODULE);

  /** Where a setting is given. */
  public enum Scope {
    /** A parameter of the goals: {@code -D} or {@code <configuration>}. */
    GOAL,
    /** A project property of a module's pom. */
    MODULE
  }

  private static final Map<String, Setting> BY_PROPERTY =
      Arrays.stream(values())
          .collect(Collectors.toUnmodifiableMap(Setting::property, Function.identity()));

  private final String property;
  private final String environmentVariable;
  private final String defaultValue;
  private final String description;
  private final Scope scope;

  Setting(String property, String environmentVariable, String defaultValue, String description) {
    this(property, environmentVariable, defaultValue, description, Scope.GOAL);
  }

  Setting(
      String property,
      String environmentVariable,
      String defaultValue,
      String description,
      Scope scope) {
    this.property = property;
    this.environmentVariable = environmentVariable;
    this.defaultValue = defaultValue;
    this.description = description;
    this.scope = scope;
  }

  public String property() {
    return property;
  }

  /** The environment variable that stands in when the property is not set. */
  public Optional<String> environmentVariable() {
    return Optional.ofNullable(environmentVariable);
  }

  public Optional<String> defaultValue() {
    return Optional.ofNullable(defaultValue);
  }

  public String description() {
    return description;
  }

  public Scope scope() {
    return scope;
  }

  /** The setting of a property, e.g. {@code azbuild.mode}. */
  public static Optional<Setting> byProperty(String property) {
    return Optional.ofNullable(BY_PROPERTY.get(property));
  }
}
