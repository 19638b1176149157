package dev.azbuild.terraform;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Hides the values of secret-looking variables in anything azbuild shows: commands, logs, errors.
 */
final class SecretMask {

  static final String MASK = "****";
  static final SecretMask NONE = new SecretMask(List.of());

  private static final Pattern SECRET_NAME =
      Pattern.compile(
          "(?i).*(password|passwd|secret|token|credential|private_?key|api_?key|access_?key).*");

  private final List<String> secrets;

  private SecretMask(List<String> secrets) {
    // Longest first, so a secret containing another is not half-masked.
    this.secrets =
        secrets.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
  }

  /** Masks the values of the variables whose names look secret. */
  static SecretMask of(Map<String, String> vars) {
    return new SecretMask(
        vars.entrySet().stream()
            .filter(e -> isSecretName(e.getKey()))
            .map(Map.Entry::getValue)
            .filter(v -> !v.isEmpty())
            .distinct()
            .toList());
  }

  static boolean isSecretName(String name) {
    return SECRET_NAME.matcher(name).matches();
  }

  /** {@code text} with every occurrence of a secret value replaced by {@value #MASK}. */
  String apply(String text) {
    String masked = text;
    for (String secret : secrets) {
      masked = masked.replace(secret, MASK);
    }
    return masked;
  }
}
