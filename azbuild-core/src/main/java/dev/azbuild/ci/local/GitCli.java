package dev.azbuild.ci.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The git command, as the CI's checkout runs it. */
final class GitCli {

  private GitCli() {}

  /**
   * Runs git in {@code dir}; returns its standard output.
   *
   * @throws WorkflowException with git's first error line and what was being done
   */
  static String run(Path dir, Map<String, String> env, String what, String... args)
      throws WorkflowException {
    List<String> cmd =
        new ArrayList<>(
            List.of("git", "-c", "advice.detachedHead=false", "-c", "core.hooksPath=/dev/null"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    if (env != null) {
      pb.environment().clear();
      pb.environment().putAll(env);
    }
    try {
      Process p = pb.start();
      p.getOutputStream().close();
      String out;
      // drain stderr on another thread: a long fetch can fill either pipe
      var errReader = new java.util.concurrent.CompletableFuture<byte[]>();
      Thread t =
          new Thread(
              () -> {
                try {
                  errReader.complete(p.getErrorStream().readAllBytes());
                } catch (IOException e) {
                  errReader.complete(new byte[0]);
                }
              });
      t.setDaemon(true);
      t.start();
      out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int code = p.waitFor();
      byte[] err = errReader.join();
      if (code != 0) {
        String first =
            new String(err, StandardCharsets.UTF_8)
                .strip()
                .lines()
                .reduce((a, b) -> b)
                .orElse("exit " + code);
        throw new WorkflowException(what + ": git " + String.join(" ", args) + " failed: " + first);
      }
      return out;
    } catch (IOException e) {
      throw new WorkflowException(
          what + ": cannot run git (" + e.getMessage() + "); install git", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WorkflowException(what + ": interrupted", e);
    }
  }
}
