package dev.azbuild.mojo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.azbuild.graph.ModuleSettingSource;
import dev.azbuild.graph.ReactorModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.maven.execution.DefaultMavenExecutionRequest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Model;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Module settings set once in a parent apply to the modules that can use them: the pom-packaged
 * parent that declares them builds no image, a library opts out, and the mistakes (an inherited
 * Dockerfile a module lacks, an opt-out next to an image setting) are one line naming the pom, the
 * setting and the fix. Real {@link MavenProject}s over models, as Maven builds them: the effective
 * model has the parent's properties, the original model only the pom's own.
 */
class MavenModuleSettingsTest {

  @TempDir Path repo;

  private final List<MavenProject> projects = new ArrayList<>();

  /** A project whose pom declares {@code own}; its effective properties add the parent's. */
  private MavenProject project(
      String dir, String artifactId, String packaging, MavenProject parent, Map<String, String> own)
      throws Exception {
    Path basedir = dir.isEmpty() ? repo : repo.resolve(dir);
    Files.createDirectories(basedir);
    Files.writeString(basedir.resolve("pom.xml"), "<project/>");
    Model original = new Model();
    original.setGroupId("g");
    original.setArtifactId(artifactId);
    original.setVersion("1");
    original.setPackaging(packaging);
    Properties ownProperties = new Properties();
    ownProperties.putAll(own);
    original.setProperties(ownProperties);
    Model effective = original.clone();
    Properties all = new Properties();
    if (parent != null) {
      all.putAll(parent.getProperties());
    }
    all.putAll(own);
    effective.setProperties(all);
    MavenProject p = new MavenProject(effective);
    p.setOriginalModel(original);
    p.setFile(basedir.resolve("pom.xml").toFile());
    if (parent != null) {
      p.setParent(parent);
      parent.getOriginalModel().addModule(dir);
    }
    projects.add(p);
    return p;
  }

  private void write(String path) throws Exception {
    Files.createDirectories(repo.resolve(path).getParent());
    Files.writeString(repo.resolve(path), "FROM 127.0.0.1:5000/base/jre:17\n");
  }

  private MavenSession session() {
    @SuppressWarnings("deprecation")
    MavenSession session = new MavenSession(null, null, new DefaultMavenExecutionRequest(), null);
    projects.get(0).setExecutionRoot(true);
    session.setProjects(projects);
    session.setAllProjects(projects);
    return session;
  }

  /** The example's layout: the root declares the shared Dockerfile, a library opts out. */
  private void javaServices() throws Exception {
    write("docker/Dockerfile");
    MavenProject root =
        project(
            "",
            "java-services",
            "pom",
            null,
            Map.of(
                "azbuild.dockerfile",
                repo.resolve("docker/Dockerfile").toString(),
                "azbuild.buildArg.JRE_IMAGE",
                "127.0.0.1:5000/base/jre:17"));
    project("libs/greeting", "greeting", "jar", root, Map.of("azbuild.image.skip", "true"));
    project("services/hello", "hello", "jar", root, Map.of());
    project("services/clock", "clock", "jar", root, Map.of());
  }

  @Test
  void aDockerfileSetOnceInTheRootServesEveryServiceButNotTheRootOrTheLibrary() throws Exception {
    javaServices();
    MavenSession session = session();

    List<ReactorModule> modules = MavenReactor.modules(session);

    assertThat(modules.stream().filter(ReactorModule::buildsImage).map(ReactorModule::image))
        .containsExactly("hello", "clock");
    ReactorModule hello = modules.get(2);
    assertThat(hello.dockerfile()).isEqualTo(repo.resolve("docker/Dockerfile"));
    assertThat(hello.context()).isEqualTo(repo.resolve("services/hello"));
    assertThat(hello.buildArgs()).containsEntry("JRE_IMAGE", "127.0.0.1:5000/base/jre:17");
    assertThat(MavenReactor.noImageReason(session, "g:java-services").orElseThrow())
        .isEqualTo(
            "a pom-packaged parent: azbuild.dockerfile is for its modules; set azbuild.image in"
                + " its pom to build an image of it");
    assertThat(MavenReactor.noImageReason(session, "g:greeting"))
        .contains("azbuild.image.skip=true");
    assertThat(MavenReactor.noImageReason(session, "g:hello")).isEmpty();
  }

  @Test
  void thePlanHeaderSaysWhereEachModuleSettingIsDeclared() throws Exception {
    javaServices();

    List<ModuleSettingSource> sources = MavenReactor.settingSources(session());

    assertThat(sources.stream().map(ModuleSettingSource::describe))
        .containsExactly(
            "azbuild.image.skip=true (libs/greeting/pom.xml) for libs/greeting",
            "azbuild.dockerfile="
                + repo.resolve("docker/Dockerfile")
                + " (pom.xml) for services/hello, services/clock",
            "azbuild.buildArg.JRE_IMAGE=127.0.0.1:5000/base/jre:17 (pom.xml) for services/hello,"
                + " services/clock");
  }

  @Test
  void aParentThatNamesItsOwnImageBuildsIt() throws Exception {
    write("Dockerfile");
    MavenProject root =
        project(
            "",
            "root",
            "pom",
            null,
            Map.of("azbuild.dockerfile", "Dockerfile", "azbuild.image", "root-image"));
    project("svc", "svc", "pom", root, Map.of("azbuild.image", "svc")); // names are per module
    write("svc/Dockerfile");

    List<ReactorModule> modules = MavenReactor.modules(session());

    assertThat(modules.stream().filter(ReactorModule::buildsImage).map(ReactorModule::image))
        .containsExactly("root-image", "svc");
  }

  @Test
  void anInheritedDockerfileThatOneModuleLacksIsOneLineNamingThePomAndTheParent() throws Exception {
    MavenProject root =
        project("", "root", "pom", null, Map.of("azbuild.dockerfile", "Dockerfile.svc"));
    project("services/a", "a", "jar", root, Map.of());
    project("services/b", "b", "jar", root, Map.of());
    write("services/a/Dockerfile.svc");

    IllegalArgumentException e =
        catchThrowableOfType(IllegalArgumentException.class, () -> MavenReactor.modules(session()));

    assertThat(e)
        .hasMessage(
            "services/b/pom.xml: azbuild.dockerfile=Dockerfile.svc (inherited from pom.xml) does"
                + " not exist for this module (services/b/Dockerfile.svc); add the file, set"
                + " azbuild.dockerfile in services/b/pom.xml, or opt the module out with"
                + " <azbuild.image.skip>true</azbuild.image.skip>");
  }

  @Test
  void aMissingDockerfileTheModuleNamesItselfSaysToFixThePath() throws Exception {
    MavenProject root = project("", "root", "pom", null, Map.of());
    project("app", "app", "pom", root, Map.of("azbuild.dockerfile", "docker/Dockerfile.prod"));

    IllegalArgumentException e =
        catchThrowableOfType(IllegalArgumentException.class, () -> MavenReactor.modules(session()));

    assertThat(e)
        .hasMessage(
            "app/pom.xml: azbuild.dockerfile=docker/Dockerfile.prod does not exist"
                + " (app/docker/Dockerfile.prod); fix the path or remove the property");
  }

  @Test
  void anOptOutNextToAnImageSettingOfTheSameModuleIsAnError() throws Exception {
    write("docker/Dockerfile");
    MavenProject root =
        project(
            "",
            "root",
            "pom",
            null,
            Map.of("azbuild.dockerfile", repo.resolve("docker/Dockerfile").toString()));
    project(
        "services/a", "a", "jar", root, Map.of("azbuild.image.skip", "true", "azbuild.image", "a"));

    IllegalArgumentException e =
        catchThrowableOfType(IllegalArgumentException.class, () -> MavenReactor.modules(session()));

    assertThat(e)
        .hasMessage(
            "services/a/pom.xml: azbuild.image.skip=true and azbuild.image=a on the same module;"
                + " remove azbuild.image.skip (or set it to false) to build the image, or remove"
                + " azbuild.image to build none");
  }

  @Test
  void anInheritedOptOutWithTheModulesOwnImageSettingNamesWhereTheOptOutComesFrom()
      throws Exception {
    write("docker/Dockerfile");
    MavenProject root =
        project(
            "",
            "root",
            "pom",
            null,
            Map.of(
                "azbuild.image.skip",
                "true",
                "azbuild.dockerfile",
                repo.resolve("docker/Dockerfile").toString()));
    project("services/a", "a", "jar", root, Map.of("azbuild.image", "a"));
    MavenSession session = session();

    IllegalArgumentException e =
        catchThrowableOfType(IllegalArgumentException.class, () -> MavenReactor.modules(session));

    assertThat(e)
        .hasMessageStartingWith(
            "services/a/pom.xml: azbuild.image.skip=true (inherited from pom.xml) and"
                + " azbuild.image=a on the same module");
    // opting in again explicitly is how a module builds its image under such a parent
    projects.get(1).getOriginalModel().getProperties().setProperty("azbuild.image.skip", "false");
    projects.get(1).getProperties().setProperty("azbuild.image.skip", "false");
    assertThat(MavenReactor.modules(session).get(1).buildsImage()).isTrue();
  }

  @Test
  void anOptOutThatIsNotTrueOrFalseIsAnError() throws Exception {
    MavenProject root = project("", "root", "pom", null, Map.of());
    project("lib", "lib", "jar", root, Map.of("azbuild.image.skip", "yes"));

    assertThat(
            catchThrowableOfType(
                IllegalArgumentException.class, () -> MavenReactor.modules(session())))
        .hasMessage(
            "lib/pom.xml: azbuild.image.skip=yes is not true or false; set"
                + " <azbuild.image.skip>true</azbuild.image.skip> to build no image of the module");
  }

  @Test
  void aModuleWithoutDockerfileOrSettingsIsNoImageModule() throws Exception {
    MavenProject root = project("", "root", "pom", null, Map.of());
    project("lib", "lib", "jar", root, Map.of());
    MavenSession session = session();
    assertThat(MavenReactor.modules(session)).noneMatch(ReactorModule::buildsImage);
    assertThat(MavenReactor.noImageReason(session, "g:lib"))
        .isEqualTo(Optional.of("no Dockerfile: not an image module"));
  }
}
