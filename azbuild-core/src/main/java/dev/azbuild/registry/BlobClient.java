package dev.azbuild.registry;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The blob half of the OCI distribution API for one registry. Uploads are monolithic: one streamed
 * {@code PUT} with the size known from the descriptor, so a layer is never held in memory.
 * Multi-chunk {@code PATCH} uploads are avoided on purpose, as ECR mishandles them.
 */
final class BlobClient {

  /** Outcome of starting an upload: mounted from another repository, or a location to PUT to. */
  record Upload(boolean mounted, URI location) {}

  private final RegistryAddress address;
  private final RegistryHttp http;
  private final Duration timeout;

  BlobClient(RegistryAddress address, RegistryHttp http, Duration timeout) {
    this.address = address;
    this.http = http;
    this.timeout = timeout;
  }

  RegistryAddress address() {
    return address;
  }

  boolean exists(String repository, String digest) throws RegistryException {
    RegistryRequest head =
        RegistryRequest.of(
            "HEAD",
            address.uri(repository, "blobs", digest),
            scope(repository, "pull"),
            subject(repository, digest),
            timeout);
    try (RegistryResponse response = http.send(head)) {
      if (response.status() == 200) {
        return true;
      }
      if (response.status() == 404) {
        return false;
      }
      throw unexpected(response, subject(repository, digest));
    }
  }

  /**
   * Opens the blob for streaming, once (the caller retries). A redirect to storage is followed
   * without the registry's Authorization header, which must not leave the registry.
   */
  RegistryResponse openOnce(String repository, String digest)
      throws IOException, TransientFailure, RegistryException, InterruptedException {
    RegistryRequest get =
        RegistryRequest.of(
            "GET",
            address.uri(repository, "blobs", digest),
            scope(repository, "pull"),
            subject(repository, digest),
            null);
    RegistryResponse response = http.sendOnce(get);
    if (response.status() == 200) {
      return response;
    }
    if (response.status() / 100 == 3 && response.header("Location").isPresent()) {
      URI target = get.uri().resolve(response.header("Location").get());
      response.close();
      HttpResponse<InputStream> redirected =
          http.client()
              .send(
                  HttpRequest.newBuilder(target).GET().build(),
                  HttpResponse.BodyHandlers.ofInputStream());
      RegistryResponse storage = new RegistryResponse(redirected);
      if (storage.status() == 200) {
        return storage;
      }
      storage.close();
      if (HttpStatus.isTransient(storage.status())) {
        throw new TransientFailure(
            storage.status(), subject(repository, digest) + " (storage redirect)");
      }
      throw new RegistryException(
          storage.status()
              + " "
              + HttpStatus.reason(storage.status())
              + " from the storage "
              + address
              + " redirected to for "
              + subject(repository, digest)
              + "; check the registry's storage",
          storage.status(),
          null);
    }
    try (response) {
      throw unexpected(response, subject(repository, digest));
    }
  }

  /**
   * Starts an upload, first trying to mount the blob from another repository of this registry when
   * {@code mountFrom} is given (the wire name of the source repository).
   */
  Upload startOnce(String repository, String mountDigest, String mountFrom)
      throws IOException, TransientFailure, RegistryException, InterruptedException {
    String query =
        mountFrom == null ? "" : "?mount=" + encode(mountDigest) + "&from=" + encode(mountFrom);
    URI uri =
        URI.create(
            address.base() + "/v2/" + address.repository(repository) + "/blobs/uploads/" + query);
    String scope =
        scope(repository, "pull,push")
            + (mountFrom == null ? "" : " repository:" + mountFrom + ":pull");
    RegistryRequest post =
        RegistryRequest.of(
                "POST", uri, scope, "upload to " + address.repository(repository), timeout)
            .bytes(new byte[0]);
    try (RegistryResponse response = http.sendOnce(post)) {
      if (response.status() == 201 && mountFrom != null) {
        return new Upload(true, null);
      }
      String location = response.header("Location").orElse(null);
      if (response.status() != 202 || location == null) {
        throw unexpected(response, "upload to " + address.repository(repository));
      }
      return new Upload(false, uri.resolve(location));
    }
  }

  /** Streams the blob into a started upload and commits it under its digest. */
  void completeOnce(
      Upload upload, String repository, Descriptor blob, Supplier<InputStream> content)
      throws IOException, TransientFailure, RegistryException, InterruptedException {
    String location = upload.location().toString();
    URI uri =
        URI.create(
            location + (location.contains("?") ? "&" : "?") + "digest=" + encode(blob.digest()));
    HttpRequest.BodyPublisher body =
        HttpRequest.BodyPublishers.fromPublisher(
            HttpRequest.BodyPublishers.ofInputStream(content), blob.size());
    RegistryRequest put =
        RegistryRequest.of(
            "PUT", uri, scope(repository, "pull,push"), subject(repository, blob.digest()), null)
            .header("Content-Type", "application/octet-stream")
            .stream(() -> body);
    try (RegistryResponse response = http.sendOnce(put)) {
      if (response.status() != 201) {
        throw unexpected(response, subject(repository, blob.digest()));
      }
    }
  }

  String subject(String repository, String digest) {
    return "blob " + address.repository(repository) + "@" + Digests.shortForm(digest);
  }

  private String scope(String repository, String actions) {
    return "repository:" + address.repository(repository) + ":" + actions;
  }

  private RegistryException unexpected(RegistryResponse response, String subject) {
    String error = response.errorSummary();
    return new RegistryException(
        response.status()
            + " "
            + HttpStatus.reason(response.status())
            + " from "
            + address
            + " for "
            + subject
            + (error.isEmpty() ? "" : " (" + error + ")")
            + "; the registry refused the request",
        response.status(),
        null);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
