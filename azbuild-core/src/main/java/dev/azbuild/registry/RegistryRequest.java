package dev.azbuild.registry;

import java.net.URI;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One request to a registry's OCI API.
 *
 * @param scope the token scope it needs, e.g. {@code repository:team/app:pull}
 * @param subject what it is about, for messages: {@code manifest team/app:1.0}
 * @param body null for no body; called again when the request is re-sent
 * @param replayable whether the body can be sent twice (byte arrays yes, streams no)
 * @param timeout time to the response headers; null for none (blob streams)
 */
record RegistryRequest(
    String method,
    URI uri,
    String scope,
    String subject,
    Map<String, String> headers,
    Supplier<BodyPublisher> body,
    boolean replayable,
    Duration timeout) {

  static RegistryRequest of(
      String method, URI uri, String scope, String subject, Duration timeout) {
    return new RegistryRequest(method, uri, scope, subject, Map.of(), null, true, timeout);
  }

  RegistryRequest header(String name, String value) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put(name, value);
    return new RegistryRequest(method, uri, scope, subject, all, body, replayable, timeout);
  }

  RegistryRequest bytes(byte[] content) {
    return new RegistryRequest(
        method,
        uri,
        scope,
        subject,
        headers,
        () -> BodyPublishers.ofByteArray(content),
        true,
        timeout);
  }

  /** A body that can be sent once, such as a blob streamed from another registry. */
  RegistryRequest stream(Supplier<BodyPublisher> publisher) {
    return new RegistryRequest(method, uri, scope, subject, headers, publisher, false, null);
  }

  BodyPublisher publisher() {
    return body == null ? BodyPublishers.noBody() : body.get();
  }
}
