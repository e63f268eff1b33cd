package dev.corkboard.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP/1.1 spoken byte by byte over a {@link Socket}, for tests that send what no HTTP client would
 * (malformed request lines, conflicting framing, bodies holding requests) and read exactly what the
 * server answers.
 */
public final class RawHttp {

  private static final int MAX_HEAD_BYTES = 1024 * 1024;

  private RawHttp() {}

  /**
   * Writes the bytes on a new connection and reads what comes back until the server closes it or
   * stays silent for a second.
   */
  public static String exchange(int port, String request) {
    return new String(
        exchange(port, request.getBytes(StandardCharsets.ISO_8859_1), false, 1000),
        StandardCharsets.ISO_8859_1);
  }

  /**
   * Writes the bytes on a new connection, then, if asked, ends the sending side (as a client that
   * has nothing more to send), and reads until the server closes the connection or stays silent for
   * {@code idleMillis}. A write the server refuses by closing early still yields what it answered.
   */
  public static byte[] exchange(int port, byte[] request, boolean halfClose, int idleMillis) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      socket.setSoTimeout(idleMillis);
      try {
        OutputStream out = socket.getOutputStream();
        out.write(request);
        out.flush();
        if (halfClose) {
          socket.shutdownOutput();
        }
      } catch (IOException e) {
        // The server answered and closed before reading everything: what it wrote is still there.
      }
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      try {
        InputStream in = socket.getInputStream();
        int read;
        while ((read = in.read(buffer)) != -1) {
          answer.write(buffer, 0, read);
        }
      } catch (SocketTimeoutException e) {
        // The server keeps the connection open: everything it meant to answer has arrived.
      } catch (IOException e) {
        // A reset after the answers: keep what arrived.
      }
      return answer.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Every complete answer in the bytes of one connection, in order. {@code methods} are the methods
   * of the requests sent, in order, so that answers to {@code HEAD} are read without a body.
   *
   * @throws ProtocolException if the bytes hold something that is not a well-framed answer
   */
  public static List<Answer> parse(byte[] bytes, List<String> methods) throws ProtocolException {
    InputStream in = new ByteArrayInputStream(bytes);
    List<Answer> answers = new ArrayList<>();
    while (true) {
      String method = methods.size() > answers.size() ? methods.get(answers.size()) : "GET";
      try {
        Optional<Answer> answer = read(in, method);
        if (answer.isEmpty()) {
          return answers;
        }
        answers.add(answer.get());
      } catch (ProtocolException e) {
        throw e;
      } catch (IOException e) {
        throw new ProtocolException("truncated answer after " + answers.size() + " answers");
      }
    }
  }

  /**
   * Reads one answer, skipping interim {@code 1xx} answers; empty if the stream ends before its
   * first byte.
   */
  static Optional<Answer> read(InputStream in, String method) throws IOException {
    while (true) {
      byte[] head = readHead(in);
      if (head == null) {
        return Optional.empty();
      }
      String text = new String(head, StandardCharsets.ISO_8859_1);
      String[] lines = text.split("\r\n");
      String statusLine = lines[0];
      if (!statusLine.matches("HTTP/1\\.[01] \\d{3}( .*)?")) {
        throw new ProtocolException("not a status line: " + clip(statusLine));
      }
      int status = Integer.parseInt(statusLine.substring(9, 12));
      Map<String, List<String>> headers = new LinkedHashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        if (colon <= 0) {
          throw new ProtocolException("not a header field: " + clip(lines[i]));
        }
        headers
            .computeIfAbsent(
                lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                k -> new ArrayList<>())
            .add(lines[i].substring(colon + 1).trim());
      }
      if (status >= 100 && status < 200) {
        continue;
      }
      byte[] body = readBody(in, method, status, headers);
      return Optional.of(new Answer(status, text, headers, body));
    }
  }

  private static byte[] readBody(
      InputStream in, String method, int status, Map<String, List<String>> headers)
      throws IOException {
    if (method.equals("HEAD") || status == 204 || status == 304) {
      return new byte[0];
    }
    List<String> encoding = headers.getOrDefault("transfer-encoding", List.of());
    if (encoding.stream().anyMatch(e -> e.toLowerCase(Locale.ROOT).contains("chunked"))) {
      return readChunked(in);
    }
    List<String> length = headers.get("content-length");
    if (length != null) {
      if (length.size() != 1 || !length.getFirst().matches("\\d{1,10}")) {
        throw new ProtocolException("bad Content-Length " + length);
      }
      return in.readNBytes(Integer.parseInt(length.getFirst()));
    }
    // Neither length nor chunks: the body runs to the end of the connection.
    return in.readAllBytes();
  }

  private static byte[] readChunked(InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String line = readLine(in);
      int semicolon = line.indexOf(';');
      String size = (semicolon < 0 ? line : line.substring(0, semicolon)).trim();
      if (!size.matches("[0-9a-fA-F]{1,8}")) {
        throw new ProtocolException("bad chunk size " + clip(line));
      }
      int n = Integer.parseInt(size, 16);
      if (n == 0) {
        while (!readLine(in).isEmpty()) {
          // Trailer fields are not needed.
        }
        return body.toByteArray();
      }
      byte[] chunk = in.readNBytes(n);
      if (chunk.length != n) {
        throw new EOFException();
      }
      body.write(chunk);
      if (!readLine(in).isEmpty()) {
        throw new ProtocolException("chunk longer than its size");
      }
    }
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int previous = -1;
    while (true) {
      int b = in.read();
      if (b == -1) {
        throw new EOFException();
      }
      if (previous == '\r' && b == '\n') {
        byte[] bytes = line.toByteArray();
        return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
      }
      line.write(b);
      previous = b;
      if (line.size() > MAX_HEAD_BYTES) {
        throw new ProtocolException("line too long");
      }
    }
  }

  /** The head up to the blank line, without it; null at the end of the stream before any byte. */
  private static byte[] readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (true) {
      int b = in.read();
      if (b == -1) {
        if (head.size() == 0) {
          return null;
        }
        throw new EOFException();
      }
      head.write(b);
      matched =
          switch (matched) {
            case 0, 2 -> b == '\r' ? matched + 1 : 0;
            case 1, 3 -> b == '\n' ? matched + 1 : (b == '\r' ? 1 : 0);
            default -> 0;
          };
      if (matched == 4) {
        byte[] bytes = head.toByteArray();
        byte[] withoutBlank = new byte[bytes.length - 4];
        System.arraycopy(bytes, 0, withoutBlank, 0, withoutBlank.length);
        return withoutBlank;
      }
      if (head.size() > MAX_HEAD_BYTES) {
        throw new ProtocolException("answer head over " + MAX_HEAD_BYTES + " bytes");
      }
    }
  }

  private static String clip(String text) {
    return text.length() <= 120 ? text : text.substring(0, 120) + "...";
  }

  /**
   * One answer of the server.
   *
   * @param status the status code
   * @param head the status line and header fields as sent
   * @param headers the header fields by lower-case name
   * @param body the body, unchunked
   */
  public record Answer(int status, String head, Map<String, List<String>> headers, byte[] body) {

    /** The first value of a header field, by any case of its name. */
    public Optional<String> header(String name) {
      List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
      return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    /** The body as UTF-8 text. */
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    /** Whether the server said it closes the connection after this answer. */
    public boolean closes() {
      return header("Connection")
              .map(c -> c.toLowerCase(Locale.ROOT).contains("close"))
              .orElse(false)
          || head.startsWith("HTTP/1.0");
    }
  }

  /**
   * A keep-alive connection for one request at a time. When the server has closed a connection that
   * had served earlier requests, the request is sent again once on a new connection; a new
   * connection that closes without an answer is reported.
   */
  public static final class Connection implements AutoCloseable {

    private final int port;
    private final int timeoutMillis;
    private Socket socket;
    private InputStream in;
    private int served;
    private int reconnects;

    public Connection(int port, int timeoutMillis) {
      this.port = port;
      this.timeoutMillis = timeoutMillis;
    }

    /**
     * Sends one request and reads its answer.
     *
     * @param request the whole request, framed by the caller
     * @param method its method, so that an answer to HEAD is read without a body
     * @param closeAfter whether the request asked to close the connection
     * @throws IOException if no well-framed answer came
     */
    public Answer send(byte[] request, String method, boolean closeAfter) throws IOException {
      if (socket != null && served > 0) {
        if (in.available() > 0) {
          throw new ProtocolException("bytes arrived on the connection before the request");
        }
        try {
          return sendOnce(request, method, closeAfter);
        } catch (ProtocolException e) {
          throw e;
        } catch (IOException e) {
          // The server had closed the connection after its last answer; a new one decides.
          closeSocket();
          reconnects++;
        }
      }
      return sendOnce(request, method, closeAfter);
    }

    /** How many times a request was sent again because the server had closed the connection. */
    public int reconnects() {
      return reconnects;
    }

    private Answer sendOnce(byte[] request, String method, boolean closeAfter) throws IOException {
      if (socket == null) {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(timeoutMillis);
        in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        served = 0;
      }
      try {
        socket.getOutputStream().write(request);
        socket.getOutputStream().flush();
      } catch (IOException e) {
        if (served > 0) {
          throw e;
        }
        // Refused mid-write on a new connection: the server may have answered before closing.
      }
      Optional<Answer> answer = read(in, method);
      if (answer.isEmpty()) {
        closeSocket();
        throw new EOFException("connection closed without an answer");
      }
      served++;
      if (closeAfter
          || answer.get().closes()
          || !answer.get().header("Content-Length").isPresent()
              && !answer.get().header("Transfer-Encoding").isPresent()
              && !method.equals("HEAD")
              && answer.get().status() != 204
              && answer.get().status() != 304) {
        closeSocket();
      }
      return answer.get();
    }

    private void closeSocket() {
      if (socket != null) {
        try {
          socket.close();
        } catch (IOException e) {
          // Nothing to keep.
        }
      }
      socket = null;
      in = null;
    }

    @Override
    public void close() {
      closeSocket();
    }
  }
}
