package dev.azbuild.mojo;

import java.io.File;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The parameters of goals that talk to registries: the cache registry (built images, branch, commit
 * and cache tags) and the deploy registry (production copies), with credentials from the docker
 * config, Maven settings servers (id = registry host) and, for ECR, the AWS default chain.
 */
public abstract class AbstractRegistryMojo extends AbstractAzbuildMojo {

  /**
   * The cache registry with an optional path prefix, e.g. {@code 127.0.0.1:5000/team} or an ECR
   * host. Env: AZBUILD_CACHE_REGISTRY.
   */
  @Parameter(property = "azbuild.cacheRegistry")
  protected String cacheRegistry;

  /** The deploy registry. Env: AZBUILD_DEPLOY_REGISTRY. */
  @Parameter(property = "azbuild.deployRegistry")
  protected String deployRegistry;

  /**
   * Registry hosts spoken to over plain HTTP (loopback hosts always are, as docker does),
   * comma-separated.
   */
  @Parameter(property = "azbuild.insecureRegistries")
  protected String insecureRegistries;

  /**
   * Endpoint override for the ECR/ECS APIs, e.g. an emulator at http://127.0.0.1:5003. Env:
   * AZBUILD_AWS_ENDPOINT.
   */
  @Parameter(property = "azbuild.aws.endpoint")
  protected String awsEndpoint;

  /**
   * Region of the ECS API, and of ECR hosts whose region this plugin does not know yet; an ECR
   * host's own region otherwise wins.
   */
  @Parameter(property = "azbuild.aws.region")
  protected String awsRegion;

  /**
   * Serve ECR image data from this registry instead of the ECR host (for tests against an
   * emulator): {@code HOST:PORT}, or per region or ECR host {@code
   * us-east-2=127.0.0.1:5000,eu-west-2=127.0.0.1:5001}.
   */
  @Parameter(property = "azbuild.ecr.dataPlane")
  protected String ecrDataPlane;

  /**
   * Attempts for registry requests, pushes, pulls and downloads that fail with a network error, 429
   * or 5xx.
   */
  @Parameter(property = "azbuild.retries", defaultValue = "3")
  protected int retries;

  /**
   * Seconds after which a failing registry request, push, pull or download starts no further
   * attempt (the Docker daemon's own retries included); the error says how long was spent.
   */
  @Parameter(property = "azbuild.retryTimeout", defaultValue = "120")
  protected int retryTimeout;

  /**
   * Registry requests in flight at once: the plan's cache probes, the build's re-tags of unchanged
   * modules and the deploy gate's lookups.
   */
  @Parameter(property = "azbuild.registry.concurrency", defaultValue = "8")
  protected int registryConcurrency;

  /**
   * Keep a build record in the cache registry (written by {@code build} once every module of the
   * reactor is built or re-tagged, and by {@code ci-collect}), and let the plan read it instead of
   * probing every module; in diff mode, let the plan read the deploy record instead of asking for
   * every module's {@code master} image. {@code false}: every module is probed and no build record
   * is written.
   */
  @Parameter(property = "azbuild.buildRecord", defaultValue = "true")
  protected boolean buildRecord;

  /**
   * The docker client config with {@code auths}, {@code credHelpers}, {@code credsStore}; default
   * $DOCKER_CONFIG/config.json or ~/.docker/config.json.
   */
  @Parameter(property = "azbuild.dockerConfig")
  protected File dockerConfig;

  /**
   * Prefix of what azbuild names on a Docker daemon or host other projects may share: local
   * containers ({@code <namespace>-<image>}), images built with {@code azbuild.skipPush} and no
   * cache registry ({@code <namespace>/<image>}) and the default terraform state directory.
   * Lower-case letters and digits separated by {@code . _ -}. Default: the reactor root's
   * artifactId, a dash and 8 hex digits of the SHA-256 of the cache registry URL.
   */
  @Parameter(property = "azbuild.namespace")
  protected String namespace;
}
