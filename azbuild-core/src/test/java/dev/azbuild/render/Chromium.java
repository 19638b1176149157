package dev.azbuild.render;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Debian's headless Chromium, run as the tests run (root, so without the sandbox), with a fresh
 * profile per run and everything that would reach the network turned off.
 */
final class Chromium {

  private final Path binary;
  private final Path profiles;
  private int runs;

  private Chromium(Path binary, Path profiles) {
    this.binary = binary;
    this.profiles = profiles;
  }

  static Optional<Chromium> find(Path profiles) {
    return Tools.find("chromium").map(b -> new Chromium(b, profiles));
  }

  /** The DOM after the page's scripts ran. */
  String dumpDom(String url) {
    return run(List.of("--dump-dom", url)).stdout();
  }

  /** Saves a PNG of the page at the given window size. */
  void screenshot(String url, Path png, int width, int height) {
    run(
        List.of(
            "--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height, url));
  }

  private Tools.Result run(List<String> args) {
    Path profile;
    synchronized (this) {
      profile = profiles.resolve("profile-" + runs++);
    }
    List<String> command =
        new ArrayList<>(
            List.of(
                binary.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile));
    command.addAll(args);
    Tools.Result result = Tools.run(command, "", 120);
    if (result.exitCode() != 0) {
      throw new IllegalStateException(
          "chromium exited " + result.exitCode() + ": " + result.stderr());
    }
    return result;
  }
}
