package dev.azbuild.tools;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TerraformInstallerTest {

  private static final Path REAL_TERRAFORM = Path.of("/usr/local/bin/terraform");
  private static final String REAL_VERSION = "1.11.4";
  private static final String FAKE = "9.9.9";
  private static final String ZIP = "terraform_9.9.9_linux_amd64.zip";
  private static final String SUMS = "terraform_9.9.9_SHA256SUMS";

  @TempDir static Path shared;
  private static Path realZip;

  @TempDir Path tmp;
  private MirrorServer mirror;
  private Path cache;
  private Path fakeZip;

  /** Zips the preinstalled terraform once (stored, not deflated: it is ~80 MB). */
  @BeforeAll
  static void zipRealTerraform() throws IOException {
    realZip = shared.resolve("terraform_" + REAL_VERSION + "_real.zip");
    CRC32 crc = new CRC32();
    try (InputStream in = Files.newInputStream(REAL_TERRAFORM)) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        crc.update(buf, 0, n);
      }
    }
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(realZip))) {
      ZipEntry entry = new ZipEntry("terraform");
      entry.setMethod(ZipEntry.STORED);
      entry.setSize(Files.size(REAL_TERRAFORM));
      entry.setCrc(crc.getValue());
      zip.putNextEntry(entry);
      Files.copy(REAL_TERRAFORM, zip);
      zip.closeEntry();
    }
  }

  @BeforeEach
  void startMirror() throws IOException {
    mirror = new MirrorServer();
    cache = tmp.resolve("cache");
    fakeZip = zipOf(tmp.resolve(ZIP), "terraform", fakeTerraform(tmp.resolve("fake-src"), FAKE));
    mirror.serve(FAKE, ZIP, fakeZip);
    mirror.serve(FAKE, SUMS, sums(tmp.resolve(SUMS), fakeZip, ZIP));
  }

  @AfterEach
  void stopMirror() {
    mirror.close();
  }

  // ---- download and cache ----

  @Test
  void installsVerifiedBinaryFromMirror() throws Exception {
    Path binary = installer(null).ensure(request(FAKE));

    assertThat(binary).isEqualTo(cache.resolve("terraform/9.9.9/terraform"));
    assertThat(Files.isExecutable(binary)).isTrue();
    assertThat(run(binary, "version", "-json")).contains("\"terraform_version\": \"9.9.9\"");
    assertThat(mirror.requests())
        .containsExactly("/terraform/9.9.9/" + SUMS, "/terraform/9.9.9/" + ZIP);
    assertThat(children(cache.resolve("terraform"))).containsExactly("9.9.9");
  }

  @Test
  void secondEnsureUsesCacheWithoutHttp() throws Exception {
    Path first = installer(null).ensure(request(FAKE));
    int requests = mirror.requests().size();

    Path second = installer(null).ensure(request(FAKE));

    assertThat(second).isEqualTo(first);
    assertThat(mirror.requests()).hasSize(requests);
  }

  @Test
  void endToEndWithRealTerraform() throws Exception {
    TerraformRequest request = TerraformRequest.of(REAL_VERSION, mirror.uri(), cache);
    mirror.serve(REAL_VERSION, request.zipName(), realZip);
    mirror.serve(
        REAL_VERSION,
        request.sumsName(),
        sums(tmp.resolve(request.sumsName()), realZip, request.zipName()));

    Path binary = installer(null).ensure(request);
    int requests = mirror.requests().size();
    Path again = installer(null).ensure(request);

    assertThat(run(binary, "version")).contains("Terraform v" + REAL_VERSION);
    assertThat(Files.mismatch(binary, REAL_TERRAFORM)).isEqualTo(-1L);
    assertThat(again).isEqualTo(binary);
    assertThat(mirror.requests()).hasSize(requests);
  }

  @Test
  void replacesCachedCopyThatReportsAnotherVersion() throws Exception {
    Path versionDir = Files.createDirectories(cache.resolve("terraform/9.9.9"));
    fakeTerraform(versionDir, "1.0.0");

    Path binary = installer(null).ensure(request(FAKE));

    assertThat(run(binary, "version", "-json")).contains("9.9.9");
    assertThat(mirror.requests()).hasSize(2);
    assertThat(children(cache.resolve("terraform"))).containsExactly("9.9.9");
  }

  @Test
  void concurrentInstallsBothSucceedWithOneDirectory() throws Exception {
    // Both downloads wait for each other, so both installs stage a copy and race to rename it.
    CyclicBarrier bothDownloading = new CyclicBarrier(2);
    mirror.hook(
        path -> {
          if (path.endsWith(".zip")) {
            bothDownloading.await(20, TimeUnit.SECONDS);
          }
          return 0;
        });
    TerraformInstaller installer = installer(null);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<Path> a = pool.submit(() -> installer.ensure(request(FAKE)));
      Future<Path> b = pool.submit(() -> installer.ensure(request(FAKE)));

      assertThat(a.get(60, TimeUnit.SECONDS)).isEqualTo(cache.resolve("terraform/9.9.9/terraform"));
      assertThat(b.get(60, TimeUnit.SECONDS)).isEqualTo(a.get());
    } finally {
      pool.shutdownNow();
    }
    assertThat(mirror.requests()).filteredOn(p -> p.endsWith(".zip")).hasSize(2);
    assertThat(children(cache.resolve("terraform"))).containsExactly("9.9.9");
    assertThat(run(cache.resolve("terraform/9.9.9/terraform"), "version", "-json"))
        .contains("9.9.9");
  }

  // ---- PATH ----

  @Test
  void usesTerraformOnPathWhenItReportsTheVersion() throws Exception {
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path onPath = fakeTerraform(bin, FAKE);

    Path binary = installer(tmp.resolve("empty") + ":" + bin).ensure(request(FAKE));

    assertThat(binary).isEqualTo(onPath);
    assertThat(mirror.requests()).isEmpty();
    assertThat(cache).doesNotExist();
  }

  @Test
  void readsTheTextVersionOfReleasesWithoutJson() throws Exception {
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path onPath =
        script(bin.resolve("terraform"), "echo 'Terraform v9.9.9'; echo 'on linux_amd64'");

    assertThat(installer(bin.toString()).ensure(request(FAKE))).isEqualTo(onPath);
    assertThat(mirror.requests()).isEmpty();
  }

  @Test
  void ignoresTerraformOnPathOfAnotherVersion() throws Exception {
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    fakeTerraform(bin, "1.0.0");

    Path binary = installer(bin.toString()).ensure(request(FAKE));

    assertThat(binary).isEqualTo(cache.resolve("terraform/9.9.9/terraform"));
    assertThat(mirror.requests()).hasSize(2);
  }

  // ---- failures ----

  @Test
  void checksumMismatchInstallsNothing() throws Exception {
    String wrong = "0".repeat(64);
    mirror.serve(FAKE, SUMS, write(tmp.resolve("bad-sums"), wrong + "  " + ZIP + "\n"));

    assertThatThrownBy(() -> installer(null).ensure(request(FAKE)))
        .isInstanceOf(TerraformInstallException.class)
        .hasMessageContaining("SHA-256 mismatch for " + ZIP)
        .hasMessageContaining("expected " + wrong)
        .hasMessageContaining("got " + Checksums.sha256(fakeZip))
        .satisfies(TerraformInstallerTest::isOneLine);
    assertThat(cache.resolve("terraform/9.9.9")).doesNotExist();
    assertThat(children(cache.resolve("terraform"))).isEmpty();
  }

  @Test
  void unknownVersionSaysItDoesNotExistOnTheMirror() {
    assertThatThrownBy(() -> installer(null).ensure(request("9.9.8")))
        .isInstanceOf(TerraformInstallException.class)
        .hasMessageStartingWith("terraform 9.9.8 does not exist on mirror " + mirror.uri())
        .satisfies(TerraformInstallerTest::isOneLine);
    assertThat(mirror.requests()).hasSize(1); // a 404 is not retried
    assertThat(cache.resolve("terraform/9.9.8")).doesNotExist();
  }

  @Test
  void missingSumsLineSaysThePlatformIsNotPublished() throws Exception {
    mirror.serve(
        FAKE,
        SUMS,
        write(
            tmp.resolve("other-sums"),
            Checksums.sha256(fakeZip) + "  terraform_9.9.9_darwin_arm64.zip\n"));

    assertThatThrownBy(() -> installer(null).ensure(request(FAKE)))
        .hasMessageContaining("has no SHA-256 line for " + ZIP)
        .hasMessageContaining("not published for linux_amd64")
        .satisfies(TerraformInstallerTest::isOneLine);
    assertThat(mirror.requests()).hasSize(1);
  }

  @Test
  void zipWithoutTerraformInstallsNothing() throws Exception {
    Path zip =
        zipOf(
            tmp.resolve("license-only.zip"),
            "LICENSE.txt",
            write(tmp.resolve("LICENSE.txt"), "MPL"));
    mirror.serve(FAKE, ZIP, zip);
    mirror.serve(FAKE, SUMS, sums(tmp.resolve("sums2"), zip, ZIP));

    assertThatThrownBy(() -> installer(null).ensure(request(FAKE)))
        .hasMessageContaining(ZIP)
        .hasMessageContaining("has no 'terraform' file")
        .satisfies(TerraformInstallerTest::isOneLine);
    assertThat(children(cache.resolve("terraform"))).isEmpty();
  }

  @Test
  void retriesServerErrors() throws Exception {
    mirror.failNext(FAKE, SUMS, 503, 502);

    installer(null).ensure(request(FAKE));

    assertThat(mirror.requests()).filteredOn(p -> p.endsWith(SUMS)).hasSize(3);
  }

  @Test
  void networkErrorIsReportedAfterRetries() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    URI dead = URI.create("http://127.0.0.1:" + closedPort + "/terraform/");

    assertThatThrownBy(
            () -> installer(null).ensure(new TerraformRequest(FAKE, dead, cache, "linux", "amd64")))
        .isInstanceOf(TerraformInstallException.class)
        .hasMessageStartingWith("Could not download terraform 9.9.9 from " + dead)
        .hasMessageContaining("failed after 3 attempts")
        .satisfies(TerraformInstallerTest::isOneLine);
  }

  @Test
  void stalledMirrorTimesOut() {
    mirror.hook(
        path -> {
          Thread.sleep(2_000);
          return 0;
        });
    TerraformInstaller impatient =
        new TerraformInstaller(
            null, HttpClient.newHttpClient(), 2, Duration.ofMillis(10), Duration.ofMillis(200));

    assertThatThrownBy(() -> impatient.ensure(request(FAKE)))
        .hasMessageContaining("failed after 2 attempts in ")
        .hasMessageEndingWith(" s: no complete response within 200 ms")
        .satisfies(TerraformInstallerTest::isOneLine);
    assertThat(cache.resolve("terraform/9.9.9")).doesNotExist();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"1.11", "v1.11.4", "latest", "../1.2.3", "1.2.3-", "1.2.3/../x", " 1.2.3", ""})
  void rejectsMalformedVersionsBeforeAnyRequest(String version) {
    assertThatThrownBy(() -> installer(null).ensure(request(version)))
        .isInstanceOf(TerraformInstallException.class)
        .hasMessageStartingWith("Invalid terraform version '" + version + "'")
        .satisfies(TerraformInstallerTest::isOneLine);
    assertThat(mirror.requests()).isEmpty();
    assertThat(cache).doesNotExist();
  }

  @Test
  void acceptsPrereleaseVersions() throws Exception {
    new TerraformRequest("1.12.0-rc1", URI.create("http://x/"), cache, "linux", "amd64").validate();
    new TerraformRequest("1.12.0-alpha20250319", URI.create("http://x/"), cache, "linux", "amd64")
        .validate();
  }

  // ---- request values ----

  @Test
  void buildsHashicorpLayoutUrls() {
    TerraformRequest request =
        new TerraformRequest(
            "1.11.4", URI.create("https://mirror.example/hc/terraform"), cache, "darwin", "arm64");

    assertThat(request.zipUri())
        .hasToString(
            "https://mirror.example/hc/terraform/1.11.4/terraform_1.11.4_darwin_arm64.zip");
    assertThat(request.sumsUri())
        .hasToString("https://mirror.example/hc/terraform/1.11.4/terraform_1.11.4_SHA256SUMS");
    assertThat(TerraformRequest.of("1.11.4").mirror()).isEqualTo(TerraformRequest.DEFAULT_MIRROR);
  }

  @Test
  void mapsJvmPlatformNames() {
    assertThat(TerraformRequest.detectOs("Linux")).isEqualTo("linux");
    assertThat(TerraformRequest.detectOs("Mac OS X")).isEqualTo("darwin");
    assertThat(TerraformRequest.detectOs("Windows 11")).isEqualTo("windows");
    assertThat(TerraformRequest.detectOs("FreeBSD")).isEqualTo("freebsd");
    assertThat(TerraformRequest.detectArch("amd64")).isEqualTo("amd64");
    assertThat(TerraformRequest.detectArch("x86_64")).isEqualTo("amd64");
    assertThat(TerraformRequest.detectArch("aarch64")).isEqualTo("arm64");
    assertThat(
            new TerraformRequest("1.0.0", URI.create("http://x/"), cache, "windows", "amd64")
                .binaryName())
        .isEqualTo("terraform.exe");
  }

  @Test
  void findsSumsLines() {
    String hash = "AB".repeat(32);
    String sums =
        "not a line\n"
            + hash
            + " *terraform_1_linux_amd64.zip\r\n"
            + "cd".repeat(32)
            + "  other.zip\n";

    assertThat(Checksums.find(sums, "terraform_1_linux_amd64.zip")).contains("ab".repeat(32));
    assertThat(Checksums.find(sums, "missing.zip")).isEmpty();
  }

  @Test
  void parsesVersionOutput() {
    assertThat(
            VersionProbe.parse(
                "{\n  \"terraform_version\": \"1.11.4\",\n  \"platform\": \"linux_amd64\"}"))
        .contains("1.11.4");
    assertThat(
            VersionProbe.parse("Terraform v0.12.31\n\nYour version of Terraform is out of date!"))
        .contains("0.12.31");
    assertThat(VersionProbe.parse("command not found")).isEmpty();
  }

  // ---- helpers ----

  private TerraformRequest request(String version) {
    return new TerraformRequest(version, mirror.uri(), cache, "linux", "amd64");
  }

  private static TerraformInstaller installer(String pathEnv) {
    return new TerraformInstaller(
        pathEnv, HttpClient.newHttpClient(), 3, Duration.ofMillis(10), Duration.ofSeconds(30));
  }

  /** A {@code terraform} script that reports {@code version} like the real one. */
  private static Path fakeTerraform(Path dir, String version) throws IOException {
    Files.createDirectories(dir);
    return script(
        dir.resolve("terraform"),
        String.join(
            "\n",
            "if [ \"$1\" = version ] && [ \"$2\" = -json ]; then",
            "  echo '{\"terraform_version\": \"" + version + "\", \"platform\": \"linux_amd64\"}'",
            "else",
            "  echo 'Terraform v" + version + "'",
            "fi"));
  }

  private static Path script(Path file, String body) throws IOException {
    Files.writeString(file, "#!/bin/sh\n" + body + "\n", UTF_8);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }

  private static Path zipOf(Path zipFile, String entryName, Path content) throws IOException {
    try (OutputStream out = Files.newOutputStream(zipFile);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry(entryName));
      Files.copy(content, zip);
      zip.closeEntry();
    }
    return zipFile;
  }

  private static Path sums(Path file, Path zip, String zipName) throws IOException {
    return write(
        file,
        "1f".repeat(32)
            + "  terraform_x_darwin_arm64.zip\n"
            + Checksums.sha256(zip)
            + "  "
            + zipName
            + "\n");
  }

  private static Path write(Path file, String text) throws IOException {
    Files.writeString(file, text, UTF_8);
    return file;
  }

  private static List<String> children(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> list = Files.list(dir)) {
      return list.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static String run(Path binary, String... args) throws Exception {
    List<String> command = Stream.concat(Stream.of(binary.toString()), Stream.of(args)).toList();
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("CHECKPOINT_DISABLE", "1");
    Process process = pb.start();
    String out = new String(process.getInputStream().readAllBytes(), UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return out;
  }

  private static void isOneLine(Throwable e) {
    assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\r");
  }
}
