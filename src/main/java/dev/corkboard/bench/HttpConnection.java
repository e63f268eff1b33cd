package dev.corkboard.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * One keep-alive HTTP/1.1 connection, as lean as a load generator needs: it writes prepared request
 * bytes and reads the status and the body (by length or chunked). A failed exchange closes it; the
 * next one reconnects.
 */
final class HttpConnection implements AutoCloseable {

  private final String host;
  private final int port;
  private final byte[] line = new byte[8192];
  private @Nullable Link link; // null while closed
  private boolean closeAfter;

  /** An open socket and its streams. */
  private record Link(Socket socket, BufferedInputStream in, OutputStream out) {}

  HttpConnection(String host, int port) {
    this.host = host;
    this.port = port;
  }

  /** A GET without credentials. */
  static byte[] get(String target, String hostHeader) {
    return ascii(head("GET", target, hostHeader).append("\r\n"));
  }

  /** A GET with a bearer token. */
  static byte[] get(String target, String hostHeader, String token) {
    return ascii(authorized(head("GET", target, hostHeader), token).append("\r\n"));
  }

  /** A request with a bearer token and a JSON body. */
  static byte[] send(String method, String target, String hostHeader, String token, byte[] json) {
    StringBuilder head = authorized(head(method, target, hostHeader), token);
    head.append("Content-Type: application/json\r\nContent-Length: ")
        .append(json.length)
        .append("\r\n\r\n");
    byte[] headBytes = ascii(head);
    byte[] all = new byte[headBytes.length + json.length];
    System.arraycopy(headBytes, 0, all, 0, headBytes.length);
    System.arraycopy(json, 0, all, headBytes.length, json.length);
    return all;
  }

  /** The request line and the headers every request of this connection starts with. */
  private static StringBuilder head(String method, String target, String hostHeader) {
    StringBuilder head = new StringBuilder(256);
    head.append(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: ").append(hostHeader);
    return head.append("\r\nAccept: application/json\r\n");
  }

  private static StringBuilder authorized(StringBuilder head, String token) {
    return head.append("Authorization: Bearer ").append(token).append("\r\n");
  }

  private static byte[] ascii(StringBuilder text) {
    return text.toString().getBytes(StandardCharsets.US_ASCII);
  }

  /** Sends a request and answers the status code, discarding the body. */
  int exchange(byte[] request) throws IOException {
    return exchangeInto(request, null);
  }

  /** Sends a request and answers the status code; the body goes to {@code body}. */
  int exchange(byte[] request, ByteArrayOutputStream body) throws IOException {
    return exchangeInto(request, body);
  }

  private int exchangeInto(byte[] request, @Nullable ByteArrayOutputStream body)
      throws IOException {
    try {
      Link open = link != null ? link : connect();
      open.out().write(request);
      open.out().flush();
      int status = readResponse(open.in(), body);
      if (closeAfter) {
        close();
      }
      return status;
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  private Link connect() throws IOException {
    Socket s = new Socket();
    s.setTcpNoDelay(true);
    s.connect(new InetSocketAddress(host, port), 5_000);
    s.setSoTimeout(60_000);
    link = new Link(s, new BufferedInputStream(s.getInputStream(), 16 * 1024), s.getOutputStream());
    return link;
  }

  private int readResponse(BufferedInputStream in, @Nullable ByteArrayOutputStream body)
      throws IOException {
    int n = readLine(in);
    if (n < 12) {
      throw new EOFException("no HTTP status line");
    }
    int status = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
    long length = -1;
    boolean chunked = false;
    closeAfter = false;
    while ((n = readLine(in)) > 0) {
      String header = new String(line, 0, n, StandardCharsets.US_ASCII);
      int colon = header.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = header.substring(0, colon).trim();
      String value = header.substring(colon + 1).trim();
      if (name.equalsIgnoreCase("content-length")) {
        length = Long.parseLong(value);
      } else if (name.equalsIgnoreCase("transfer-encoding")) {
        chunked = value.toLowerCase(java.util.Locale.ROOT).contains("chunked");
      } else if (name.equalsIgnoreCase("connection")) {
        closeAfter = value.equalsIgnoreCase("close");
      }
    }
    if (chunked) {
      while (true) {
        int sizeLength = readLine(in);
        String sizeText = new String(line, 0, sizeLength, StandardCharsets.US_ASCII);
        int semicolon = sizeText.indexOf(';');
        long size =
            Long.parseLong(
                (semicolon < 0 ? sizeText : sizeText.substring(0, semicolon)).trim(), 16);
        if (size == 0) {
          while (readLine(in) > 0) {
            // trailers
          }
          break;
        }
        body(in, size, body);
        readLine(in);
      }
    } else if (length >= 0) {
      body(in, length, body);
    } else if (status != 204 && status != 304) {
      // No length: the body ends with the connection.
      byte[] rest = in.readAllBytes();
      if (body != null) {
        body.write(rest);
      }
      closeAfter = true;
    }
    return status;
  }

  private static void body(BufferedInputStream in, long size, @Nullable ByteArrayOutputStream body)
      throws IOException {
    if (body == null) {
      in.skipNBytes(size);
    } else {
      body.write(in.readNBytes((int) size));
    }
  }

  /** Reads one CRLF-terminated line into {@link #line}; answers its length without the CRLF. */
  private int readLine(BufferedInputStream in) throws IOException {
    int n = 0;
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("connection closed by the server");
      }
      if (b == '\n') {
        return n > 0 && line[n - 1] == '\r' ? n - 1 : n;
      }
      if (n == line.length) {
        throw new IOException("response header line too long");
      }
      line[n++] = (byte) b;
    }
  }

  @Override
  public void close() {
    if (link != null) {
      try {
        link.socket().close();
      } catch (IOException e) {
        // closing anyway
      }
    }
    link = null;
  }
}
