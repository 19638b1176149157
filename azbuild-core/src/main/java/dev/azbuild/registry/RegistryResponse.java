package dev.azbuild.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azbuild.io.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.Optional;

/** A response whose body is still a stream: blobs are never read into memory. Close it. */
final class RegistryResponse implements AutoCloseable {

  private static final int MAX_ERROR_BODY = 4096;
  private static final int DRAIN_LIMIT = 64 * 1024;

  private final HttpResponse<InputStream> response;

  RegistryResponse(HttpResponse<InputStream> response) {
    this.response = response;
  }

  int status() {
    return response.statusCode();
  }

  Optional<String> header(String name) {
    return response.headers().firstValue(name);
  }

  InputStream body() {
    return response.body();
  }

  /** The whole body; for manifests and other small documents only. */
  byte[] bytes(int limit) throws IOException {
    try (InputStream in = response.body()) {
      byte[] bytes = in.readNBytes(limit + 1);
      if (bytes.length > limit) {
        throw new IOException("response larger than " + limit + " bytes");
      }
      return bytes;
    }
  }

  /**
   * The registry's error, e.g. "MANIFEST_UNKNOWN: manifest unknown", read from the OCI error body;
   * empty when the body has none.
   */
  String errorSummary() {
    try (InputStream in = response.body()) {
      JsonNode first = Json.MAPPER.readTree(in.readNBytes(MAX_ERROR_BODY)).path("errors").path(0);
      String code = first.path("code").asText("");
      String message = first.path("message").asText("");
      if (code.isEmpty()) {
        return "";
      }
      return message.isEmpty() ? code : code + ": " + message;
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  /**
   * Releases the connection. A short unread body (an error document, a manifest not read) is read
   * to its end first: the HTTP client reuses a connection only after its body was read, and a new
   * connection costs a handshake.
   */
  @Override
  public void close() {
    try (InputStream in = response.body()) {
      in.readNBytes(DRAIN_LIMIT);
    } catch (IOException e) {
      // Closing only releases the connection; nothing to report.
    }
  }
}
