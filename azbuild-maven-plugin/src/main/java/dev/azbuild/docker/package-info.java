/**
 * Docker through docker-java: the only package that talks to the daemon.
 *
 * <p>{@link dev.azbuild.docker.DockerDaemon} is the connection (one per execution, shared by
 * threads); {@link dev.azbuild.docker.ImageBuilder} builds with the classic builder from a context
 * packed here with moby's {@code .dockerignore} rules; {@link dev.azbuild.docker.ImageTransfer}
 * pulls and pushes with credentials, throttled progress and retries;
 * {@link dev.azbuild.docker.ImageTags} tags, inspects and removes local images. Dockerfile facts
 * come from {@link dev.azbuild.docker.Dockerfile} and {@link dev.azbuild.docker.StageBuilds};
 * {@link dev.azbuild.docker.ImageLabels} makes the labels every image carries. Failures a user can
 * fix are {@link dev.azbuild.docker.DockerOperationException}s with one-line messages.
 */
package dev.azbuild.docker;
