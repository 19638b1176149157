package dev.azbuild.docker;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A registry that breaks on purpose: it accepts (and discards) every blob, then fails the manifest
 * upload the first {@code failures} times by answering 503, or by closing the connection without an
 * answer (a registry dying mid-push). The real registries cannot be made to fail on cue, and
 * failing only the manifest keeps the daemon from its own slow per-layer retries (5 tries, ~50 s).
 *
 * <p>Raw sockets rather than the JDK's HttpServer: the daemon first tries HTTPS, and HttpServer
 * leaves a TLS hello hanging until the daemon's 10 s handshake timeout; this one hangs up at once.
 */
final class FailingRegistry implements AutoCloseable {

  enum Failure {
    /** The manifest upload is answered 503. */
    STATUS_503,
    /** The connection of the manifest upload is closed without an answer. */
    DROP_CONNECTION,
    /**
     * Every blob is missing and the connection of each blob upload is closed without an answer: the
     * daemon retries the layer on its own ("Retrying in 5 seconds").
     */
    DROP_BLOB_UPLOAD,
    /** The manifest upload is never answered (the connection stays open). */
    HANG
  }

  private record Request(String method, String path, String query, byte[] body) {}

  private record Response(int status, Map<String, String> headers) {}

  private final ServerSocket server;
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "failing-registry");
            t.setDaemon(true);
            return t;
          });
  private final Failure failure;
  private final AtomicInteger failuresLeft;
  private final AtomicInteger manifestPuts = new AtomicInteger();
  private final AtomicInteger uploads = new AtomicInteger();
  private final Map<String, Long> uploadSizes = new ConcurrentHashMap<>();
  private final Map<String, Long> blobSizes = new ConcurrentHashMap<>();

  FailingRegistry(Failure failure, int failures) throws IOException {
    this.failure = failure;
    this.failuresLeft = new AtomicInteger(failures);
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    threads.execute(this::accept);
  }

  /** {@code 127.0.0.1:PORT}; the daemon speaks plain HTTP to loopback registries. */
  String address() {
    return "127.0.0.1:" + server.getLocalPort();
  }

  int manifestPuts() {
    return manifestPuts.get();
  }

  /** Blob uploads started (POST), dropped or not. */
  int blobUploads() {
    return uploads.get();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        threads.execute(() -> serve(socket));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      InputStream in = new BufferedInputStream(socket.getInputStream());
      OutputStream out = socket.getOutputStream();
      in.mark(1);
      if (in.read() == 0x16) {
        return; // a TLS hello: hang up so the daemon falls back to plain HTTP
      }
      in.reset();
      Request request;
      while ((request = read(in)) != null) {
        Response response = handle(request);
        if (response == null) {
          return; // drop the connection without an answer
        }
        StringBuilder head = new StringBuilder("HTTP/1.1 " + response.status() + " X\r\n");
        response.headers().forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        if (!response.headers().containsKey("Content-Length")) {
          head.append("Content-Length: 0\r\n");
        }
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();
      }
    } catch (IOException e) {
      // the daemon hung up
    }
  }

  private Response handle(Request r) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (r.path().equals("/v2/")) {
      return new Response(200, headers);
    }
    if (failure == Failure.DROP_BLOB_UPLOAD && r.path().contains("/blobs/")) {
      if (r.method().equals("POST")) {
        uploads.incrementAndGet();
        return null;
      }
      return new Response(404, headers);
    }
    if (r.method().equals("HEAD") && r.path().contains("/blobs/sha256:")) {
      // every blob "exists"; the daemon needs its length: the uploaded one, or 0
      String digest = r.path().substring(r.path().lastIndexOf('/') + 1);
      headers.put("Docker-Content-Digest", digest);
      headers.put("Content-Length", Long.toString(blobSizes.getOrDefault(digest, 0L)));
      return new Response(200, headers);
    }
    if (r.path().contains("/blobs/uploads/")) {
      // POST starts an upload, PATCH sends data, PUT ?digest= ends it; the data is dropped
      String name = r.path().substring("/v2/".length(), r.path().indexOf("/blobs/uploads/"));
      String id =
          r.method().equals("POST")
              ? Integer.toString(uploads.incrementAndGet())
              : r.path().substring(r.path().lastIndexOf('/') + 1);
      long size = uploadSizes.merge(id, (long) r.body().length, Long::sum);
      headers.put("Location", "/v2/" + name + "/blobs/uploads/" + id);
      headers.put("Range", "0-" + Math.max(0, size - 1));
      headers.put("Docker-Upload-UUID", id);
      if (r.method().equals("PUT")) {
        String digest =
            r.query()
                .substring(r.query().indexOf("digest=") + "digest=".length())
                .replace("%3A", ":");
        blobSizes.put(digest, size);
        headers.put("Docker-Content-Digest", digest);
        return new Response(201, headers);
      }
      return new Response(202, headers);
    }
    if (r.method().equals("PUT") && r.path().contains("/manifests/")) {
      manifestPuts.incrementAndGet();
      if (failure == Failure.HANG) {
        hang();
        return null;
      }
      if (failuresLeft.getAndDecrement() > 0) {
        return failure == Failure.STATUS_503 ? new Response(503, headers) : null;
      }
      headers.put("Docker-Content-Digest", "sha256:" + sha256(r.body()));
      return new Response(201, headers);
    }
    return new Response(404, headers);
  }

  /** One HTTP/1.1 request, body by Content-Length or chunked; null at end of stream. */
  private static Request read(InputStream in) throws IOException {
    String requestLine = line(in);
    if (requestLine == null || requestLine.isEmpty()) {
      return null;
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
      int colon = header.indexOf(':');
      headers.put(
          header.substring(0, colon).strip().toLowerCase(Locale.ROOT),
          header.substring(colon + 1).strip());
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      for (int size = Integer.parseInt(line(in).split(";")[0].strip(), 16);
          size > 0;
          size = Integer.parseInt(line(in).split(";")[0].strip(), 16)) {
        body.write(in.readNBytes(size));
        line(in);
      }
      line(in);
    } else if (headers.containsKey("content-length")) {
      body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
    }
    String[] parts = requestLine.split(" ");
    String target = parts[1];
    int q = target.indexOf('?');
    return new Request(
        parts[0],
        q < 0 ? target : target.substring(0, q),
        q < 0 ? "" : target.substring(q + 1),
        body.toByteArray());
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') {
        return line.toString().stripTrailing();
      }
      line.append((char) c);
    }
    return line.length() == 0 ? null : line.toString();
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    threads.shutdownNow();
  }

  /** Keeps the connection open without answering, until {@link #close()}. */
  private static void hang() {
    try {
      Thread.sleep(Long.MAX_VALUE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
