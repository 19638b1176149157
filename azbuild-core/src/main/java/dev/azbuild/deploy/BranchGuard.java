package dev.azbuild.deploy;

/** Deploy runs on the default branch only, unless allowed. */
public final class BranchGuard {

  private BranchGuard() {}

  public static void check(String branch, String defaultBranch, boolean allowBranch)
      throws DeployException {
    if (!allowBranch && !branch.equals(defaultBranch)) {
      throw new DeployException(
          "deploy runs only on the default branch "
              + defaultBranch
              + ", not on branch "
              + branch
              + "; set -Dazbuild.deploy.allowBranch=true to deploy this branch anyway");
    }
  }
}
