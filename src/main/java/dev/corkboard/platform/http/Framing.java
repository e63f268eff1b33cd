package dev.corkboard.platform.http;

import dev.corkboard.platform.api.ApiException;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.OptionalLong;

/**
 * Keeps a connection in step with its client after each answer: a body the handler left unread is
 * drained or the connection closed, so that no byte of a body is ever parsed as a request.
 *
 * <p>Helidon 4.5 leaves a body unread when the request carries {@code Connection: close}, and then
 * goes on reading the connection: the body of a request answered early (a 401 before the body is
 * read) would be parsed as a second request. It also keeps reading after answering a request that
 * asked to close. This filter ends such connections itself.
 */
final class Framing {

  /**
   * The most bytes of an unread body drained before the connection is closed. Closing with bytes
   * still unread makes the kernel reset the connection, and the client may lose the answer (a 413
   * or a 401) before reading it; so bodies up to well above the largest any route reads (pin
   * creates take 40 MiB) are drained, and only larger ones cut off.
   */
  static final int MAX_DRAINED_BYTES = 64 * 1024 * 1024;

  private Framing() {}

  /**
   * The largest header block answered, counted as name, value and four bytes of framing per field.
   * Helidon's own limit, {@link #MAX_PARSED_HEADER_BYTES}, is set well above it so that most
   * oversized blocks reach this check and get their 431; only larger ones get Helidon's 400.
   */
  static final int MAX_HEADER_BYTES = 16 * 1024;

  /** The largest header block Helidon parses at all. */
  static final int MAX_PARSED_HEADER_BYTES = 256 * 1024;

  static void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
    if (headerBytes(req) > MAX_HEADER_BYTES) {
      ApiServer.writeError(
          req,
          res,
          431,
          ApiException.CODE_INVALID_PARAMETER,
          "Request header fields are larger than " + MAX_HEADER_BYTES + " bytes.");
    } else {
      chain.proceed();
    }
    boolean close = req.headers().containsToken(HeaderValues.CONNECTION_CLOSE);
    if (req.content().hasEntity() && !req.content().consumed() && !drained(req)) {
      close = true;
    }
    if (close) {
      // The answer is written; ending the connection here is what keeps the rest unread.
      throw new CloseConnectionException("Connection closed after its answer");
    }
  }

  /**
   * Sends the body; to a HEAD request, only its length, since a body there would be read as the
   * start of the next answer.
   */
  static void send(ServerRequest req, ServerResponse res, byte[] body) {
    if (req.prologue().method().equals(Method.HEAD)) {
      res.header(HeaderNames.CONTENT_LENGTH, Integer.toString(body.length));
      res.send();
    } else {
      res.send(body);
    }
  }

  private static long headerBytes(RoutingRequest req) {
    long total = 0;
    for (Header header : req.headers()) {
      total += header.name().length() + header.values().length() + 4L;
    }
    return total;
  }

  /** Reads the rest of the body, if it is small enough; answers whether all of it was read. */
  private static boolean drained(RoutingRequest req) {
    if (req.headers().containsToken(HeaderValues.EXPECT_100) && !req.continueSent()) {
      // The client waits for a 100 it will not get and may send the body later, or never.
      return false;
    }
    OptionalLong declared = req.headers().contentLength();
    if (declared.isPresent() && declared.getAsLong() > MAX_DRAINED_BYTES) {
      return false;
    }
    try (InputStream in = req.content().inputStream()) {
      byte[] buffer = new byte[8192];
      long total = 0;
      int read;
      while ((read = in.read(buffer)) != -1) {
        total += read;
        if (total > MAX_DRAINED_BYTES) {
          return false;
        }
      }
      return true;
    } catch (IOException | RuntimeException e) {
      // A malformed chunk or a body already half read: the framing cannot be trusted any more.
      return false;
    }
  }
}
