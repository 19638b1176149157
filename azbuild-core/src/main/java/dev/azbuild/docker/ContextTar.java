package dev.azbuild.docker;

import dev.azbuild.dockerfile.DockerIgnore;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a build context as the docker CLI sends it: every file not excluded by {@code
 * .dockerignore} (moby semantics, see {@link DockerIgnore}), owned by root, with the Dockerfile and
 * {@code .dockerignore} always included. A Dockerfile outside the context is added under a
 * content-derived name that {@code .dockerignore} then excludes, so the daemon reads it but a
 * {@code COPY . .} does not see it.
 *
 * <p>docker-java's own context handling ({@code withBaseDirectory}) is not used: it reads {@code
 * **}/ and comments differently and rejects a Dockerfile that {@code .dockerignore} names.
 */
final class ContextTar implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ContextTar.class);
  private static final String DOCKERIGNORE = ".dockerignore";

  private final Path file;
  private final String dockerfileName;

  private ContextTar(Path file, String dockerfileName) {
    this.file = file;
    this.dockerfileName = dockerfileName;
  }

  /** The tar on disk; deleted by {@link #close()}. */
  Path file() {
    return file;
  }

  /** The Dockerfile's path inside the tar, for the daemon's {@code dockerfile} parameter. */
  String dockerfileName() {
    return dockerfileName;
  }

  static ContextTar write(Path contextDir, Path dockerfile) throws IOException {
    return write(contextDir, dockerfile, Optional.empty());
  }

  /**
   * @param generated the Dockerfile text the daemon reads instead of the file (pinned parents, a
   *     LABEL line appended); the Dockerfile in the context, which a {@code COPY .} sees, stays as
   *     it is on disk
   */
  static ContextTar write(Path contextDir, Path dockerfile, Optional<String> generated)
      throws IOException {
    return write(contextDir, dockerfile, generated, Optional.empty());
  }

  /**
   * @param generated the Dockerfile text the daemon reads instead of the file
   * @param fileTime the modification time of every entry (reproducible builds: the classic builder
   *     keeps a file's time when it copies it into a layer); empty for the times on disk
   */
  static ContextTar write(
      Path contextDir, Path dockerfile, Optional<String> generated, Optional<Instant> fileTime)
      throws IOException {
    Path context = contextDir.toAbsolutePath().normalize();
    Path df = dockerfile.toAbsolutePath().normalize();
    byte[] dockerfileBytes =
        generated.isPresent()
            ? generated.get().getBytes(StandardCharsets.UTF_8)
            : Files.readAllBytes(df);
    String ignoreText =
        Files.isRegularFile(context.resolve(DOCKERIGNORE))
            ? Files.readString(context.resolve(DOCKERIGNORE), StandardCharsets.UTF_8)
            : null;
    boolean inside = df.startsWith(context) && generated.isEmpty();
    String dfName =
        inside ? slashPath(context.relativize(df)) : ".dockerfile." + shortHash(dockerfileBytes);
    if (!inside) {
      // a generated Dockerfile must not reach the image: the daemon drops what .dockerignore names
      ignoreText =
          ignoreText == null
              ? dfName + "\n" + DOCKERIGNORE + "\n"
              : ignoreText + "\n" + dfName + "\n";
    }

    Path tar = Files.createTempFile("azbuild-context-", ".tar");
    try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(tar));
        TarArchiveOutputStream out = new TarArchiveOutputStream(raw)) {
      out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      Walk walk =
          new Walk(
              ignoreText == null ? DockerIgnore.none() : DockerIgnore.parse(ignoreText),
              hasReinclusions(ignoreText),
              Set.of(dfName, DOCKERIGNORE),
              out,
              fileTime);
      walk.directory(context, "");
      // Always sent, whatever .dockerignore says (the CLI does the same; the daemon drops them
      // after reading).
      writeBytes(
          out,
          dfName,
          dockerfileBytes,
          inside ? mode(df) : 0644,
          fileTime.isPresent() ? fileTime.get() : inside ? modified(df) : Instant.now());
      if (ignoreText != null) {
        Path ignoreFile = context.resolve(DOCKERIGNORE);
        writeBytes(
            out,
            DOCKERIGNORE,
            ignoreText.getBytes(StandardCharsets.UTF_8),
            0644,
            fileTime.isPresent()
                ? fileTime.get()
                : Files.isRegularFile(ignoreFile) ? modified(ignoreFile) : Instant.now());
      }
      LOG.debug(
          "build context {}: {} entries, {} bytes", context, walk.entries + 1, Files.size(tar));
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tar);
      throw e;
    }
    return new ContextTar(tar, dfName);
  }

  /**
   * Walks the context in name order, pruning excluded directories unless a {@code !} rule may
   * re-include inside.
   */
  private static final class Walk {
    private final DockerIgnore ignore;
    private final boolean reinclusions;
    private final Set<String> writtenLater;
    private final TarArchiveOutputStream out;
    private final Optional<Instant> fileTime;
    private int entries;

    Walk(
        DockerIgnore ignore,
        boolean reinclusions,
        Set<String> writtenLater,
        TarArchiveOutputStream out,
        Optional<Instant> fileTime) {
      this.ignore = ignore;
      this.reinclusions = reinclusions;
      this.writtenLater = writtenLater;
      this.out = out;
      this.fileTime = fileTime;
    }

    /** The entry's time: the fixed one, else the file's. */
    private long time(BasicFileAttributes attrs) {
      return fileTime.map(Instant::toEpochMilli).orElse(attrs.lastModifiedTime().toMillis());
    }

    void directory(Path dir, String prefix) throws IOException {
      List<Path> children;
      try (Stream<Path> list = Files.list(dir)) {
        children = list.sorted().toList();
      }
      for (Path child : children) {
        String name = prefix + child.getFileName();
        if (writtenLater.contains(name)) {
          continue;
        }
        boolean ignored = ignore.isIgnored(name);
        BasicFileAttributes attrs =
            Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attrs.isDirectory()) {
          if (!ignored) {
            TarArchiveEntry entry = new TarArchiveEntry(name + "/");
            entry.setMode(040000 | mode(child));
            entry.setModTime(time(attrs));
            put(entry, null);
          }
          if (!ignored || reinclusions) {
            directory(child, name + "/");
          }
        } else if (ignored) {
          LOG.debug("build context: {} excluded by .dockerignore", name);
        } else if (attrs.isSymbolicLink()) {
          TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
          entry.setLinkName(slashPath(Files.readSymbolicLink(child)));
          entry.setMode(0120777);
          entry.setModTime(time(attrs));
          put(entry, null);
        } else if (attrs.isRegularFile()) {
          TarArchiveEntry entry = new TarArchiveEntry(name);
          entry.setMode(0100000 | mode(child));
          entry.setSize(attrs.size());
          entry.setModTime(time(attrs));
          put(entry, child);
        } else {
          LOG.debug("build context: {} skipped (not a file, directory or link)", name);
        }
      }
    }

    private void put(TarArchiveEntry entry, Path content) throws IOException {
      if (fileTime.isPresent()) {
        owner(entry);
      }
      out.putArchiveEntry(entry);
      if (content != null) {
        Files.copy(content, out);
      }
      out.closeArchiveEntry();
      entries++;
    }
  }

  private static void writeBytes(
      TarArchiveOutputStream out, String name, byte[] bytes, int mode, Instant time)
      throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setMode(0100000 | mode);
    entry.setModTime(time.toEpochMilli());
    owner(entry);
    entry.setSize(bytes.length);
    out.putArchiveEntry(entry);
    out.write(bytes);
    out.closeArchiveEntry();
  }

  /**
   * Whether a {@code !} rule exists; only then can something inside an excluded directory come
   * back.
   */
  private static boolean hasReinclusions(String ignoreText) {
    return ignoreText != null && ignoreText.lines().anyMatch(line -> line.strip().startsWith("!"));
  }

  /**
   * Root by name too: commons-compress puts the name of the user running azbuild in every entry,
   * and the classic builder's cache key for a COPY includes it.
   */
  private static void owner(TarArchiveEntry entry) {
    entry.setUserId(0);
    entry.setGroupId(0);
    entry.setUserName("root");
    entry.setGroupName("root");
  }

  private static Instant modified(Path file) throws IOException {
    return Files.getLastModifiedTime(file).toInstant();
  }

  /** Permission bits (docker keeps them; they are part of the layer cache key). */
  @SuppressWarnings("EnumOrdinal") // PosixFilePermission's order is POSIX's bit order, by its spec
  private static int mode(Path path) throws IOException {
    PosixFileAttributeView posix =
        Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    if (posix == null) {
      return Files.isDirectory(path) || Files.isExecutable(path) ? 0755 : 0644;
    }
    int mode = 0;
    for (PosixFilePermission p : posix.readAttributes().permissions()) {
      mode |= 0400 >> p.ordinal(); // enum order is owner r,w,x, group r,w,x, others r,w,x
    }
    return mode;
  }

  private static String slashPath(Path path) {
    return path.toString().replace(path.getFileSystem().getSeparator(), "/");
  }

  private static String shortHash(byte[] bytes) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes))
          .substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always present", e);
    }
  }

  @Override
  public void close() throws IOException {
    Files.deleteIfExists(file);
  }
}
