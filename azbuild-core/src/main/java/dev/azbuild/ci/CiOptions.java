package dev.azbuild.ci;

/**
 * How the generated jobs run.
 *
 * @param mavenCommand how jobs call Maven: {@code mvn}, or {@code ./mvnw} when the reactor has a
 *     wrapper
 * @param groupAbove with more image modules than this, modules are grouped into jobs (see {@link
 *     CiLayout})
 */
public record CiOptions(
    String mavenCommand, CircleCiOptions circleci, GithubOptions github, int groupAbove) {

  /**
   * Where the gate job puts the build jobs' reports, relative to the reactor root; ci-collect reads
   * them there.
   */
  public static final String REPORTS_DIR = "target/azbuild/jobs";

  public CiOptions {
    mavenCommand = mavenCommand == null || mavenCommand.isBlank() ? "mvn" : mavenCommand.strip();
    if (groupAbove < 1) {
      throw new IllegalArgumentException(
          "azbuild.ciConfig.groupAbove must be at least 1, got " + groupAbove);
    }
  }

  public CiOptions(String mavenCommand, CircleCiOptions circleci, GithubOptions github) {
    this(mavenCommand, circleci, github, CiLayout.DEFAULT_GROUP_ABOVE);
  }

  public static CiOptions defaults() {
    return new CiOptions("mvn", CircleCiOptions.defaults(), GithubOptions.defaults());
  }

  public CiOptions withGroupAbove(int n) {
    return new CiOptions(mavenCommand, circleci, github, n);
  }

  /** {@code mvn -B azbuild:setenv}: every job's first azbuild step. */
  String setenv() {
    return mavenCommand + " -B azbuild:setenv";
  }

  /**
   * Builds what Maven builds of a job's modules (jars their Dockerfiles copy), with the in-repo
   * modules they depend on ({@code -am}): the job starts from an empty local repository. azbuild's
   * own goals, when the pom binds them in the lifecycle, are skipped here: the next step builds the
   * images of the job's modules only (with {@code -am} they would also run for upstream modules).
   */
  String mavenPackage(CiJob job) {
    return mavenCommand + " -B package -pl " + job.mavenBuiltSelectors() + " -am -D" + SKIP_AZBUILD;
  }

  /** Skips every azbuild goal of a Maven run. */
  static final String SKIP_AZBUILD = "azbuild.skip=true";

  /**
   * Builds a job's modules; the plan covers the whole reactor, upstream images come from upstream
   * jobs.
   */
  String build(CiJob job) {
    return mavenCommand + " -B azbuild:build -pl " + job.selectors();
  }

  /**
   * The gate: merges the build jobs' reports, writes the graph, fails unless every module was
   * built.
   */
  String collect() {
    return mavenCommand + " -B azbuild:ci-collect";
  }

  /** Deploys a job's modules; the deploy gate still checks every module's image. */
  String deploy(CiJob job) {
    return mavenCommand + " -B azbuild:deploy -Dazbuild.deploy.modules=" + job.selectors();
  }
}
