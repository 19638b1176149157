package dev.azbuild.registry;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed {@code WWW-Authenticate} header: {@code Basic realm="x"} or {@code Bearer
 * realm="https://auth/token",service="registry",scope="repository:a:pull"}.
 */
record AuthChallenge(String scheme, Map<String, String> params) {

  AuthChallenge {
    params = Map.copyOf(params);
  }

  boolean isBasic() {
    return scheme.equals("basic");
  }

  boolean isBearer() {
    return scheme.equals("bearer");
  }

  Optional<String> param(String name) {
    return Optional.ofNullable(params.get(name));
  }

  static Optional<AuthChallenge> parse(String header) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String h = header.trim();
    int space = h.indexOf(' ');
    String scheme = (space < 0 ? h : h.substring(0, space)).toLowerCase(Locale.ROOT);
    Map<String, String> params = new LinkedHashMap<>();
    if (space > 0) {
      parseParams(h.substring(space + 1), params);
    }
    return Optional.of(new AuthChallenge(scheme, params));
  }

  // key=value or key="value, with commas" separated by commas.
  private static void parseParams(String s, Map<String, String> out) {
    int i = 0;
    while (i < s.length()) {
      while (i < s.length() && (s.charAt(i) == ',' || s.charAt(i) == ' ')) {
        i++;
      }
      int eq = s.indexOf('=', i);
      if (eq < 0) {
        return;
      }
      String key = s.substring(i, eq).trim().toLowerCase(Locale.ROOT);
      i = eq + 1;
      StringBuilder value = new StringBuilder();
      if (i < s.length() && s.charAt(i) == '"') {
        i++;
        while (i < s.length() && s.charAt(i) != '"') {
          if (s.charAt(i) == '\\' && i + 1 < s.length()) {
            i++;
          }
          value.append(s.charAt(i++));
        }
        i++;
      } else {
        while (i < s.length() && s.charAt(i) != ',') {
          value.append(s.charAt(i++));
        }
      }
      out.put(key, value.toString().trim());
    }
  }
}
