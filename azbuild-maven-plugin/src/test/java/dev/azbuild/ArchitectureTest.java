package dev.azbuild;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.net.URL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules of the architecture page ({@code src/site/markdown/architecture.md}): the core
 * module ({@code azbuild-core}) has no Maven dependency at all (its pom names none, so the compiler
 * enforces it); these rules keep each library behind the one package that owns it, and the packages
 * free of cycles.
 */
class ArchitectureTest {

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    // the two modules' main classes only: scanning the whole class path is slow
    URL core = dev.azbuild.plan.Planner.class.getProtectionDomain().getCodeSource().getLocation();
    URL plugin =
        dev.azbuild.mojo.PlanMojo.class.getProtectionDomain().getCodeSource().getLocation();
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importUrls(java.util.List.of(core, plugin));
  }

  @Test
  void importsBothModules() {
    // guards the other rules against passing vacuously on an empty import
    assertThat(classes.containPackage("dev.azbuild.git")).isTrue();
    assertThat(classes.containPackage("dev.azbuild.mojo")).isTrue();
  }

  @Test
  void onlyMojoDependsOnMaven() {
    // the generated HelpMojo is in mojo too (helpPackageName in the plugin's pom)
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.azbuild.mojo..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.apache.maven..", "org.codehaus.plexus..", "org.eclipse.aether..")
        .because("everything outside mojo/ is azbuild-core, usable without Maven")
        .check(classes);
  }

  @Test
  void theGeneratedHelpMojoIsInMojo() {
    // guards the helpPackageName setting: a HelpMojo elsewhere would break onlyMojoDependsOnMaven
    assertThat(classes.contain("dev.azbuild.mojo.HelpMojo")).isTrue();
  }

  @Test
  void jgitOnlyInGit() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.azbuild.git..")
        .should()
        .dependOnClassesThat(
            DescribedPredicate.describe(
                "are JGit classes other than ObjectId",
                (JavaClass c) ->
                    c.getPackageName().startsWith("org.eclipse.jgit")
                        && !c.getName().equals("org.eclipse.jgit.lib.ObjectId")
                        && !c.getName().equals("org.eclipse.jgit.lib.AnyObjectId")))
        .because(
            "git access goes through dev.azbuild.git; commits cross its API as ObjectId values")
        .check(classes);
  }

  @Test
  void dockerJavaOnlyInDocker() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.azbuild.docker..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.github.dockerjava..")
        .because("the daemon is reached only through dev.azbuild.docker")
        .check(classes);
  }

  @Test
  void awsSdkOnlyInRegistryAndDeploy() {
    noClasses()
        .that()
        .resideOutsideOfPackages("dev.azbuild.registry..", "dev.azbuild.deploy..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("software.amazon.awssdk..")
        .because("ECR is the registry package's, ECS the deploy package's")
        .check(classes);
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.azbuild.registry..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("software.amazon.awssdk.services.ecr..")
        .check(classes);
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.azbuild.deploy..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("software.amazon.awssdk.services.ecs..")
        .check(classes);
  }

  @Test
  void terraformProcessOnlyThroughTheTerraformPackage() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.azbuild.terraform..")
        .should()
        .dependOnClassesThat()
        .haveSimpleName("TerraformProcess")
        .because("CliTerraform is the only class that starts terraform")
        .check(classes);
  }

  @Test
  void pureParsersDependOnTheJdkOnly() {
    classes()
        .that()
        .resideInAnyPackage(
            "dev.azbuild.patterns..", "dev.azbuild.dockerfile..", "dev.azbuild.image..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..",
            "dev.azbuild.patterns..",
            "dev.azbuild.dockerfile..",
            "dev.azbuild.image..",
            "dev.azbuild.io..")
        .because(
            "rebuild patterns, Dockerfiles and image references are parsed without I/O libraries")
        .check(classes);
  }

  @Test
  void envIsJdkAndSlf4jOnly() {
    classes()
        .that()
        .resideInAPackage("dev.azbuild.env..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "org.slf4j..", "dev.azbuild.env..", "dev.azbuild.io..")
        .because("env/ is used by every goal and the CI config generator: JDK and SLF4J only")
        .check(classes);
  }

  @Test
  void renderSeesOnlyThePlanJacksonAndTheJdk() {
    classes()
        .that()
        .resideInAPackage("dev.azbuild.render..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..",
            "com.fasterxml.jackson..",
            "dev.azbuild.render..",
            "dev.azbuild.plan..",
            "dev.azbuild.graph..",
            "dev.azbuild.io..")
        .because("render/ turns a plan into text; reading build reports or git is the caller's job")
        .check(classes);
  }

  @Test
  void ciIsJdkYamlAndTheGraphOnly() {
    classes()
        .that()
        .resideInAPackage("dev.azbuild.ci..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..",
            "org.snakeyaml.engine..",
            "org.slf4j..",
            "dev.azbuild.ci..",
            "dev.azbuild.graph..",
            "dev.azbuild.io..")
        .because(
            "the CI config generator needs only the module graph, and the local executor (ci.local) runs git, bash"
                + " and Maven as processes: no JGit, registry or docker-java (the mojo hands it the daemon's images)")
        .check(classes);
  }

  @Test
  void onlyCiUsesTheYamlLibrary() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.azbuild.ci..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.snakeyaml..")
        .check(classes);
  }

  @Test
  void packagesAreFreeOfCycles() {
    slices().matching("dev.azbuild.(*)..").should().beFreeOfCycles().check(classes);
  }
}
