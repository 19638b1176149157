package dev.azbuild.hashing;

import dev.azbuild.git.RepoSnapshot;
import dev.azbuild.patterns.RebuildPatterns;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.Constants;

/**
 * Content mode: a SHA-256 over a module's inputs, computed from a {@link RepoSnapshot} so it does
 * not depend on mtimes, absolute paths, file order on disk or the machine. Context files are listed
 * relative to the context and the module's own files relative to its directory, so moving a module
 * alone does not change its hash.
 *
 * <p>Each line of the input tree starts with its kind, so a diff of two trees says which input
 * changed: {@code context}, {@code dockerfile}, {@code source} (the module's own files outside what
 * the context sends), {@code extra} ({@code .rebuild_patterns}), {@code dependency-source} (files
 * of the reactor modules it depends on), {@code pom} (parent POMs in the repository), {@code
 * mvn-config} ({@code .mvn/}), {@code dependency}, {@code plugin}, {@code parent} (the effective
 * model's coordinates), {@code snapshot} (content of SNAPSHOT dependencies from outside the
 * reactor), {@code arg} and {@code upstream}. A file is listed once, under the first kind that
 * covers it.
 */
public final class InputHasher {

  /** Bumped when the input tree format changes, so old cache tags are never reused wrongly. */
  public static final String FORMAT = "azbuild-inputs-v2";

  private static final Pattern ERE_META = Pattern.compile("[\\\\.\\[\\]()*+?{}|^$]");

  private final RepoSnapshot snapshot;
  private final ArtifactResolver artifacts;

  /** SNAPSHOT coordinate to the SHA-256 of its file: many modules share a dependency. */
  private final Map<String, String> snapshotDigests = new ConcurrentHashMap<>();

  public InputHasher(RepoSnapshot snapshot) {
    this(snapshot, ArtifactResolver.NONE);
  }

  public InputHasher(RepoSnapshot snapshot, ArtifactResolver artifacts) {
    this.snapshot = snapshot;
    this.artifacts = artifacts;
  }

  /**
   * Hashes one module. {@code upstreamHashes} maps upstream module ids to their hashes: a change in
   * an upstream image changes this one too.
   *
   * @throws UnresolvedSnapshotException when a SNAPSHOT dependency's file cannot be resolved
   */
  public InputHash hash(ModuleInputs inputs, Map<String, String> upstreamHashes)
      throws UnresolvedSnapshotException {
    List<String> tree = new ArrayList<>();
    tree.add(FORMAT);
    BitSet listed = new BitSet(snapshot.size()); // files already in the tree: each is listed once
    String context = inputs.contextDir();
    int[] range = snapshot.rangeUnder(context);
    int prefix = context.isEmpty() ? 0 : context.length() + 1;
    for (int i = range[0]; i < range[1]; i++) {
      String relative = snapshot.path(i).substring(prefix);
      if (isAlwaysSent(relative) || !inputs.ignore().isIgnored(relative)) {
        tree.add(entry("context", relative, i));
        listed.set(i);
      }
    }
    int dockerfile = snapshot.indexOf(inputs.dockerfile());
    // named relative to the context when inside it, so that moving the module keeps its hash
    String dockerfileName =
        prefix > 0 && inputs.dockerfile().startsWith(context + "/")
            ? inputs.dockerfile().substring(prefix)
            : inputs.dockerfile();
    if (dockerfile >= 0) {
      if (!listed.get(dockerfile)) { // inside the context it is a context line already
        tree.add(entry("dockerfile", dockerfileName, dockerfile));
        listed.set(dockerfile);
      }
    } else {
      tree.add("dockerfile " + dockerfileName + " missing");
    }
    inputs.maven().ifPresent(own -> addModuleFiles(own, "source", true, listed, tree));
    inputs.extraPatterns().ifPresent(patterns -> addExtraFiles(patterns, context, listed, tree));
    List<MavenModule> dependencies = new ArrayList<>(inputs.dependencies());
    dependencies.sort(
        Comparator.comparing(MavenModule::dir)); // the pom's dependency order does not count
    for (MavenModule dependency : dependencies) {
      addModuleFiles(dependency, "dependency-source", false, listed, tree);
    }
    List<MavenModule> all = new ArrayList<>(dependencies);
    inputs.maven().ifPresent(own -> all.add(0, own));
    addMavenInputs(all, listed, tree);
    new TreeMap<>(inputs.buildArgs()).forEach((k, v) -> tree.add("arg " + k + "=" + v));
    new TreeMap<>(upstreamHashes).forEach((id, h) -> tree.add("upstream " + id + " " + h));
    return new InputHash(sha256(tree), List.copyOf(tree));
  }

  /**
   * The files under a module's directory, without those of the reactor modules nested in it; named
   * relative to the directory ({@code relative}) or by their full path.
   */
  private void addModuleFiles(
      MavenModule module, String kind, boolean relative, BitSet listed, List<String> tree) {
    String dir = module.dir();
    int[] range = snapshot.rangeUnder(dir);
    int prefix = relative && !dir.isEmpty() ? dir.length() + 1 : 0;
    List<int[]> skipped = new ArrayList<>();
    for (String nested : module.nestedDirs()) {
      skipped.add(snapshot.rangeUnder(nested));
    }
    skipped.sort(
        Comparator.comparingInt(r -> r[0])); // "a/b-c/" sorts before "a/b/": order by position
    int i = range[0];
    for (int[] skip : skipped) {
      for (; i < Math.min(skip[0], range[1]); i++) {
        addFile(kind, i, prefix, listed, tree);
      }
      i = Math.max(i, skip[1]);
    }
    for (; i < range[1]; i++) {
      addFile(kind, i, prefix, listed, tree);
    }
  }

  private void addFile(String kind, int i, int prefix, BitSet listed, List<String> tree) {
    if (!listed.get(i)) {
      listed.set(i);
      tree.add(entry(kind, snapshot.path(i).substring(prefix), i));
    }
  }

  /**
   * Parent POMs, {@code .mvn/} files, coordinates and SNAPSHOT contents of the module and its
   * dependencies.
   */
  private void addMavenInputs(List<MavenModule> modules, BitSet listed, List<String> tree)
      throws UnresolvedSnapshotException {
    Set<String> poms = new TreeSet<>();
    Set<String> configDirs = new TreeSet<>();
    Set<String> coordinates = new TreeSet<>();
    Map<String, MavenModule> snapshots =
        new TreeMap<>(); // coordinate to the first module declaring it
    for (MavenModule m : modules) {
      poms.addAll(m.parentPoms());
      m.mavenConfigDir().ifPresent(configDirs::add);
      coordinates.addAll(m.coordinates());
      m.snapshots().forEach(s -> snapshots.putIfAbsent(s, m));
    }
    for (String pom : poms) {
      int i =
          snapshot.indexOf(
              pom); // absent when git ignores it (a local repository inside the work tree)
      if (i >= 0) {
        addFile("pom", i, 0, listed, tree);
      }
    }
    for (String dir : configDirs) {
      int[] range = snapshot.rangeUnder(dir);
      for (int i = range[0]; i < range[1]; i++) {
        addFile("mvn-config", i, 0, listed, tree);
      }
    }
    tree.addAll(coordinates);
    for (Map.Entry<String, MavenModule> s : snapshots.entrySet()) {
      tree.add("snapshot " + s.getKey() + " sha256:" + snapshotDigest(s.getValue(), s.getKey()));
    }
  }

  private String snapshotDigest(MavenModule module, String coordinate)
      throws UnresolvedSnapshotException {
    String known = snapshotDigests.get(coordinate);
    if (known != null) {
      return known;
    }
    Path file;
    try {
      file = artifacts.resolve(module.id(), coordinate);
    } catch (Exception e) {
      throw new UnresolvedSnapshotException(module.label(), coordinate, oneLine(e.getMessage()), e);
    }
    if (file == null || !Files.isRegularFile(file)) {
      throw new UnresolvedSnapshotException(
          module.label(), coordinate, "no file" + (file == null ? "" : " at " + file), null);
    }
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[64 * 1024];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
      String hex = HexFormat.of().formatHex(digest.digest());
      snapshotDigests.put(coordinate, hex);
      return hex;
    } catch (IOException e) {
      throw new UnresolvedSnapshotException(
          module.label(), coordinate, "cannot read " + file + ": " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  private static String oneLine(String message) {
    return message == null ? "no reason given" : message.strip().replaceAll("\\s*\\R\\s*", " ");
  }

  /** Docker always sends the Dockerfile and .dockerignore, whatever .dockerignore says. */
  private static boolean isAlwaysSent(String relative) {
    return relative.equals(".dockerignore") || relative.equals("Dockerfile");
  }

  /**
   * Files outside the context that the module's patterns match; anchored literal prefixes prune the
   * scan.
   */
  private void addExtraFiles(
      RebuildPatterns patterns, String context, BitSet listed, List<String> tree) {
    String contextPrefix = context.isEmpty() ? "" : context + "/";
    if (contextPrefix.isEmpty()) {
      return; // the context is the whole repository: nothing lies outside it
    }
    List<int[]> ranges = new ArrayList<>();
    for (String source : patterns.sources()) {
      String literal = anchoredLiteralPrefix(source);
      ranges.add(literal == null ? new int[] {0, snapshot.size()} : prefixRange(literal));
    }
    BitSet seen = new BitSet(snapshot.size());
    for (int[] r : ranges) {
      for (int i = r[0]; i < r[1]; i++) {
        String path = snapshot.path(i);
        if (!seen.get(i)
            && !listed.get(i)
            && !path.startsWith(contextPrefix)
            && patterns.matches(path)) {
          seen.set(i);
        }
      }
    }
    for (int i = seen.nextSetBit(0); i >= 0; i = seen.nextSetBit(i + 1)) {
      tree.add(entry("extra", snapshot.path(i), i));
      listed.set(i);
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

  /**
   * {@code <kind> <mode> <blob id> <path>}; built without a formatter, as it runs once per file and
   * module.
   */
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
