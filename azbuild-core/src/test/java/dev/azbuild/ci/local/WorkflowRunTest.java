package dev.azbuild.ci.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.azbuild.testing.GitFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The executor on small hand-written workflows in real git repositories, with real bash steps. The
 * only stand-in is the Maven installation: a {@code bin/mvn} script that prints its arguments and
 * {@code MAVEN_ARGS} (the ITs run the real Maven on the generated workflows).
 */
class WorkflowRunTest {

  @TempDir Path tmp;
  GitFixture repo;
  Path mavenHome;

  @BeforeEach
  void setUp() throws IOException {
    repo = GitFixture.init(tmp.resolve("repo"));
    repo.write("README.md", "hello\n");
    mavenHome = tmp.resolve("maven");
    Files.createDirectories(mavenHome.resolve("lib"));
    Files.writeString(mavenHome.resolve("lib/maven-core-3.9.9.jar"), "");
    Files.createDirectories(mavenHome.resolve("bin"));
    Files.writeString(
        mavenHome.resolve("bin/mvn"),
        "#!/bin/sh\necho \"fake-mvn args=$* MAVEN_ARGS=$MAVEN_ARGS\"\n");
    Files.setPosixFilePermissions(
        mavenHome.resolve("bin/mvn"), PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.createDirectories(tmp.resolve("shared"));
  }

  RunSettings settings(Set<String> jobs, int concurrency) {
    return new RunSettings(
        repo.dir(),
        null,
        null,
        tmp.resolve("work"),
        concurrency,
        jobs,
        mavenHome,
        tmp.resolve("shared"),
        List.of("-Dx=1"),
        true,
        Path.of(System.getProperty("java.home")),
        Map.of(
            "PATH",
            System.getenv("PATH"),
            "HOME",
            tmp.toString(),
            "GITHUB_SHA",
            "leaked",
            "CIRCLECI",
            "true",
            "SECRET_TOKEN",
            "s3cr3t"),
        Map.of("AZBUILD_CACHE_REGISTRY", "127.0.0.1:5000/x"),
        5,
        null);
  }

  RunReport run(Vendor vendor, Set<String> jobs, int concurrency) throws Exception {
    return new WorkflowRun(settings(jobs, concurrency), vendor, null).run();
  }

  String commitGithub(String yaml) {
    repo.write(".github/workflows/azbuild.yml", yaml);
    return repo.commit("workflow");
  }

  String out(String job, String file) throws IOException {
    return Files.readString(
        tmp.resolve("work/jobs").resolve(job).resolve("workspace").resolve(file));
  }

  @Test
  void githubStepsGetTheRunnersVariablesAndGithubEnvReachesLaterSteps() throws Exception {
    String sha =
        commitGithub(
            """
        env:
          FROM_WORKFLOW: w
        jobs:
          a:
            runs-on: ubuntu-latest
            env:
              FROM_JOB: ${{ github.ref_name }}-j
            steps:
              - uses: actions/checkout@v4
                with: {fetch-depth: 0}
              - uses: actions/setup-java@v4
                with: {distribution: temurin, java-version: '17', cache: maven}
              - uses: aws-actions/configure-aws-credentials@v4
                with: {role-to-assume: '${{ secrets.ROLE }}'}
              - name: set
                run: |
                  echo "ONE=1" >> "$GITHUB_ENV"
                  { echo 'MULTI<<EOF'; echo 'line a'; echo 'line b'; echo EOF; } >> "$GITHUB_ENV"
                  echo "$GITHUB_ENV" > first-env-file
                  test -z "${ONE:-}"
              - name: read
                env:
                  STEP: s-${{ env.ONE }}
                run: |
                  test "$ONE" = 1
                  test "$MULTI" = "$(printf 'line a\\nline b')"
                  test "$GITHUB_ENV" != "$(cat first-env-file)"
                  env | grep -E '^(CI|GITHUB_[A-Z_]+|RUNNER_TEMP|FROM_[A-Z]+|STEP|AZBUILD_CACHE_REGISTRY|CIRCLECI|SECRET_TOKEN|JAVA_HOME)=' | sort > vars
                  echo "head_ref=[${GITHUB_HEAD_REF-unset}] base_ref=[${GITHUB_BASE_REF-unset}]" >> vars
                  mvn -v > mvn-output
                  git rev-parse HEAD > head
                  git rev-parse --abbrev-ref HEAD > branch
        """);
    RunReport report = run(Vendor.GITHUB, Set.of(), 2);
    assertThat(report.results())
        .singleElement()
        .satisfies(r -> assertThat(r.outcome()).as(r.reason()).isEqualTo(Outcome.SUCCESS));
    String vars = out("a", "vars");
    Path workspace = tmp.resolve("work/jobs/a/workspace");
    assertThat(vars)
        .contains(
            "CI=true\n",
            "GITHUB_ACTIONS=true\n",
            "GITHUB_SHA=" + sha + "\n",
            "GITHUB_REF=refs/heads/main\n",
            "GITHUB_REF_NAME=main\n",
            "GITHUB_EVENT_NAME=push\n",
            "GITHUB_WORKSPACE=" + workspace + "\n",
            "RUNNER_TEMP=" + tmp.resolve("work/jobs/a/temp") + "\n",
            "FROM_WORKFLOW=w\n",
            "FROM_JOB=main-j\n",
            "STEP=s-1\n",
            "AZBUILD_CACHE_REGISTRY=127.0.0.1:5000/x\n",
            "GITHUB_JOB=a\n",
            "GITHUB_RUN_ATTEMPT=1\n",
            "JAVA_HOME=" + System.getProperty("java.home") + "\n",
            "head_ref=[] base_ref=[]")
        .containsPattern("GITHUB_RUN_ID=\\d+\n")
        .doesNotContain("leaked")
        .doesNotContain("CIRCLECI")
        .contains(
            "SECRET_TOKEN=s3cr3t\n"); // this machine's other variables pass, as on a self-hosted
    // runner
    assertThat(out("a", "head").strip()).isEqualTo(sha);
    assertThat(out("a", "branch").strip()).isEqualTo("main");
    // mvn is the configured Maven, with the job's own repository chained to the shared one
    assertThat(out("a", "mvn-output"))
        .contains(
            "fake-mvn args=-v MAVEN_ARGS=-Dmaven.repo.local="
                + tmp.resolve("work/jobs/a/m2")
                + " -Dmaven.repo.local.tail="
                + tmp.resolve("shared")
                + " -o -Dx=1");
    String log = Files.readString(tmp.resolve("work/jobs/a/job.log"));
    assertThat(log)
        .contains("actions/checkout@v4 -> a fresh clone of " + repo.dir())
        .contains("actions/setup-java@v4 -> the JDK running this Maven")
        .contains(
            "warning: aws-actions/configure-aws-credentials@v4 has no local equivalent; skipped")
        .doesNotContain("s3cr3t");
    // the record has the timeline
    assertThat(Files.readString(tmp.resolve("work/ci-local.json")))
        .contains("\"commit\": \"" + sha + "\"")
        .contains("\"id\": \"a\", \"outcome\": \"SUCCESS\"");
  }

  @Test
  void circleciRunStepsSourceBashEnvAndWorkspacesFlowDownstream() throws Exception {
    repo.write(
        ".circleci/config.yml",
        """
        version: 2.1
        executors:
          e:
            machine: {image: ubuntu-2204:current}
            environment: {FROM_EXECUTOR: x}
        commands:
          greet:
            parameters:
              who: {type: string, default: world}
            steps:
              - run:
                  name: greet << parameters.who >>
                  command: echo "hello << parameters.who >>" > greeting
        jobs:
          produce:
            executor: e
            steps:
              - checkout
              - run: echo 'export FOO=from-bash-env' >> "$BASH_ENV"
              - run:
                  name: check
                  command: |
                    test "$FOO" = from-bash-env
                    env | grep -E '^(CI|CIRCLECI|CIRCLE_[A-Z0-9_]+|FROM_EXECUTOR|GITHUB_SHA)=' | sort > vars
                    mkdir -p out && echo produced > out/file.txt
              - greet: {who: circle}
              - persist_to_workspace: {root: out, paths: [file.txt]}
              - store_artifacts: {path: vars, destination: v}
          consume:
            executor: e
            steps:
              - attach_workspace: {at: got}
              - run: test "$(cat got/file.txt)" = produced
          main-only:
            executor: e
            steps:
              - run: 'true'
        workflows:
          w:
            jobs:
              - produce
              - consume: {requires: [produce]}
              - main-only:
                  requires: [consume]
                  filters: {branches: {only: /rel.*/}}
        """);
    String sha = repo.commit("config");
    RunReport report = run(Vendor.CIRCLECI, Set.of(), 2);
    assertThat(report.results())
        .extracting(JobResult::outcome)
        .containsExactly(Outcome.SUCCESS, Outcome.SUCCESS, Outcome.SKIPPED);
    Path project = tmp.resolve("work/jobs/produce/project");
    assertThat(Files.readString(project.resolve("vars")))
        .contains(
            "CI=true\n",
            "CIRCLECI=true\n",
            "CIRCLE_SHA1=" + sha + "\n",
            "CIRCLE_BRANCH=main\n",
            "CIRCLE_JOB=produce\n",
            "CIRCLE_BUILD_NUM=1\n",
            "CIRCLE_WORKING_DIRECTORY=" + project + "\n",
            "FROM_EXECUTOR=x\n")
        .containsPattern("CIRCLE_WORKFLOW_ID=[0-9a-f-]{36}\n")
        .doesNotContain("GITHUB_SHA");
    assertThat(Files.readString(project.resolve("greeting"))).isEqualTo("hello circle\n");
    assertThat(tmp.resolve("work/jobs/produce/artifacts/v/vars")).exists();
    assertThat(report.results().get(2).reason())
        .isEqualTo("filters: branches only /rel.*/ (branch main)");
  }

  @Test
  void jobsRunInDependencyOrderAtMostConcurrencyAtOnce() throws Exception {
    commitGithub(
        """
        jobs:
          a: {runs-on: x, steps: [{run: sleep 1}]}
          b: {runs-on: x, steps: [{run: sleep 1}]}
          c: {runs-on: x, steps: [{run: sleep 1}]}
          d: {runs-on: x, needs: [a, b], steps: [{run: sleep 1}]}
          e: {runs-on: x, needs: d, steps: [{run: 'true'}]}
        """);
    RunReport report = run(Vendor.GITHUB, Set.of(), 2);
    assertThat(report.passed()).isTrue();
    Map<String, JobResult> r = new java.util.HashMap<>();
    report.results().forEach(x -> r.put(x.job(), x));
    for (JobResult x : report.results()) {
      long running =
          report.results().stream()
              .filter(y -> !y.started().isAfter(x.started()) && x.started().isBefore(y.ended()))
              .count();
      assertThat(running).as("jobs running when %s started", x.job()).isLessThanOrEqualTo(2);
    }
    assertThat(r.get("d").started())
        .isAfterOrEqualTo(r.get("a").ended())
        .isAfterOrEqualTo(r.get("b").ended());
    assertThat(r.get("e").started()).isAfterOrEqualTo(r.get("d").ended());
  }

  @Test
  void aFailedJobStopsItsDependentsAndCanBeReRunAtTheSameCommit() throws Exception {
    Path allow = tmp.resolve("allow");
    String sha =
        commitGithub(
            """
        jobs:
          build:
            runs-on: x
            steps:
              - run: test -e %s || { echo "not allowed yet"; exit 3; }
              - name: report
                if: ${{ always() }}
                run: echo reported > report
              - name: never
                run: touch never
          other: {runs-on: x, steps: [{run: 'true'}]}
          gate:
            runs-on: x
            needs: [build, other]
            if: ${{ !cancelled() }}
            steps: [{run: 'test "${{ needs.build.result }}" = success'}]
          deploy:
            runs-on: x
            needs: gate
            if: github.ref == 'refs/heads/main'
            steps: [{run: 'echo "$GITHUB_RUN_ATTEMPT" > attempt'}]
        """
                .formatted(allow));
    RunReport first = run(Vendor.GITHUB, Set.of(), 2);
    // the gate runs although build failed (!cancelled()), and fails; deploy does not run
    assertThat(first.results())
        .extracting(JobResult::outcome)
        .containsExactly(Outcome.FAILED, Outcome.SUCCESS, Outcome.FAILED, Outcome.NOT_RUN);
    assertThat(first.failed()).containsExactly("build", "gate");
    assertThat(first.rerun()).as("re-running build re-runs the gate").containsExactly("build");
    assertThat(first.results().get(3).reason()).isEqualTo("needs 'gate', which failed");
    // a name made from the command shows it as written: expressions (secrets) are not filled in
    assertThat(first.results().get(2).reason())
        .isEqualTo("step 1 'Run test \"${{ needs.build.result }}\" = success' exited with 1");
    assertThat(first.results().get(0).reason())
        .isEqualTo(
            "step 1 'Run test -e "
                + allow
                + " || { echo \"not allowed yet\"; exit 3; }' exited with 3");
    assertThat(tmp.resolve("work/jobs/build/workspace/report")).exists();
    assertThat(tmp.resolve("work/jobs/build/workspace/never")).doesNotExist();
    assertThat(Files.readString(tmp.resolve("work/jobs/build/job.log")))
        .contains("not allowed yet");

    // a new commit does not matter: the re-run is of the recorded run
    repo.write("other.txt", "x");
    repo.commit("later");
    Files.writeString(allow, "");
    RunReport rerun = run(Vendor.GITHUB, Set.of("build"), 2);
    assertThat(rerun.run().commit()).isEqualTo(sha);
    assertThat(rerun.run().attempt()).isEqualTo(2);
    assertThat(rerun.results())
        .extracting(JobResult::outcome)
        .containsExactly(Outcome.SUCCESS, Outcome.SUCCESS, Outcome.SUCCESS, Outcome.SUCCESS);
    assertThat(rerun.results().get(1).fromEarlierRun()).isTrue();
    assertThat(rerun.results().get(2).fromEarlierRun()).isFalse();
    assertThat(out("deploy", "attempt").strip()).isEqualTo("2");
  }

  @Test
  void deployJobsOfTheDefaultBranchAreSkippedOnABranch() throws Exception {
    commitGithub(
        """
        jobs:
          build: {runs-on: x, steps: [{run: 'true'}]}
          deploy: {runs-on: x, needs: build, if: "github.ref == 'refs/heads/main'", steps: [{run: 'true'}]}
          after: {runs-on: x, needs: deploy, steps: [{run: 'true'}]}
        """);
    repo.checkoutNew("feature");
    RunReport report = run(Vendor.GITHUB, Set.of(), 2);
    assertThat(report.results())
        .extracting(JobResult::outcome)
        .containsExactly(Outcome.SUCCESS, Outcome.SKIPPED, Outcome.NOT_RUN);
    assertThat(report.results().get(1).reason())
        .isEqualTo("if: github.ref == 'refs/heads/main' is false (branch feature)");
    assertThat(report.results().get(2).reason()).isEqualTo("needs 'deploy', which was skipped");
    assertThat(report.passed()).isTrue();
  }

  // ---- refused workflows and settings: one line each ----

  @Test
  void aNeedOfAMissingJobIsOneLine() {
    assertThatThrownBy(
            () ->
                GithubReader.read(
                    "jobs:\n  a: {runs-on: x, needs: [b], steps: [{run: 'true'}]}\n", "wf.yml"))
        .isInstanceOf(WorkflowException.class)
        .hasMessage(
            "wf.yml: job 'a' needs 'b', which is not a job of this workflow; remove it from the needs of 'a' or name"
                + " an existing job (or regenerate the file with `mvn azbuild:ci-config`)");
    assertThatThrownBy(
            () ->
                CircleCiReader.read(
                    """
        version: 2.1
        jobs:
          a: {machine: true, steps: [{run: 'true'}]}
        workflows:
          w:
            jobs:
              - a: {requires: [build-x]}
        """,
                    ".circleci/config.yml",
                    java.util.Optional.empty()))
        .hasMessage(
            ".circleci/config.yml: job 'a' requires 'build-x', which is not a job of this workflow; remove it from the"
                + " requires of 'a' or name an existing job (or regenerate the file with `mvn azbuild:ci-config`)");
  }

  @Test
  void aCycleIsOneLineNamingTheJobsAndTheFix() {
    assertThatThrownBy(
            () ->
                GithubReader.read(
                    """
        jobs:
          build: {runs-on: x, steps: [{run: 'true'}]}
          deploy-a: {runs-on: x, needs: [build, deploy-b], steps: [{run: 'true'}]}
          deploy-b: {runs-on: x, needs: [deploy-a], steps: [{run: 'true'}]}
        """,
                    ".github/workflows/azbuild.yml"))
        .hasMessage(
            ".github/workflows/azbuild.yml: jobs wait for each other in a cycle (deploy-a -> deploy-b -> deploy-a),"
                + " so none of them could start; remove 'deploy-b' from the needs of 'deploy-a' (or regenerate the file with"
                + " `mvn azbuild:ci-config`)");
  }

  @Test
  void whatCannotRunLocallyIsRefusedWhenRead() {
    assertThatThrownBy(
            () ->
                GithubReader.read(
                    "jobs:\n  a: {runs-on: x, strategy: {matrix: {v: [1]}}, steps: [{run: 'true'}]}\n",
                    "f"))
        .hasMessageStartingWith("f: job 'a' uses 'strategy', which ci-local cannot run");
    assertThatThrownBy(
            () ->
                GithubReader.read(
                    "jobs:\n  a: {runs-on: x, steps: [{run: 'echo ${{ matrix.v }}'}]}\n", "f"))
        .hasMessageStartingWith(
            "f: job 'a' step 1 run: cannot evaluate the expression 'matrix.v' locally: the context 'matrix'"
                + " is not available (known: env, github, job, needs, runner, secrets, steps, vars)")
        .hasMessageEndingWith(
            "rewrite the expression, or run the file `mvn azbuild:ci-config` generates");
    assertThatThrownBy(
            () ->
                GithubReader.read(
                    "jobs:\n  a: {runs-on: x, if: 'hashFiles(\"x\")', steps: [{run: 'true'}]}\n",
                    "f"))
        .hasMessageContaining("the function 'hashFiles()' is not supported");
    assertThatThrownBy(
            () ->
                CircleCiReader.read(
                    "version: 2.1\norbs: {a: b/c@1}\njobs: {}\nworkflows: {w: {jobs: []}}\n",
                    "c",
                    java.util.Optional.empty()))
        .hasMessageStartingWith("c: orbs are used, which ci-local cannot fetch or run");
    assertThatThrownBy(
            () ->
                CircleCiReader.read(
                    "version: 2.1\njobs:\n  a: {machine: true, steps: [frobnicate]}\n"
                        + "workflows: {w: {jobs: [a]}}\n",
                    "c",
                    java.util.Optional.empty()))
        .hasMessage(
            "c: job 'a' step 1 names 'frobnicate', which is neither a built-in step nor one of the file's commands;"
                + " define the command or fix the name");
  }

  @Test
  void badSettingsAreOneLine() throws Exception {
    commitGithub("jobs:\n  a: {runs-on: x, steps: [{run: 'true'}]}\n");
    assertThatThrownBy(() -> run(Vendor.GITHUB, Set.of("a"), 2))
        .hasMessage(
            "azbuild.ciLocal.jobs: no earlier github run in "
                + tmp.resolve("work")
                + " to re-run jobs of; run the whole workflow first (without -Dazbuild.ciLocal.jobs)");
    run(Vendor.GITHUB, Set.of(), 2);
    assertThatThrownBy(() -> run(Vendor.GITHUB, Set.of("nope"), 2))
        .hasMessage(
            "azbuild.ciLocal.jobs: 'nope' is not a job of .github/workflows/azbuild.yml; name jobs of it: a");
    assertThatThrownBy(() -> run(Vendor.CIRCLECI, Set.of(), 2))
        .hasMessageStartingWith(
            ".circleci/config.yml does not exist at " + repo.head().substring(0, 12))
        .hasMessageEndingWith(
            "generate it with `mvn azbuild:ci-config` and commit it (ci-local runs what is committed)");
    Files.writeString(
        mavenHome.resolve("lib/maven-core-3.9.9.jar").resolveSibling("maven-core-3.8.7.jar"), "");
    Files.delete(mavenHome.resolve("lib/maven-core-3.9.9.jar"));
    assertThatThrownBy(() -> run(Vendor.GITHUB, Set.of(), 2))
        .hasMessage(
            "azbuild.ciLocal.mavenHome: "
                + mavenHome
                + " is Maven 3.8.7; the jobs need Maven 3.9 or newer"
                + " (MAVEN_ARGS, chained local repositories): give the directory of one, e.g. the Maven wrapper's");
    assertThatThrownBy(() -> Vendor.parse("gitlab", "azbuild.ciLocal.target"))
        .hasMessage(
            "azbuild.ciLocal.target: unknown target 'gitlab'; use github or circleci (one per run)");
  }

  // ---- the parts ----

  @Test
  void githubEnvFilesParseAsTheRunnerReadsThem() {
    assertThat(JobRun.parseEnvFile("A=1\n\nB=x=y\nC<<EOF\nl1\nl2\nEOF\nD<<X\n\nX\n"))
        .containsExactly(
            Map.entry("A", "1"),
            Map.entry("B", "x=y"),
            Map.entry("C", "l1\nl2"),
            Map.entry("D", ""));
    // '=' before '<<' is a plain line
    assertThat(JobRun.parseEnvFile("E=a<<b\n")).containsExactly(Map.entry("E", "a<<b"));
    assertThatThrownBy(() -> JobRun.parseEnvFile("F<<EOF\nno end\n"))
        .hasMessage("Invalid value. Matching delimiter not found 'EOF'");
    assertThatThrownBy(() -> JobRun.parseEnvFile("F<<EOF\nv\nEOF"))
        .hasMessage("Invalid value. EOF marker missing new line.");
    assertThatThrownBy(() -> JobRun.parseEnvFile("<<EOF\n"))
        .hasMessageContaining("Name must not be empty");
    assertThatThrownBy(() -> JobRun.parseEnvFile("justtext\n"))
        .hasMessage("Invalid format 'justtext'");
  }

  @Test
  void expressionsCoverWhatTheWorkflowsUse() {
    GithubExpressions.Context c =
        new GithubExpressions.Context() {
          public Object lookup(List<String> path) {
            return switch (String.join(".", path)) {
              case "github.ref" -> "refs/heads/main";
              case "env.X" -> "a'b";
              default -> null;
            };
          }

          public boolean status(String f) {
            return f.equals("failure");
          }
        };
    assertThat(GithubExpressions.condition("github.ref == 'refs/heads/main'", c))
        .isFalse(); // success() is false here
    assertThat(GithubExpressions.condition("${{ always() && github.ref == 'REFS/heads/main' }}", c))
        .isTrue();
    assertThat(GithubExpressions.condition("${{ !cancelled() }}", c)).isTrue();
    assertThat(
            GithubExpressions.condition("failure() && (contains(github.ref, 'main') || false)", c))
        .isTrue();
    assertThat(GithubExpressions.condition("failure() && github.ref != 'refs/heads/main'", c))
        .isFalse();
    assertThat(
            GithubExpressions.interpolate("x=${{ env.X }} y=${{ env['X'] }} z=${{ 'it''s' }}", c))
        .isEqualTo("x=a'b y=a'b z=it's");
  }

  @Test
  void theSweepUntagsTheBuildsImagesButNotThoseARunningJobMayUse() {
    // a stand-in for the daemon's image list: the policy is what is tested here; the ITs use the
    // real daemon
    List<String> images =
        new ArrayList<>(
            List.of("127.0.0.1:5000/p/api:1", "127.0.0.1:5000/other/api:1", "busybox:1"));
    List<String> untagged = new ArrayList<>();
    ImageSweep sweep =
        new ImageSweep(
            new DaemonImages() {
              public List<String> references() {
                return List.copyOf(images);
              }

              public void untag(String reference) {
                images.remove(reference);
                untagged.add(reference);
              }
            },
            List.of("127.0.0.1:5000/p"));
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    assertThat(sweep.beforeJob(t0, List.of())).containsExactly("127.0.0.1:5000/p/api:1");
    // job A starts at t0 and pulls web; job B starts at t1: web may be A's, so it stays
    images.add("127.0.0.1:5000/p/web:1");
    Instant t1 = t0.plusSeconds(5);
    assertThat(sweep.beforeJob(t1, List.of(t0))).isEmpty();
    // A is done, C starts: now web goes (B, still running, started before it was seen, so it could
    // be B's... no: B
    // started at t1, web was first seen at t1, so B may have made it: kept until B ends too)
    assertThat(sweep.beforeJob(t1.plusSeconds(5), List.of(t1))).isEmpty();
    assertThat(sweep.beforeJob(t1.plusSeconds(9), List.of()))
        .containsExactly("127.0.0.1:5000/p/web:1");
    assertThat(images).containsExactly("127.0.0.1:5000/other/api:1", "busybox:1");
  }
}
