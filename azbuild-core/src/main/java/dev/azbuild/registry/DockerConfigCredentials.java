package dev.azbuild.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.azbuild.io.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Credentials from a docker {@code config.json}, resolved as the docker CLI does: a {@code
 * credHelpers} entry for the host wins, then the {@code credsStore} default helper, then the {@code
 * auths} entry (base64 {@code auth} or {@code username}/{@code password}). A missing file means no
 * credentials; the file is read once per instance.
 */
public final class DockerConfigCredentials implements CredentialSource {

  private static final Logger log = LoggerFactory.getLogger(DockerConfigCredentials.class);

  private final Path configFile;
  private final Path helperDirectory;
  // Which entry answered per host, so describe() names it without running a helper again.
  private final Map<String, String> origins = new ConcurrentHashMap<>();
  private volatile JsonNode config;

  /**
   * @param configFile the {@code config.json}
   * @param helperDirectory where {@code docker-credential-*} helpers live; null to use {@code PATH}
   */
  public DockerConfigCredentials(Path configFile, Path helperDirectory) {
    this.configFile = configFile;
    this.helperDirectory = helperDirectory;
  }

  /** {@code $DOCKER_CONFIG/config.json}, else {@code ~/.docker/config.json}. */
  public static Path defaultConfigFile() {
    String dir = System.getenv("DOCKER_CONFIG");
    return dir != null && !dir.isBlank()
        ? Path.of(dir, "config.json")
        : Path.of(System.getProperty("user.home"), ".docker", "config.json");
  }

  @Override
  public Optional<Credentials> lookup(String registryHost) throws RegistryException {
    JsonNode root = config();
    JsonNode helpers = root.path("credHelpers");
    String helperKey = matchingKey(helpers, registryHost);
    String store = root.path("credsStore").asText("");
    if (helperKey != null) {
      String helper = helpers.get(helperKey).asText();
      Optional<Credentials> found = runHelper(helper, registryHost, "credHelpers: " + helper);
      if (found.isPresent()) {
        return found;
      }
    } else if (!store.isEmpty()) {
      Optional<Credentials> found = runHelper(store, registryHost, "credsStore: " + store);
      if (found.isPresent()) {
        return found;
      }
    }
    Optional<Credentials> found = fromAuths(root, registryHost);
    found.ifPresent(c -> origins.put(registryHost, "auths"));
    return found;
  }

  @Override
  public String name() {
    return displayPath();
  }

  /** Names the entry that supplied the last credentials for this host, e.g. "(credHelpers: x)". */
  @Override
  public String describe(String registryHost) {
    String origin = origins.get(registryHost);
    return origin == null ? displayPath() : displayPath() + " (" + origin + ")";
  }

  @Override
  public String toString() {
    return "DockerConfigCredentials[" + displayPath() + "]";
  }

  private Optional<Credentials> runHelper(String helper, String host, String origin)
      throws RegistryException {
    Optional<Credentials> found = new CredentialHelper(helper, helperDirectory).get(host);
    found.ifPresent(c -> origins.put(host, origin));
    return found;
  }

  private Optional<Credentials> fromAuths(JsonNode root, String host) throws RegistryException {
    JsonNode auths = root.path("auths");
    String key = matchingKey(auths, host);
    if (key == null) {
      return Optional.empty();
    }
    JsonNode e = auths.get(key);
    String auth = e.path("auth").asText("");
    if (!auth.isEmpty()) {
      return Optional.of(decodeAuth(auth, host));
    }
    String user = e.path("username").asText("");
    String password = e.path("password").asText("");
    if (!user.isEmpty() && !password.isEmpty()) {
      return Optional.of(new Credentials(user, password));
    }
    if (e.has("identitytoken")) {
      log.debug(
          "{}: auths entry for {} holds an identity token; not supported, ignored",
          displayPath(),
          host);
    }
    return Optional.empty();
  }

  private Credentials decodeAuth(String auth, String host) throws RegistryException {
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new RegistryException(
          displayPath()
              + ": auths entry for "
              + host
              + " is not base64; run 'docker login "
              + host
              + "' again");
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0) {
      throw new RegistryException(
          displayPath()
              + ": auths entry for "
              + host
              + " is not user:password; run 'docker login "
              + host
              + "' again");
    }
    return new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1));
  }

  /** The key of an object whose bare host equals the registry host, as keys may be URLs. */
  private static String matchingKey(JsonNode object, String host) {
    if (object.has(host)) {
      return host;
    }
    for (Map.Entry<String, JsonNode> entry : object.properties()) {
      if (Hosts.bareHost(entry.getKey()).equals(host)) {
        return entry.getKey();
      }
    }
    return null;
  }

  private JsonNode config() throws RegistryException {
    JsonNode c = config;
    if (c == null) {
      c = read();
      config = c;
    }
    return c;
  }

  private JsonNode read() throws RegistryException {
    if (!Files.isRegularFile(configFile)) {
      return Json.MAPPER.createObjectNode();
    }
    try {
      return Json.MAPPER.readTree(configFile.toFile());
    } catch (IOException e) {
      throw new RegistryException(
          displayPath()
              + " is not valid JSON ("
              + firstLine(e.getMessage())
              + "); fix or remove it",
          e);
    }
  }

  private String displayPath() {
    String home = System.getProperty("user.home");
    String path = configFile.toAbsolutePath().toString();
    return home != null && path.startsWith(home + "/") ? "~" + path.substring(home.length()) : path;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl >= 0 ? s.substring(0, nl) : s;
  }
}
