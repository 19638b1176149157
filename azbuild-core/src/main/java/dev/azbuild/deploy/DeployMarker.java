package dev.azbuild.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.azbuild.io.Json;
import dev.azbuild.registry.Registry;
import dev.azbuild.registry.RegistryException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * What was last deployed for one image, kept in the deploy registry as a record under the tag
 * {@value #TAG} in the image's own repository (next to the {@value #DEPLOYED_TAG} tag on the
 * image).
 *
 * @param digest the deployed manifest digest
 * @param terraformHash {@link TerraformInputs#hash} of the module's terraform inputs
 * @param terraformApplied whether that deploy ran {@code terraform apply} (markers written before
 *     this field existed: whether their terraform hash is not {@link TerraformInputs#NONE}, as a
 *     module with {@code terraform/} was always applied)
 * @param commit the commit that deployed it
 * @param time when, ISO-8601
 */
public record DeployMarker(
    String digest, String terraformHash, boolean terraformApplied, String commit, String time) {

  /** The tag of the marker record. */
  public static final String TAG = "azbuild-deployed";

  /** The tag put on the deployed image itself. */
  public static final String DEPLOYED_TAG = "deployed";

  public DeployMarker {
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(terraformHash, "terraformHash");
    Objects.requireNonNull(commit, "commit");
    Objects.requireNonNull(time, "time");
  }

  public static Optional<DeployMarker> read(Registry deploy, String image)
      throws RegistryException {
    Optional<byte[]> bytes = deploy.getRecord(image, TAG);
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    try {
      JsonNode n = Json.MAPPER.readTree(bytes.get());
      String terraformHash = n.path("terraformHash").asText();
      boolean applied =
          n.has("terraformApplied")
              ? n.path("terraformApplied").asBoolean()
              : !TerraformInputs.NONE.equals(terraformHash);
      return Optional.of(
          new DeployMarker(
              n.path("digest").asText(),
              terraformHash,
              applied,
              n.path("commit").asText(),
              n.path("time").asText()));
    } catch (IOException e) {
      throw new RegistryException(
          deploy.describe()
              + "/"
              + image
              + ":"
              + TAG
              + " is not a deploy marker ("
              + e.getMessage()
              + "); delete the tag to redeploy "
              + image,
          e);
    }
  }

  public void write(Registry deploy, String image) throws RegistryException {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("digest", digest);
    n.put("terraformHash", terraformHash);
    n.put("terraformApplied", terraformApplied);
    n.put("commit", commit);
    n.put("time", time);
    deploy.putRecord(image, TAG, n.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Why this marker makes deploying {@code digest} with {@code terraformHash} unnecessary; empty
   * when it does not.
   */
  public Optional<String> skipReason(String newDigest, String newTerraformHash) {
    if (digest.equals(newDigest) && terraformHash.equals(newTerraformHash)) {
      return Optional.of("digest " + digest + " and terraform unchanged since " + commit);
    }
    return Optional.empty();
  }

  /** Why a module must deploy, given the marker (or none). */
  public static String deployReason(
      Optional<DeployMarker> marker, String newDigest, String newTerraformHash) {
    if (marker.isEmpty()) {
      return "never deployed";
    }
    DeployMarker m = marker.get();
    if (!m.digest.equals(newDigest)) {
      return "digest " + newDigest + " differs from deployed " + m.digest + " (" + m.commit + ")";
    }
    if (!m.terraformHash.equals(newTerraformHash)) {
      return "terraform inputs changed since " + m.commit;
    }
    return "unchanged";
  }
}
