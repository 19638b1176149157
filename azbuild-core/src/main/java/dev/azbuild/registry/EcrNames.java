package dev.azbuild.registry;

import java.util.regex.Pattern;

/** ECR's repository name rule, checked before any API call so the error is one clear line. */
final class EcrNames {

  static final String RULE = "(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*";
  private static final Pattern NAME = Pattern.compile(RULE);

  private EcrNames() {}

  static String require(String name, EcrHost host) throws RegistryException {
    if (name == null || name.length() < 2 || name.length() > 256 || !NAME.matcher(name).matches()) {
      throw new RegistryException(
          "Invalid ECR repository name '"
              + name
              + "' for "
              + host
              + ": it must be 2-256 characters matching "
              + RULE
              + "; use lowercase letters and digits separated by single '.', '_', '-' or '/'");
    }
    return name;
  }
}
