import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * A registry that refuses OCI artifacts, for the invoker tests: a TCP proxy in front of a real
 * registry that answers {@code 400 MANIFEST_INVALID} to every manifest PUT whose body names a
 * refused media type (as registries that accept only container images do) and passes everything
 * else through, one request per connection (it asks the registry to close after each answer, so it
 * never has to find where a streamed body ends). Every request line is appended to a log file.
 *
 * <p>Run: {@code java RefusingProxy.java UPSTREAM_HOST:PORT REFUSED_MEDIA_TYPE PORT_FILE LOG_FILE};
 * it listens on a free loopback port, which it writes to PORT_FILE.
 */
public class RefusingProxy {

  public static void main(String[] args) throws IOException {
    String[] upstream = args[0].split(":");
    String refused = "\"mediaType\":\"" + args[1] + "\"";
    Path log = Path.of(args[3]);
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Files.writeString(Path.of(args[2]), Integer.toString(server.getLocalPort()));
      while (true) {
        Socket client = server.accept();
        Thread thread =
            new Thread(() -> serve(client, upstream[0], Integer.parseInt(upstream[1]), refused, log));
        thread.setDaemon(true);
        thread.start();
      }
    }
  }

  private static void serve(Socket client, String host, int port, String refused, Path log) {
    try (client) {
      InputStream in = new BufferedInputStream(client.getInputStream());
      String head = readHead(in);
      if (head == null) {
        return;
      }
      String requestLine = head.substring(0, head.indexOf("\r\n"));
      byte[] body = new byte[0];
      long length = contentLength(head);
      boolean manifestPut =
          requestLine.startsWith("PUT ") && requestLine.contains("/manifests/") && length >= 0;
      if (manifestPut) {
        body = in.readNBytes((int) length);
        if (new String(body, StandardCharsets.UTF_8).contains(refused)) {
          append(log, requestLine + " -> 400 refused");
          byte[] error =
              ("{\"errors\":[{\"code\":\"MANIFEST_INVALID\",\"message\":\"manifest invalid\","
                      + "\"detail\":\"unsupported config media type\"}]}")
                  .getBytes(StandardCharsets.UTF_8);
          OutputStream out = client.getOutputStream();
          out.write(
              ("HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: "
                      + error.length
                      + "\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
          out.write(error);
          out.flush();
          return;
        }
      }
      append(log, requestLine);
      try (Socket server = new Socket(host, port)) {
        OutputStream up = server.getOutputStream();
        up.write(withConnectionClose(head).getBytes(StandardCharsets.ISO_8859_1));
        up.write(body);
        up.flush();
        Thread toServer =
            new Thread(
                () -> {
                  try {
                    in.transferTo(up); // the rest of a streamed body (blob uploads)
                  } catch (IOException e) {
                    // the server closed after its answer
                  }
                });
        toServer.setDaemon(true);
        toServer.start();
        server.getInputStream().transferTo(client.getOutputStream());
      }
    } catch (IOException | RuntimeException e) {
      // a client or the registry went away: nothing to do for this connection
    }
  }

  /** The request line and headers, up to and including the blank line; null at end of stream. */
  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    int b;
    while ((b = in.read()) >= 0) {
      head.write(b);
      matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
      if (matched == 4) {
        return head.toString(StandardCharsets.ISO_8859_1);
      }
    }
    return null;
  }

  private static long contentLength(String head) {
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
      }
    }
    return -1;
  }

  private static String withConnectionClose(String head) {
    StringBuilder out = new StringBuilder();
    for (String line : head.split("\r\n")) {
      String lower = line.toLowerCase(Locale.ROOT);
      if (!line.isEmpty() && !lower.startsWith("connection:") && !lower.startsWith("keep-alive:")) {
        out.append(line).append("\r\n");
      }
    }
    return out.append("Connection: close\r\n\r\n").toString();
  }

  private static synchronized void append(Path log, String line) {
    try {
      Files.writeString(
          log, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
