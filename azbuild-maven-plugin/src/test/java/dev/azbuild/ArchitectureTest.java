package dev.azbuild;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules of DESIGN.md: everything outside {@code mojo} is plain Java usable without Maven,
 * JGit stays behind the {@code change} package (only its {@code ObjectId} value type leaks into the
 * APIs of {@code graph} and {@code mojo}), {@code env} is JDK + SLF4J only, and packages have no
 * cycles.
 */
class ArchitectureTest {

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    // the main classes' directory only: scanning the whole class path for the package is slow
    java.net.URL mainClasses = dev.azbuild.graph.Planner.class.getProtectionDomain().getCodeSource().getLocation();
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importUrl(mainClasses);
  }

  @Test
  void importsSomething() {
    // guards the other rules against passing vacuously on an empty import
    org.assertj.core.api.Assertions.assertThat(classes.containPackage("dev.azbuild.change")).isTrue();
    org.assertj.core.api.Assertions.assertThat(classes.containPackage("dev.azbuild.mojo")).isTrue();
  }

  @Test
  void onlyMojoDependsOnMaven() {
    // the generated HelpMojo is in mojo too (helpPackageName in the plugin's pom)
    ArchRule rule = noClasses().that().resideOutsideOfPackage("dev.azbuild.mojo..")
        .should().dependOnClassesThat().resideInAnyPackage("org.apache.maven..", "org.codehaus.plexus..")
        .because("everything outside mojo/ is a core library usable without Maven (DESIGN.md)");
    rule.check(classes);
  }

  @Test
  void theGeneratedHelpMojoIsInMojo() {
    // guards the helpPackageName setting: a HelpMojo elsewhere would break onlyMojoDependsOnMaven
    org.assertj.core.api.Assertions.assertThat(classes.contain("dev.azbuild.mojo.HelpMojo")).isTrue();
  }

  @Test
  void jgitOnlyInChangeGraphAndMojo() {
    noClasses().that().resideOutsideOfPackages("dev.azbuild.change..", "dev.azbuild.graph..", "dev.azbuild.mojo..")
        .should().dependOnClassesThat().resideInAPackage("org.eclipse.jgit..")
        .because("git access goes through dev.azbuild.change")
        .check(classes);
  }

  @Test
  void graphAndMojoSeeOnlyObjectIdOfJgit() {
    noClasses().that().resideInAnyPackage("dev.azbuild.graph..", "dev.azbuild.mojo..")
        .should().dependOnClassesThat(DescribedPredicate.describe("are JGit classes other than ObjectId",
            (JavaClass c) -> c.getPackageName().startsWith("org.eclipse.jgit")
                && !c.getName().equals("org.eclipse.jgit.lib.ObjectId")
                && !c.getName().equals("org.eclipse.jgit.lib.AnyObjectId")))
        .because("commits cross the change package's API as ObjectId values; everything else of JGit stays inside")
        .check(classes);
  }

  @Test
  void envIsJdkAndSlf4jOnly() {
    ArchRule rule = classes().that().resideInAPackage("dev.azbuild.env..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.slf4j..", "dev.azbuild.env..", "dev.azbuild.io..")
        .because("env/ is used by every goal and the CI config generator: JDK and SLF4J only");
    rule.check(classes);
  }

  @Test
  void renderSeesOnlyThePlanJacksonAndTheJdk() {
    classes().that().resideInAPackage("dev.azbuild.render..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "com.fasterxml.jackson..",
            "dev.azbuild.render..", "dev.azbuild.graph..", "dev.azbuild.io..")
        .because("render/ turns a plan into text; reading build reports or git is the caller's job")
        .check(classes);
  }

  @Test
  void ciIsJdkYamlAndTheGraphOnly() {
    classes().that().resideInAPackage("dev.azbuild.ci..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.snakeyaml.engine..", "org.slf4j..",
            "dev.azbuild.ci..", "dev.azbuild.graph..", "dev.azbuild.io..")
        .because("the CI config generator needs only the module graph, and the local executor (ci.local) runs git, bash"
            + " and Maven as processes: no JGit, registry or docker-java (the mojo hands it the daemon's images)")
        .check(classes);
  }

  @Test
  void onlyCiUsesTheYamlLibrary() {
    noClasses().that().resideOutsideOfPackage("dev.azbuild.ci..")
        .should().dependOnClassesThat().resideInAPackage("org.snakeyaml..")
        .check(classes);
  }

  @Test
  void packagesAreFreeOfCycles() {
    slices().matching("dev.azbuild.(*)..").should().beFreeOfCycles().check(classes);
  }
}
