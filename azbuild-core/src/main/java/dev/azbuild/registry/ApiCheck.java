package dev.azbuild.registry;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a host speaks the registry API at all, asked of its {@code /v2/} endpoint: a registry
 * answers 200 or 401, with the {@code Docker-Distribution-API-Version} header (or at least not with
 * a web page). Asked once per registry client, and only when an answer would mean something else
 * from a web server than from a registry — a 404 for a manifest ("no such image", so the module
 * would be rebuilt), an HTML page — so the requests of a healthy build stay as they are.
 */
final class ApiCheck {

  private static final Logger log = LoggerFactory.getLogger(ApiCheck.class);
  private static final Pattern TITLE = Pattern.compile("(?is)<title[^>]*>\\s*(.*?)\\s*</title>");
  private static final int MAX_BODY = 4096;

  private final RegistryAddress address;
  private final HttpClient client;
  private final Duration timeout;

  /** The verdict, once known: empty for a registry. */
  private Optional<String> notARegistry;

  ApiCheck(RegistryAddress address, HttpClient client, Duration timeout) {
    this.address = address;
    this.client = client;
    this.timeout = timeout;
  }

  /**
   * Fails when the host is not a registry; returns quietly when it is one, or when {@code /v2/}
   * cannot be reached (the request that led here was answered, so that is a passing fault, and the
   * verdict is left for the next time).
   *
   * @throws RegistryException naming the host, what it answered and what to check
   */
  synchronized void requireRegistry() throws RegistryException {
    Optional<String> known = notARegistry;
    if (known == null) {
      known = ask();
      if (known == null) {
        return;
      }
      notARegistry = known;
    }
    if (known.isPresent()) {
      throw new RegistryException(known.get());
    }
  }

  /** The verdict, or null when the host could not be asked. */
  private Optional<String> ask() {
    URI uri = URI.create(address.base() + "/v2/");
    HttpRequest request =
        HttpRequest.newBuilder(uri).timeout(timeout).header("User-Agent", "azbuild").GET().build();
    try {
      HttpResponse<InputStream> response =
          client.send(request, HttpResponse.BodyHandlers.ofInputStream());
      int status = response.statusCode();
      String type =
          response
              .headers()
              .firstValue("Content-Type")
              .map(t -> t.split(";", 2)[0].trim().toLowerCase(Locale.ROOT))
              .orElse("");
      String body;
      try (InputStream in = response.body()) {
        body = new String(in.readNBytes(MAX_BODY), StandardCharsets.UTF_8);
      }
      boolean apiHeader =
          response.headers().firstValue("Docker-Distribution-API-Version").isPresent();
      boolean page = type.contains("html") || body.stripLeading().startsWith("<");
      if (apiHeader || ((status == 200 || status == 401) && !page)) {
        log.debug("{}: GET /v2/ answered {} as a registry", address.host(), status);
        return Optional.empty();
      }
      return Optional.of(
          address.host()
              + " is not a container registry: GET "
              + uri
              + " answered "
              + status
              + " "
              + HttpStatus.reason(status)
              + (type.isEmpty() ? "" : " (" + type + ")")
              + describe(body)
              + ", where a registry answers 200 or 401 with a Docker-Distribution-API-Version"
              + " header; check the registry URL (azbuild.cacheRegistry, azbuild.deployRegistry):"
              + " host[:port] of a Docker or OCI registry, not of a web server");
    } catch (IOException | IllegalArgumentException e) {
      log.debug("{}: cannot ask /v2/ whether it is a registry: {}", address.host(), e.toString());
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** {@code "404 Not Found"}, the page's title, or the start of its text. */
  private static String describe(String body) {
    Matcher title = TITLE.matcher(body);
    String text =
        title.find()
            ? title.group(1)
            : body.replaceAll("(?s)<[^>]*>", " ").replaceAll("\\s+", " ").strip();
    text = text.replaceAll("\\s+", " ").strip();
    if (text.isEmpty()) {
      return "";
    }
    return " with the page \"" + (text.length() > 60 ? text.substring(0, 57) + "..." : text) + "\"";
  }
}
