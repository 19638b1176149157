package dev.azbuild.ci.local;

import java.util.List;
import java.util.regex.Pattern;

/**
 * CircleCI's {@code filters: branches: only/ignore}: names, or regular expressions between slashes
 * that must match the whole branch name.
 */
public record BranchFilter(List<String> only, List<String> ignore) {

  public static final BranchFilter ANY = new BranchFilter(List.of(), List.of());

  public BranchFilter {
    only = List.copyOf(only);
    ignore = List.copyOf(ignore);
  }

  public boolean accepts(String branch) {
    if (!only.isEmpty() && only.stream().noneMatch(p -> matches(p, branch))) {
      return false;
    }
    return ignore.stream().noneMatch(p -> matches(p, branch));
  }

  private static boolean matches(String pattern, String branch) {
    if (pattern.length() > 1 && pattern.startsWith("/") && pattern.endsWith("/")) {
      return Pattern.compile(pattern.substring(1, pattern.length() - 1)).matcher(branch).matches();
    }
    return pattern.equals(branch);
  }

  /** How the summary says why a job did not run, e.g. {@code only main}. */
  public String describe() {
    return (only.isEmpty() ? "" : "only " + String.join(", ", only))
        + (!only.isEmpty() && !ignore.isEmpty() ? "; " : "")
        + (ignore.isEmpty() ? "" : "ignore " + String.join(", ", ignore));
  }
}
