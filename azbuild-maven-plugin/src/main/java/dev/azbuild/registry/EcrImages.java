package dev.azbuild.registry;

import java.util.List;
import java.nio.charset.StandardCharsets;
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
 * Image reads and re-tags through the ECR API: DescribeImages for exists/digest, BatchGetImage
 * for the manifest, PutImage of the same manifest text for a re-tag (no blob moves).
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
      return client.describeImages(b -> b.registryId(host.account()).repositoryName(name)
              .imageIds(id(tag)))
          .imageDetails().stream().findFirst().map(d -> d.imageDigest());
    } catch (ImageNotFoundException | RepositoryNotFoundException e) {
      return Optional.empty();
    } catch (SdkException e) {
      throw EcrErrors.translate(e, "DescribeImages " + name + ":" + tag, host);
    }
  }

  Manifest get(String name, String reference) throws RegistryException {
    Image image = image(name, reference);
    byte[] bytes = image.imageManifest().getBytes(StandardCharsets.UTF_8);
    String type = image.imageManifestMediaType() != null
        ? image.imageManifestMediaType()
        : ManifestReferences.declaredMediaType(bytes);
    return Manifest.of(bytes, type);
  }

  /** One BatchGetImage, then one PutImage per tag; returns the digest. */
  String retag(String name, String fromTag, List<String> toTags) throws RegistryException {
    Image image = image(name, fromTag);
    // The manifest text goes back unchanged, so the digest stays the same.
    String digest = Digests.sha256(image.imageManifest().getBytes(StandardCharsets.UTF_8));
    for (String toTag : toTags) {
      try {
        client.putImage(b -> b.registryId(host.account()).repositoryName(name)
            .imageManifest(image.imageManifest())
            .imageManifestMediaType(image.imageManifestMediaType())
            .imageDigest(digest)
            .imageTag(toTag));
      } catch (ImageAlreadyExistsException e) {
        // The tag already points at this manifest: nothing to do.
      } catch (SdkException e) {
        throw EcrErrors.translate(e, "PutImage " + name + ":" + toTag, host);
      }
    }
    return digest;
  }

  private Image image(String name, String reference) throws RegistryException {
    BatchGetImageResponse response;
    try {
      response = client.batchGetImage(b -> b.registryId(host.account()).repositoryName(name)
          .imageIds(id(reference))
          .acceptedMediaTypes(MediaTypes.MANIFESTS));
    } catch (SdkException e) {
      throw EcrErrors.translate(e, "BatchGetImage " + name + ":" + reference, host);
    }
    return response.images().stream().findFirst().orElseThrow(() -> new RegistryException(
        "Image " + name + (Digests.isDigest(reference) ? "@" : ":") + reference + " not found in "
            + host + "; check the repository and tag", 404, null));
  }

  private static ImageIdentifier id(String reference) {
    return Digests.isDigest(reference)
        ? ImageIdentifier.builder().imageDigest(reference).build()
        : ImageIdentifier.builder().imageTag(reference).build();
  }
}
