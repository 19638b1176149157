/**
 * The Maven adapter: one goal per class, and the only package that imports Maven.
 *
 * <p>A goal reads its parameters, turns the reactor into core's types ({@link
 * dev.azbuild.mojo.MavenReactor}), calls azbuild-core and maps its exceptions to one-line messages:
 * {@code MojoFailureException} when input or a check says no, {@code MojoExecutionException} when
 * the environment broke.
 */
package dev.azbuild.mojo;
