package dev.azbuild.docker;

import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Local image bookkeeping on the daemon: tag, inspect labels, check, remove. Thread-safe. */
public final class ImageTags {

  private static final Logger LOG = LoggerFactory.getLogger(ImageTags.class);

  private final DockerDaemon daemon;

  public ImageTags(DockerDaemon daemon) {
    this.daemon = daemon;
  }

  /**
   * Tags a local image ({@code docker tag}).
   *
   * @param image an image id or reference
   * @param repository e.g. {@code 127.0.0.1:5000/api}
   * @param tag e.g. {@code master}
   */
  public void tag(String image, String repository, String tag) throws DockerOperationException {
    try {
      daemon.client().tagImageCmd(image, repository, tag).withForce(true).exec();
      LOG.debug("tagged {} as {}:{}", image, repository, tag);
    } catch (NotFoundException e) {
      throw new DockerOperationException(
          "cannot tag " + image + " as " + repository + ":" + tag + ": no such local image", e);
    } catch (RuntimeException e) {
      throw fail("tag " + image + " as " + repository + ":" + tag, e);
    }
  }

  /**
   * The labels of a local image (empty when it has none).
   *
   * @throws DockerOperationException when the image is not present locally
   */
  public Map<String, String> inspectLabels(String image) throws DockerOperationException {
    try {
      InspectImageResponse response = daemon.client().inspectImageCmd(image).exec();
      Map<String, String> labels =
          response.getConfig() == null ? null : response.getConfig().getLabels();
      return labels == null ? Map.of() : Map.copyOf(labels);
    } catch (NotFoundException e) {
      throw new DockerOperationException(
          "cannot read labels of " + image + ": no such local image; pull it first", e);
    } catch (RuntimeException e) {
      throw fail("inspect " + image, e);
    }
  }

  /** The id ({@code sha256:...}) of a local image, if present. */
  public Optional<String> imageId(String image) throws DockerOperationException {
    try {
      return Optional.ofNullable(daemon.client().inspectImageCmd(image).exec().getId());
    } catch (NotFoundException e) {
      return Optional.empty();
    } catch (RuntimeException e) {
      throw fail("inspect " + image, e);
    }
  }

  /**
   * The layers of a local image ({@code RootFS.Layers}: uncompressed diff ids, bottom first). An
   * image built FROM another starts with that one's layers.
   *
   * @throws DockerOperationException when the image is not present locally
   */
  public List<String> layers(String image) throws DockerOperationException {
    try {
      InspectImageResponse response = daemon.client().inspectImageCmd(image).exec();
      List<String> layers = response.getRootFS() == null ? null : response.getRootFS().getLayers();
      return layers == null ? List.of() : List.copyOf(layers);
    } catch (NotFoundException e) {
      throw new DockerOperationException(
          "cannot read the layers of " + image + ": no such local image", e);
    } catch (RuntimeException e) {
      throw fail("inspect " + image, e);
    }
  }

  /** Whether an image id or reference is present on the daemon. */
  public boolean exists(String image) throws DockerOperationException {
    return imageId(image).isPresent();
  }

  /**
   * Removes a local tag or image, with its untagged parents ({@code docker rmi -f}); nothing
   * happens if it is absent. Meant for tests and clean-up.
   */
  public void remove(String image) throws DockerOperationException {
    try {
      daemon.client().removeImageCmd(image).withForce(true).exec();
      LOG.debug("removed {}", image);
    } catch (NotFoundException e) {
      LOG.debug("remove {}: not present", image);
    } catch (RuntimeException e) {
      throw fail("remove " + image, e);
    }
  }

  /**
   * Every {@code repository:tag} and {@code repository@digest} of every local image: a parent
   * pulled by digest has no tag but still names its repository; dangling images are left out.
   */
  public java.util.List<String> references() throws DockerOperationException {
    try {
      java.util.List<String> refs = new java.util.ArrayList<>();
      for (var image : daemon.client().listImagesCmd().exec()) {
        if (image.getRepoTags() != null) {
          for (String tag : image.getRepoTags()) {
            if (!tag.equals("<none>:<none>")) {
              refs.add(tag);
            }
          }
        }
        if (image.getRepoDigests() != null) {
          for (String digest : image.getRepoDigests()) {
            if (!digest.startsWith("<none>@")) {
              refs.add(digest);
            }
          }
        }
      }
      return refs;
    } catch (RuntimeException e) {
      throw fail("list images", e);
    }
  }

  private DockerOperationException fail(String what, RuntimeException e) {
    if (DockerDaemon.isConnectionFailure(e)) {
      return daemon.unreachable(e);
    }
    return new DockerOperationException(
        "cannot " + what + ": " + DockerDaemon.oneLine(DockerDaemon.errorMessage(e)), e);
  }
}
