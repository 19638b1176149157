package dev.azbuild.mojo;

import dev.azbuild.git.BaseCommit;
import dev.azbuild.git.GitException;
import dev.azbuild.git.GitRepo;
import dev.azbuild.env.CiDetector;
import dev.azbuild.env.CiInfo;
import dev.azbuild.env.EnvTarget;
import dev.azbuild.env.EnvTargets;
import dev.azbuild.env.TagNames;
import dev.azbuild.plan.Mode;
import dev.azbuild.plan.PlanService;
import dev.azbuild.plan.PlanSettings;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Detects the CI, resolves branch, commit, default branch and base commit, and writes them as
 * {@code AZBUILD_*} variables for later CI steps: to {@code $BASH_ENV} on CircleCI, to
 * {@code $GITHUB_ENV} on GitHub Actions, and always to {@code target/azbuild/env.sh} and
 * {@code env.properties} at the reactor root.
 */
@Mojo(name = SetenvMojo.GOAL, aggregator = true, threadSafe = true)
public class SetenvMojo extends AbstractPlanMojo {

  static final String GOAL = "setenv";

  @Override
  protected void doExecute() throws MojoExecutionException, MojoFailureException {
    Map<String, String> env = System.getenv();
    CiInfo ci = CiDetector.detect(env);
    PlanSettings settings = settings();
    Optional<String> configuredDefault = settings.defaultBranch().or(ci::defaultBranch);
    PlanSettings withDefault = settings.withDefaultBranch(configuredDefault);
    Map<String, String> vars = new LinkedHashMap<>();
    try (GitRepo git = GitRepo.open(executionRoot())) {
      ObjectId head = settings.head().isPresent() ? git.resolveCommit(settings.head().get(), "azbuild.head") : git.head();
      BaseCommit base = PlanService.resolveBase(git, withDefault, head);
      base.warnings().forEach(getLog()::warn);
      Mode effectiveMode = settings.mode();
      if (!base.found()) {
        getLog().warn("no base commit: diff mode cannot be used; AZBUILD_MODE=content (needs no base)");
        effectiveMode = Mode.CONTENT;
      }
      vars.put("AZBUILD_CI", ci.vendor().name().toLowerCase(java.util.Locale.ROOT));
      vars.put("AZBUILD_BRANCH", base.branch());
      vars.put("AZBUILD_BRANCH_TAG", base.branch().isEmpty() ? "" : TagNames.sanitize(base.branch()));
      vars.put("AZBUILD_COMMIT", head.name());
      vars.put("AZBUILD_DEFAULT_BRANCH", base.defaultBranch());
      vars.put("AZBUILD_IS_DEFAULT_BRANCH", Boolean.toString(base.branch().equals(base.defaultBranch())));
      vars.put("AZBUILD_TARGET_BRANCH", settings.targetBranch().orElse(""));
      vars.put("AZBUILD_BASE", base.sha().orElse(""));
      vars.put("AZBUILD_BASE_HOW", base.how());
      vars.put("AZBUILD_MODE", effectiveMode.id());
      vars.put("AZBUILD_BUILD_URL", ci.buildUrl().orElse(""));
      getLog().info("azbuild setenv: " + ci.vendor().displayName() + ", branch " + base.branch() + ", commit "
          + head.name().substring(0, 12) + ", base " + base.sha().map(s -> s.substring(0, 12)).orElse("none")
          + " (" + base.how() + ")");
    } catch (GitException e) {
      throw new MojoFailureException(e.getMessage(), e);
    }
    for (EnvTarget target : EnvTargets.resolve(env, reactorRoot())) {
      try {
        target.write(vars);
      } catch (IOException | IllegalArgumentException e) {
        throw new MojoExecutionException("cannot write " + target.describe() + ": " + e.getMessage(), e);
      }
      getLog().info("wrote " + vars.size() + " variables to " + target.describe());
    }
  }
}
