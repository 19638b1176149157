/**
 * The Docker daemon, through docker-java: the only package that talks to it.
 *
 * <p>{@link dev.azbuild.docker.DockerDaemon} is the connection (one per execution, shared by
 * threads); {@link dev.azbuild.docker.ImageBuilder} builds with the classic builder from a context
 * packed here with {@code .dockerignore} rules; {@link dev.azbuild.docker.ImageTransfer} pulls and
 * pushes with the registry's {@code Credentials} (sent for the registry the image reference names),
 * throttled progress and retries; {@link dev.azbuild.docker.ImageTags} tags, inspects and removes
 * local images; {@link dev.azbuild.docker.Containers} runs the local containers of {@code
 * restart=docker}. {@link dev.azbuild.docker.StageBuilds} and {@link
 * dev.azbuild.docker.ImageLabels} say which stages are built and which labels every image carries.
 * Failures a user can fix are {@link dev.azbuild.docker.DockerOperationException}s with one-line
 * messages.
 */
package dev.azbuild.docker;
