package dev.azbuild.mojo;

import dev.azbuild.git.BaseCommit;
import dev.azbuild.git.ChangedFiles;
import dev.azbuild.git.GitException;
import dev.azbuild.git.GitRepo;
import dev.azbuild.patterns.InvalidRebuildPatternException;
import dev.azbuild.patterns.RebuildPatterns;
import dev.azbuild.plan.PlanService;
import dev.azbuild.plan.PlanSettings;
import java.io.File;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Whether a file matching a regex changed since the base commit: prints {@code true} or
 * {@code false}, optionally writes it to a file, and fails only when asked to.
 */
@Mojo(name = ChangedMojo.GOAL, aggregator = true, threadSafe = true)
public class ChangedMojo extends AbstractPlanMojo {

  static final String GOAL = "changed";

  /** A POSIX extended regex matched against changed paths (relative to the git root), like grep -E. */
  @Parameter(property = "azbuild.path", required = true)
  private String path;

  /** Also write {@code true}/{@code false} to this file. */
  @Parameter(property = "azbuild.output")
  private File output;

  /** Fail the build when a matching file changed. */
  @Parameter(property = "azbuild.failIfChanged", defaultValue = "false")
  private boolean failIfChanged;

  /** Fail the build when no matching file changed. */
  @Parameter(property = "azbuild.failIfUnchanged", defaultValue = "false")
  private boolean failIfUnchanged;

  @Override
  protected void doExecute() throws MojoExecutionException, MojoFailureException {
    RebuildPatterns patterns;
    try {
      patterns = RebuildPatterns.parse("azbuild.path", path);
    } catch (InvalidRebuildPatternException e) {
      throw new MojoFailureException(e.getMessage(), e);
    }
    if (patterns.isEmpty()) {
      throw new MojoFailureException("azbuild.path is empty; give a regex such as -Dazbuild.path=^services/api/");
    }
    PlanSettings settings = settings();
    boolean changed;
    try (GitRepo git = GitRepo.open(executionRoot())) {
      Optional<ObjectId> head = settings.head().isPresent()
          ? Optional.of(git.resolveCommit(settings.head().get(), "azbuild.head")) : Optional.empty();
      BaseCommit base = PlanService.resolveBase(git, settings, head.orElse(git.head()));
      base.warnings().forEach(getLog()::warn);
      if (!base.found()) {
        getLog().warn("no base commit: every file counts as changed");
        changed = true;
      } else {
        List<String> files = ChangedFiles.since(git, base.commit().get(), head);
        Optional<RebuildPatterns.Match> match = patterns.firstMatch(files);
        match.ifPresent(m -> getLog().info(m.path() + " matched " + m.pattern()));
        changed = match.isPresent();
      }
    } catch (GitException e) {
      throw new MojoFailureException(e.getMessage(), e);
    }
    Answers.report(changed, output, getLog());
    if (changed && failIfChanged) {
      throw new MojoFailureException("a file matching " + path + " changed (azbuild.failIfChanged=true)");
    }
    if (!changed && failIfUnchanged) {
      throw new MojoFailureException("no file matching " + path + " changed (azbuild.failIfUnchanged=true)");
    }
  }
}
