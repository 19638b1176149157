package dev.azbuild.mojo;

import dev.azbuild.api.Azbuild;
import dev.azbuild.api.Setting;
import dev.azbuild.api.Settings;
import dev.azbuild.docker.DaemonUnreachableException;
import dev.azbuild.io.AzbuildException;
import dev.azbuild.tools.TerraformInstallException;
import java.lang.reflect.Field;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

/**
 * Base of every goal: the global skip flag, the goal's parameters as azbuild-core's {@link
 * Settings}, one {@link Azbuild} per execution, and core's exceptions as one-line Maven failures:
 * {@code MojoExecutionException} when the environment broke (no Docker daemon, terraform cannot be
 * installed), {@code MojoFailureException} for everything input or a check refused.
 */
public abstract class AbstractAzbuildMojo extends AbstractMojo {

  /** Skips every azbuild goal. */
  @Parameter(property = "azbuild.skip", defaultValue = "false")
  protected boolean skip;

  @Parameter(defaultValue = "${session}", readonly = true, required = true)
  protected MavenSession session;

  @Parameter(defaultValue = "${project}", readonly = true)
  protected MavenProject project;

  @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
  private MojoExecution mojoExecution;

  /**
   * Maven's resolver: content mode hashes the files of SNAPSHOT dependencies from outside the
   * reactor.
   */
  @Component private RepositorySystem repositorySystem;

  @Component private SettingsDecrypter settingsDecrypter;

  /** The process environment (a field, so tests can give another). */
  Map<String, String> environment = System.getenv();

  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    try {
      if (skip) {
        getLog().info("azbuild: skipped (azbuild.skip=true)");
        skipped();
        return;
      }
      doExecute();
    } catch (DaemonUnreachableException | TerraformInstallException e) {
      throw error(e);
    } catch (AzbuildException e) {
      throw failure(e);
    } catch (RuntimeException e) {
      throw new MojoExecutionException("azbuild failed unexpectedly: " + e, e);
    }
  }

  /**
   * A BUILD FAILURE whose line is core's message and nothing else. Maven appends to the line the
   * message of every cause it does not already contain (a reworded cause twice, a cause without a
   * message as {@code ": ClosedChannelException"}); core's message already says what, where and
   * what to do, so the exception goes along as a suppressed one: {@code mvn -e} still prints its
   * stack trace and causes.
   */
  static MojoFailureException failure(AzbuildException e) {
    MojoFailureException failure = new MojoFailureException(e.getMessage());
    failure.addSuppressed(e);
    return failure;
  }

  /** A BUILD ERROR whose line is core's message and nothing else (see {@link #failure}). */
  static MojoExecutionException error(AzbuildException e) {
    MojoExecutionException error = new MojoExecutionException(e.getMessage());
    error.addSuppressed(e);
    return error;
  }

  protected abstract void doExecute()
      throws AzbuildException, MojoExecutionException, MojoFailureException;

  /** Called instead of {@link #doExecute} when {@code azbuild.skip} is set. */
  protected void skipped() throws AzbuildException {}

  /** This execution: whether it was bound in the lifecycle or named on the command line. */
  protected final MojoExecution mojoExecution() {
    return mojoExecution;
  }

  /**
   * The core for this execution, sharing the build session with the other executions of this build.
   */
  protected final Azbuild azbuild() {
    return new Azbuild(
        settings(),
        new MavenBuildHost(session, repositorySystem, settingsDecrypter),
        MavenBuildSessions.of(session),
        environment);
  }

  /**
   * This goal's parameters as settings: a parameter's value, then the setting's environment
   * variable, then its default.
   */
  protected final Settings settings() {
    Map<Setting, Settings.Given> given = new EnumMap<>(Setting.class);
    for (org.apache.maven.plugin.descriptor.Parameter parameter :
        mojoExecution.getMojoDescriptor().getParameters()) {
      Optional<Setting> setting = propertyOf(parameter).flatMap(Setting::byProperty);
      if (setting.isPresent()) {
        given.put(
            setting.get(),
            Settings.Given.of(
                fieldValue(parameter.getName()),
                session.getUserProperties().containsKey(setting.get().property())));
      }
    }
    return Settings.resolve(given, environment);
  }

  /** {@code azbuild.mode} of a parameter whose expression is {@code ${azbuild.mode}}. */
  static Optional<String> propertyOf(org.apache.maven.plugin.descriptor.Parameter parameter) {
    String expression = parameter.getExpression();
    if (expression == null || !expression.startsWith("${") || !expression.endsWith("}")) {
      return Optional.empty();
    }
    return Optional.of(expression.substring(2, expression.length() - 1));
  }

  private Object fieldValue(String name) {
    for (Class<?> type = getClass();
        type != null && type != Object.class;
        type = type.getSuperclass()) {
      try {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field.get(this);
      } catch (NoSuchFieldException e) {
        // declared further up
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("cannot read parameter " + name, e);
      }
    }
    throw new IllegalStateException(
        "no field for parameter " + name + " in " + getClass().getName());
  }

  /** {@code groupId:artifactId} of this execution's project. */
  protected final String moduleId() {
    return MavenReactor.id(project);
  }
}
