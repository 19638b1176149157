package dev.azbuild.registry;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.BatchGetImageResponse;
import software.amazon.awssdk.services.ecr.model.Image;
import software.amazon.awssdk.services.ecr.model.ImageAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

/**
 * Image reads and re-tags through the ECR API: DescribeImages for exists/digest, BatchGetImage for
 * the manifest, PutImage of the same manifest text for a re-tag (no blob moves).
 */
final class EcrImages {

  private final EcrClient client;
  private final EcrHost host;

  EcrImages(EcrClient client, EcrHost host) {
    this.client = client;
    this.host = host;
  }

  Optional<String> digest(String name, String tag) throws RegistryException {
    try {
      return client
          .describeImages(b -> b.registryId(host.account()).repositoryName(name).imageIds(id(tag)))
          .imageDetails()
          .stream()
          .findFirst()
          .map(d -> d.imageDigest());
    } catch (ImageNotFoundException | RepositoryNotFoundException e) {
      return Optional.empty();
    } catch (SdkException e) {
      throw EcrErrors.translate(e, "DescribeImages " + name + ":" + tag, host);
    }
  }

  Manifest get(String name, String reference) throws RegistryException {
    return find(name, reference).orElseThrow(() -> notFound(name, reference));
  }

  /** One BatchGetImage; empty when the tag or the repository does not exist. */
  Optional<Manifest> find(String name, String reference) throws RegistryException {
    return image(name, reference).map(EcrImages::manifest);
  }

  /** One PutImage of a manifest read before: a re-tag that needs no BatchGetImage. */
  void put(String name, Manifest manifest, String tag) throws RegistryException {
    putImage(
        name,
        new String(manifest.bytes(), StandardCharsets.UTF_8),
        manifest.mediaType(),
        manifest.digest(),
        tag);
  }

  /** One BatchGetImage, then one PutImage per tag; returns the digest. */
  String retag(String name, String fromTag, List<String> toTags) throws RegistryException {
    Image image = image(name, fromTag).orElseThrow(() -> notFound(name, fromTag));
    // The manifest text goes back unchanged, so the digest stays the same.
    String digest = Digests.sha256(image.imageManifest().getBytes(StandardCharsets.UTF_8));
    for (String toTag : toTags) {
      putImage(name, image.imageManifest(), image.imageManifestMediaType(), digest, toTag);
    }
    return digest;
  }

  private void putImage(String name, String manifest, String mediaType, String digest, String tag)
      throws RegistryException {
    try {
      client.putImage(
          b ->
              b.registryId(host.account())
                  .repositoryName(name)
                  .imageManifest(manifest)
                  .imageManifestMediaType(mediaType)
                  .imageDigest(digest)
                  .imageTag(tag));
    } catch (ImageAlreadyExistsException e) {
      // The tag already points at this manifest: nothing to do.
    } catch (SdkException e) {
      throw EcrErrors.translate(e, "PutImage " + name + ":" + tag, host);
    }
  }

  private static Manifest manifest(Image image) {
    byte[] bytes = image.imageManifest().getBytes(StandardCharsets.UTF_8);
    String type =
        image.imageManifestMediaType() != null
            ? image.imageManifestMediaType()
            : ManifestReferences.declaredMediaType(bytes);
    return Manifest.of(bytes, type);
  }

  private Optional<Image> image(String name, String reference) throws RegistryException {
    BatchGetImageResponse response;
    try {
      response =
          client.batchGetImage(
              b ->
                  b.registryId(host.account())
                      .repositoryName(name)
                      .imageIds(id(reference))
                      .acceptedMediaTypes(MediaTypes.MANIFESTS));
    } catch (RepositoryNotFoundException e) {
      return Optional.empty();
    } catch (SdkException e) {
      throw EcrErrors.translate(e, "BatchGetImage " + name + ":" + reference, host);
    }
    return response.images().stream().findFirst();
  }

  private RegistryException notFound(String name, String reference) {
    return new RegistryException(
        "Image "
            + name
            + (Digests.isDigest(reference) ? "@" : ":")
            + reference
            + " not found in "
            + host
            + "; check the repository and tag",
        404,
        null);
  }

  private static ImageIdentifier id(String reference) {
    return Digests.isDigest(reference)
        ? ImageIdentifier.builder().imageDigest(reference).build()
        : ImageIdentifier.builder().imageTag(reference).build();
  }
}
