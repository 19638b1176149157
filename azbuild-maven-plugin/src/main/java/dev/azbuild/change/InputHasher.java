package dev.azbuild.change;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.Constants;

/**
 * Content mode: a SHA-256 over a module's inputs, computed from a {@link RepoSnapshot} so it does not
 * depend on mtimes, absolute paths, file order on disk or the machine. Context files are listed
 * relative to the context, so moving a module alone does not change its hash.
 */
public final class InputHasher {

  /** Bumped when the input tree format changes, so old cache tags are never reused wrongly. */
  static final String FORMAT = "azbuild-inputs-v1";

  private static final Pattern ERE_META = Pattern.compile("[\\\\.\\[\\]()*+?{}|^$]");

  private final RepoSnapshot snapshot;

  public InputHasher(RepoSnapshot snapshot) {
    this.snapshot = snapshot;
  }

  /**
   * Hashes one module. {@code upstreamHashes} maps upstream module ids to their hashes: a change in
   * an upstream image changes this one too.
   */
  public InputHash hash(ModuleInputs inputs, Map<String, String> upstreamHashes) {
    List<String> tree = new ArrayList<>();
    tree.add(FORMAT);
    String context = inputs.contextDir();
    int[] range = snapshot.rangeUnder(context);
    int prefix = context.isEmpty() ? 0 : context.length() + 1;
    for (int i = range[0]; i < range[1]; i++) {
      String relative = snapshot.path(i).substring(prefix);
      if (isAlwaysSent(relative) || !inputs.ignore().isIgnored(relative)) {
        tree.add(entry("context", relative, i));
      }
    }
    int dockerfile = snapshot.indexOf(inputs.dockerfile());
    // named relative to the context when inside it, so that moving the module keeps its hash
    String dockerfileName = prefix > 0 && inputs.dockerfile().startsWith(context + "/")
        ? inputs.dockerfile().substring(prefix) : inputs.dockerfile();
    tree.add(dockerfile >= 0 ? entry("dockerfile", dockerfileName, dockerfile)
        : "dockerfile " + dockerfileName + " missing");
    for (String dir : inputs.dependencyDirs()) {
      int[] dep = snapshot.rangeUnder(dir);
      for (int i = dep[0]; i < dep[1]; i++) {
        tree.add(entry("dependency", snapshot.path(i), i));
      }
    }
    inputs.extraPatterns().ifPresent(patterns -> addExtraFiles(patterns, context, tree));
    new TreeMap<>(inputs.buildArgs()).forEach((k, v) -> tree.add("arg " + k + "=" + v));
    new TreeMap<>(upstreamHashes).forEach((id, h) -> tree.add("upstream " + id + " " + h));
    return new InputHash(sha256(tree), List.copyOf(tree));
  }

  /** Docker always sends the Dockerfile and .dockerignore, whatever .dockerignore says. */
  private static boolean isAlwaysSent(String relative) {
    return relative.equals(".dockerignore") || relative.equals("Dockerfile");
  }

  /** Files outside the context that the module's patterns match; anchored literal prefixes prune the scan. */
  private void addExtraFiles(RebuildPatterns patterns, String context, List<String> tree) {
    String contextPrefix = context.isEmpty() ? "" : context + "/";
    if (contextPrefix.isEmpty()) {
      return; // the context is the whole repository: nothing lies outside it
    }
    List<int[]> ranges = new ArrayList<>();
    for (String source : patterns.sources()) {
      String literal = anchoredLiteralPrefix(source);
      ranges.add(literal == null ? new int[] {0, snapshot.size()} : prefixRange(literal));
    }
    java.util.BitSet seen = new java.util.BitSet(snapshot.size());
    for (int[] r : ranges) {
      for (int i = r[0]; i < r[1]; i++) {
        String path = snapshot.path(i);
        if (!seen.get(i) && !path.startsWith(contextPrefix) && patterns.matches(path)) {
          seen.set(i);
        }
      }
    }
    for (int i = seen.nextSetBit(0); i >= 0; i = seen.nextSetBit(i + 1)) {
      tree.add(entry("extra", snapshot.path(i), i));
    }
  }

  private int[] prefixRange(String literal) {
    // every path starting with the literal sorts between literal and literal + U+FFFF
    int from = lowerBound(literal);
    int to = lowerBound(literal + '\uffff');
    return new int[] {from, to};
  }

  private int lowerBound(String key) {
    int lo = 0;
    int hi = snapshot.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (snapshot.path(mid).compareTo(key) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * For {@code ^libs/common/} gives {@code libs/common/}; null when the pattern is not anchored or
   * a top-level alternation makes the prefix meaningless. A literal char followed by a quantifier
   * is not part of the prefix.
   */
  static String anchoredLiteralPrefix(String ere) {
    if (!ere.startsWith("^") || ere.contains("|")) {
      return null;
    }
    var m = ERE_META.matcher(ere);
    int end = m.find(1) ? m.start() : ere.length();
    String literal = ere.substring(1, end);
    if (end < ere.length() && "*?{+".indexOf(ere.charAt(end)) >= 0 && !literal.isEmpty()) {
      literal = literal.substring(0, literal.length() - 1);
    }
    return literal;
  }

  /** {@code <kind> <mode> <blob id> <path>}; built without a formatter, as it runs once per file and module. */
  private String entry(String kind, String path, int i) {
    StringBuilder line = new StringBuilder(kind.length() + path.length() + 50);
    line.append(kind).append(' ').append(RepoSnapshot.modeString(snapshot.mode(i))).append(' ');
    snapshot.id(i).copyTo(new char[Constants.OBJECT_ID_STRING_LENGTH], line);
    return line.append(' ').append(path).toString();
  }

  static String sha256(List<String> lines) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (String line : lines) {
        digest.update(line.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) '\n');
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
