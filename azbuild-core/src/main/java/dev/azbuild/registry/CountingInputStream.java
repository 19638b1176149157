package dev.azbuild.registry;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/** Reports every chunk read, for throttled progress lines. */
final class CountingInputStream extends FilterInputStream {

  private final LongConsumer onRead;

  CountingInputStream(InputStream in, LongConsumer onRead) {
    super(in);
    this.onRead = onRead;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      onRead.accept(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n > 0) {
      onRead.accept(n);
    }
    return n;
  }
}
