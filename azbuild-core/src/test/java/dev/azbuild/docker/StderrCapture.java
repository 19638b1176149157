package dev.azbuild.docker;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Copies what is written to System.err (where slf4j-simple logs) while open, and still prints it.
 */
final class StderrCapture implements AutoCloseable {

  private final PrintStream original = System.err;
  private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

  StderrCapture() {
    OutputStream tee =
        new OutputStream() {
          @Override
          public void write(int b) {
            copy.write(b);
            original.write(b);
          }

          @Override
          public void write(byte[] b, int off, int len) {
            copy.write(b, off, len);
            original.write(b, off, len);
          }
        };
    System.setErr(new PrintStream(tee, true, StandardCharsets.UTF_8));
  }

  String text() {
    System.err.flush();
    return copy.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    System.err.flush();
    System.setErr(original);
  }
}
