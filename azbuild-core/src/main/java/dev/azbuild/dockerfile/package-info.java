/**
 * Dockerfiles and {@code .dockerignore} files as text: parsed the way Docker reads them, with no
 * daemon and no I/O library.
 *
 * <p>{@link dev.azbuild.dockerfile.Dockerfile} gives the stages ({@code FROM image AS name}), the
 * images a build pulls in and the global {@code ARG}s; {@link dev.azbuild.dockerfile.DockerIgnore}
 * decides which context paths the daemon receives (moby's pattern semantics).
 */
package dev.azbuild.dockerfile;
