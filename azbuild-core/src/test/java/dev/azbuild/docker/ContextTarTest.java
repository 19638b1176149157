package dev.azbuild.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.exception.DockerClientException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build context sent to the daemon, read back from the tar. No daemon needed. */
class ContextTarTest {

  private static final String IGNORE =
      """
      # a comment, not a pattern
      secret.txt
      **/*.md
      !sub/keep.md
      build
      !build/keep
      """;

  @TempDir Path ctx;

  private void files(String... pathsAndContents) throws IOException {
    for (int i = 0; i < pathsAndContents.length; i += 2) {
      Path file = ctx.resolve(pathsAndContents[i]);
      Files.createDirectories(file.getParent());
      Files.writeString(file, pathsAndContents[i + 1], StandardCharsets.UTF_8);
    }
  }

  private void sampleContext() throws IOException {
    files(
        "Dockerfile",
        "FROM scratch\n",
        ".dockerignore",
        IGNORE,
        "keep.txt",
        "k",
        "secret.txt",
        "s",
        "README.md",
        "r",
        "sub/notes.md",
        "n",
        "sub/keep.md",
        "k",
        "build/out.bin",
        "o",
        "build/keep/me.txt",
        "m");
  }

  /** Entry name to entry, in tar order. */
  private static Map<String, TarArchiveEntry> entries(InputStream tar) throws IOException {
    Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(tar)) {
      for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        entries.put(e.getName(), e);
      }
    }
    return entries;
  }

  private Map<String, TarArchiveEntry> ours(Path dockerfile) throws IOException {
    try (ContextTar tar = ContextTar.write(ctx, dockerfile);
        InputStream in = Files.newInputStream(tar.file())) {
      return entries(in);
    }
  }

  @Test
  void excludesWhatDockerExcludes() throws IOException {
    sampleContext();

    assertThat(ours(ctx.resolve("Dockerfile")).keySet())
        .containsExactlyInAnyOrder(
            "keep.txt",
            "sub/",
            "sub/keep.md",
            "build/keep/",
            "build/keep/me.txt",
            "Dockerfile",
            ".dockerignore");
  }

  @Test
  void alwaysSendsTheDockerfileAndDockerignore() throws IOException {
    files("Dockerfile", "FROM scratch\n", ".dockerignore", "*\n", "app.txt", "a");

    assertThat(ours(ctx.resolve("Dockerfile")).keySet())
        .containsExactlyInAnyOrder("Dockerfile", ".dockerignore");
  }

  @Test
  void dockerfileOutsideTheContextGetsAHiddenNameThatIsIgnored(@TempDir Path elsewhere)
      throws IOException {
    files("app.txt", "a");
    Path dockerfile = elsewhere.resolve("Dockerfile.api");
    Files.writeString(dockerfile, "FROM scratch\n");

    try (ContextTar tar = ContextTar.write(ctx, dockerfile)) {
      assertThat(tar.dockerfileName()).matches("\\.dockerfile\\.[0-9a-f]{16}");
      try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(tar.file()))) {
        Map<String, String> contents = new LinkedHashMap<>();
        for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
          contents.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertThat(contents)
            .containsEntry(tar.dockerfileName(), "FROM scratch\n")
            .containsEntry(
                ".dockerignore",
                tar.dockerfileName() + "\n.dockerignore\n") // neither reaches the image
            .containsKey("app.txt");
      }
    }
  }

  @Test
  void aGeneratedDockerfileGoesToTheDaemonAndTheOriginalStaysInTheContext() throws IOException {
    files("app.txt", "a", "Dockerfile", "FROM scratch\n", ".dockerignore", "*.tmp");

    try (ContextTar tar =
        ContextTar.write(
            ctx,
            ctx.resolve("Dockerfile"),
            java.util.Optional.of("FROM scratch\n\nLABEL \"a\"=\"1\"\n"))) {
      assertThat(tar.dockerfileName()).matches("\\.dockerfile\\.[0-9a-f]{16}");
      try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(tar.file()))) {
        Map<String, String> contents = new LinkedHashMap<>();
        for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
          contents.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertThat(contents)
            .containsEntry(tar.dockerfileName(), "FROM scratch\n\nLABEL \"a\"=\"1\"\n")
            .containsEntry("Dockerfile", "FROM scratch\n")
            .containsEntry(".dockerignore", "*.tmp\n" + tar.dockerfileName() + "\n");
      }
    }
  }

  @Test
  void keepsPermissionsAndLinksOwnedByRoot() throws IOException {
    files("Dockerfile", "FROM scratch\n", "run.sh", "#!/bin/sh\n");
    Files.setPosixFilePermissions(
        ctx.resolve("run.sh"), PosixFilePermissions.fromString("rwxr-x---"));
    Files.createSymbolicLink(ctx.resolve("link"), Path.of("run.sh"));

    Map<String, TarArchiveEntry> entries = ours(ctx.resolve("Dockerfile"));

    assertThat(entries.get("run.sh").getMode() & 0777).isEqualTo(0750);
    assertThat(entries.get("run.sh").getLongUserId()).isZero();
    assertThat(entries.get("link").isSymbolicLink()).isTrue();
    assertThat(entries.get("link").getLinkName()).isEqualTo("run.sh");
  }

  @Test
  void longPathsSurvive() throws IOException {
    String deep = "a".repeat(60) + "/" + "b".repeat(60) + "/" + "c".repeat(60) + ".txt";
    files("Dockerfile", "FROM scratch\n", deep, "x");

    assertThat(ours(ctx.resolve("Dockerfile"))).containsKey(deep);
  }

  /**
   * Why azbuild packs the context itself: docker-java's {@code withBaseDirectory} context reads the
   * same .dockerignore differently from docker. If this starts failing, docker-java fixed it.
   */
  @Test
  void dockerJavasOwnContextDivergesFromDocker() throws IOException {
    sampleContext();
    com.github.dockerjava.core.dockerfile.Dockerfile dockerJava =
        new com.github.dockerjava.core.dockerfile.Dockerfile(
            ctx.resolve("Dockerfile").toFile(), ctx.toFile());

    Map<String, TarArchiveEntry> theirs =
        entries(new GZIPInputStream(dockerJava.parse().buildDockerFolderTar()));

    // "**/*.md" must match README.md at the root (moby: "**/" also matches nothing); docker-java
    // sends it
    assertThat(theirs).containsKey("README.md");
    assertThat(ours(ctx.resolve("Dockerfile"))).doesNotContainKey("README.md");

    // docker sends an ignored Dockerfile anyway (the daemon needs it); docker-java refuses to build
    Files.writeString(ctx.resolve(".dockerignore"), "Dockerfile\n");
    assertThatThrownBy(() -> dockerJava.parse())
        .isInstanceOf(DockerClientException.class)
        .hasMessageContaining("Dockerfile is excluded by pattern");
    assertThat(ours(ctx.resolve("Dockerfile"))).containsKey("Dockerfile");
  }

  @Test
  void aFixedFileTimeMakesEveryEntryCarryItAndTheTarTheSameForTheSameFiles() throws Exception {
    sampleContext();
    Files.createSymbolicLink(ctx.resolve("link"), Path.of("keep.txt"));
    java.time.Instant fixed = java.time.Instant.ofEpochSecond(1_700_000_000L);
    byte[] first;
    try (ContextTar tar =
        ContextTar.write(
            ctx,
            ctx.resolve("Dockerfile"),
            java.util.Optional.empty(),
            java.util.Optional.of(fixed))) {
      first = Files.readAllBytes(tar.file());
      for (TarArchiveEntry entry : entries(Files.newInputStream(tar.file())).values()) {
        assertThat(entry.getModTime().toInstant()).as(entry.getName()).isEqualTo(fixed);
      }
    }
    // the same files checked out at another time: the same bytes
    try (var paths = Files.walk(ctx)) {
      for (Path p : paths.toList()) {
        if (!Files.isSymbolicLink(p)) {
          Files.setLastModifiedTime(
              p, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(3600)));
        }
      }
    }
    try (ContextTar tar =
        ContextTar.write(
            ctx,
            ctx.resolve("Dockerfile"),
            java.util.Optional.empty(),
            java.util.Optional.of(fixed))) {
      assertThat(Files.readAllBytes(tar.file())).isEqualTo(first);
    }
  }

  @Test
  void withoutAFixedTimeFilesKeepTheirTimesOnDisk() throws Exception {
    files("Dockerfile", "FROM scratch\n", "a.txt", "a");
    java.time.Instant old = java.time.Instant.ofEpochSecond(1_600_000_000L);
    Files.setLastModifiedTime(ctx.resolve("a.txt"), java.nio.file.attribute.FileTime.from(old));
    Files.setLastModifiedTime(
        ctx.resolve("Dockerfile"), java.nio.file.attribute.FileTime.from(old));

    Map<String, TarArchiveEntry> entries = ours(ctx.resolve("Dockerfile"));

    assertThat(entries.get("a.txt").getModTime().toInstant()).isEqualTo(old);
    assertThat(entries.get("Dockerfile").getModTime().toInstant()).isEqualTo(old);
  }
}
