package dev.azbuild.ci;

/**
 * How the generated jobs run.
 *
 * @param mavenCommand how jobs call Maven: {@code mvn}, or {@code ./mvnw} when the reactor has a wrapper
 */
public record CiOptions(String mavenCommand, CircleCiOptions circleci, GithubOptions github) {

  public CiOptions {
    mavenCommand = mavenCommand == null || mavenCommand.isBlank() ? "mvn" : mavenCommand.strip();
  }

  public static CiOptions defaults() {
    return new CiOptions("mvn", CircleCiOptions.defaults(), GithubOptions.defaults());
  }

  /** {@code mvn -B azbuild:setenv}: every job's first azbuild step. */
  String setenv() {
    return mavenCommand + " -B azbuild:setenv";
  }

  /** Builds one module; the plan covers the whole reactor, upstream images come from upstream jobs. */
  String build(CiModule m) {
    return mavenCommand + " -B azbuild:build -pl " + m.selector();
  }

  /** Deploys one module; the deploy gate still checks every module's image. */
  String deploy(CiModule m) {
    return mavenCommand + " -B azbuild:deploy -Dazbuild.deploy.modules=" + m.selector();
  }
}
