package dev.corkboard.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection, as lean as a load generator needs: it writes prepared request
 * bytes and reads the status and the body (by length or chunked). A failed exchange closes it; the
 * next one reconnects.
 */
final class HttpConnection implements AutoCloseable {

  private final String host;
  private final int port;
  private final byte[] line = new byte[8192];
  private Socket socket;
  private BufferedInputStream in;
  private OutputStream out;
  private boolean closeAfter;

  HttpConnection(String host, int port) {
    this.host = host;
    this.port = port;
  }

  /** The request line and headers every request of this connection starts with. */
  static byte[] request(
      String method, String target, String hostHeader, String token, byte[] body) {
    StringBuilder head = new StringBuilder(256);
    head.append(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: ").append(hostHeader);
    head.append("\r\nAccept: application/json\r\n");
    if (token != null) {
      head.append("Authorization: Bearer ").append(token).append("\r\n");
    }
    if (body != null) {
      head.append("Content-Type: application/json\r\nContent-Length: ")
          .append(body.length)
          .append("\r\n");
    }
    head.append("\r\n");
    byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
    if (body == null) {
      return headBytes;
    }
    byte[] all = new byte[headBytes.length + body.length];
    System.arraycopy(headBytes, 0, all, 0, headBytes.length);
    System.arraycopy(body, 0, all, headBytes.length, body.length);
    return all;
  }

  /** Sends a request and answers the status code, discarding the body. */
  int exchange(byte[] request) throws IOException {
    return exchange(request, null);
  }

  /** Sends a request and answers the status code; the body goes to {@code body} if given. */
  int exchange(byte[] request, ByteArrayOutputStream body) throws IOException {
    try {
      if (socket == null) {
        connect();
      }
      out.write(request);
      out.flush();
      int status = readResponse(body);
      if (closeAfter) {
        close();
      }
      return status;
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  private void connect() throws IOException {
    Socket s = new Socket();
    s.setTcpNoDelay(true);
    s.connect(new InetSocketAddress(host, port), 5_000);
    s.setSoTimeout(60_000);
    socket = s;
    in = new BufferedInputStream(s.getInputStream(), 16 * 1024);
    out = s.getOutputStream();
  }

  private int readResponse(ByteArrayOutputStream body) throws IOException {
    int n = readLine();
    if (n < 12) {
      throw new EOFException("no HTTP status line");
    }
    int status = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
    long length = -1;
    boolean chunked = false;
    closeAfter = false;
    while ((n = readLine()) > 0) {
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
        int sizeLength = readLine();
        String sizeText = new String(line, 0, sizeLength, StandardCharsets.US_ASCII);
        int semicolon = sizeText.indexOf(';');
        long size =
            Long.parseLong(
                (semicolon < 0 ? sizeText : sizeText.substring(0, semicolon)).trim(), 16);
        if (size == 0) {
          while (readLine() > 0) {
            // trailers
          }
          break;
        }
        body(size, body);
        readLine();
      }
    } else if (length >= 0) {
      body(length, body);
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

  private void body(long size, ByteArrayOutputStream body) throws IOException {
    if (body == null) {
      in.skipNBytes(size);
    } else {
      body.write(in.readNBytes((int) size));
    }
  }

  /** Reads one CRLF-terminated line into {@link #line}; answers its length without the CRLF. */
  private int readLine() throws IOException {
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
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
    socket = null;
    in = null;
    out = null;
  }
}
