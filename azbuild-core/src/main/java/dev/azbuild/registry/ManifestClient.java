package dev.azbuild.registry;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** The manifest half of the OCI distribution API for one registry. */
final class ManifestClient {

  // The OCI spec lets registries refuse manifests over 4 MiB; nothing bigger is legitimate.
  private static final int MAX_MANIFEST = 4 * 1024 * 1024;

  private final RegistryAddress address;
  private final RegistryHttp http;
  private final Duration timeout;
  private final ApiCheck api;

  /**
   * @param api asked before a 404 is taken for "no such manifest", and before an answer no registry
   *     gives is reported: a web server's 404 must not look like a missing image
   */
  ManifestClient(RegistryAddress address, RegistryHttp http, Duration timeout, ApiCheck api) {
    this.address = address;
    this.http = http;
    this.timeout = timeout;
    this.api = api;
  }

  /** The digest of a manifest, from a HEAD; empty when the tag or repository does not exist. */
  Optional<String> digest(String repository, String reference) throws RegistryException {
    RegistryRequest head =
        request("HEAD", repository, reference, "pull")
            .header("Accept", MediaTypes.ACCEPT_MANIFESTS);
    try (RegistryResponse response = http.send(head)) {
      if (response.status() == 404) {
        api.requireRegistry();
        return Optional.empty();
      }
      expect(response, 200, repository, reference);
      Optional<String> digest = response.header("Docker-Content-Digest");
      if (digest.isPresent()) {
        return digest;
      }
    }
    // Some registries omit the header on HEAD; the body's hash is the digest.
    return find(repository, reference).map(Manifest::digest);
  }

  Optional<Manifest> find(String repository, String reference) throws RegistryException {
    RegistryRequest get =
        request("GET", repository, reference, "pull").header("Accept", MediaTypes.ACCEPT_MANIFESTS);
    try (RegistryResponse response = http.send(get)) {
      if (response.status() == 404) {
        api.requireRegistry();
        return Optional.empty();
      }
      expect(response, 200, repository, reference);
      byte[] bytes = read(response, repository, reference);
      Manifest manifest = Manifest.of(bytes, mediaType(response, bytes, repository, reference));
      verify(manifest, response.header("Docker-Content-Digest"), repository, reference);
      return Optional.of(manifest);
    }
  }

  Manifest get(String repository, String reference) throws RegistryException {
    return find(repository, reference)
        .orElseThrow(
            () ->
                new RegistryException(
                    "404 Not Found from "
                        + address
                        + " for manifest "
                        + name(repository, reference)
                        + "; check the repository and tag",
                    404,
                    null));
  }

  /** Stores the manifest bytes under a tag or digest; returns the digest the registry computed. */
  String put(String repository, String reference, Manifest manifest) throws RegistryException {
    RegistryRequest put =
        request("PUT", repository, reference, "pull,push")
            .header("Content-Type", manifest.mediaType())
            .bytes(manifest.bytes());
    try (RegistryResponse response = http.send(put)) {
      expect(response, 201, repository, reference);
      String digest = response.header("Docker-Content-Digest").orElse(manifest.digest());
      if (!digest.equals(manifest.digest())) {
        throw new RegistryException(
            address
                + " stored manifest "
                + name(repository, reference)
                + " as "
                + digest
                + " instead of "
                + manifest.digest()
                + "; the registry rewrites manifests, copy to another registry");
      }
      return digest;
    }
  }

  /** {@code host/repository:tag} or {@code host/repository@digest}, for log lines. */
  String fullName(String repository, String reference) {
    return address.host() + "/" + name(repository, reference);
  }

  String name(String repository, String reference) {
    return address.repository(repository) + (Digests.isDigest(reference) ? "@" : ":") + reference;
  }

  private RegistryRequest request(
      String method, String repository, String reference, String actions) {
    return RegistryRequest.of(
        method,
        address.uri(repository, "manifests", reference),
        "repository:" + address.repository(repository) + ":" + actions,
        "manifest " + name(repository, reference),
        timeout);
  }

  private void expect(RegistryResponse response, int status, String repository, String reference)
      throws RegistryException {
    if (response.status() != status) {
      api.requireRegistry();
      String error = response.errorSummary();
      throw new RegistryException(
          response.status()
              + " "
              + HttpStatus.reason(response.status())
              + " from "
              + address
              + " for manifest "
              + name(repository, reference)
              + (error.isEmpty() ? "" : " (" + error + ")")
              + "; the registry refused the request",
          response.status(),
          null);
    }
  }

  private byte[] read(RegistryResponse response, String repository, String reference)
      throws RegistryException {
    try {
      return response.bytes(MAX_MANIFEST);
    } catch (IOException e) {
      throw new RegistryException(
          "Cannot read manifest "
              + name(repository, reference)
              + " from "
              + address
              + " ("
              + e.getMessage()
              + "); retry, or check the registry",
          e);
    }
  }

  private String mediaType(
      RegistryResponse response, byte[] bytes, String repository, String reference)
      throws RegistryException {
    String type =
        response
            .header("Content-Type")
            .map(t -> t.split(";", 2)[0].trim().toLowerCase(Locale.ROOT))
            .filter(MediaTypes::isSupported)
            .orElseGet(() -> ManifestReferences.declaredMediaType(bytes));
    if (!MediaTypes.isSupported(type)) {
      api.requireRegistry();
      throw new RegistryException(
          "Manifest "
              + name(repository, reference)
              + " in "
              + address
              + " has unsupported type '"
              + type
              + "'; push it again with a current docker (schema 2 or OCI)");
    }
    return type;
  }

  private void verify(
      Manifest manifest, Optional<String> header, String repository, String reference)
      throws RegistryException {
    String expected = Digests.isDigest(reference) ? reference : header.orElse(manifest.digest());
    if (expected.startsWith("sha256:") && !expected.equals(manifest.digest())) {
      throw new RegistryException(
          "Manifest "
              + name(repository, reference)
              + " from "
              + address
              + " hashes to "
              + manifest.digest()
              + ", not "
              + expected
              + "; the transfer or the registry is corrupt");
    }
  }
}
