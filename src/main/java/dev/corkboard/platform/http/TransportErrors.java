package dev.corkboard.platform.http;

import dev.corkboard.platform.api.ApiException;
import dev.corkboard.platform.json.Json;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;
import org.jspecify.annotations.Nullable;

/**
 * Answers the errors Helidon raises below the routes (a malformed request line or query, an
 * oversized URI or header block, conflicting framing headers, a bad {@code Host}) with Pinterest's
 * {@code {"code", "message"}} body instead of an empty one.
 */
final class TransportErrors implements DirectHandler {

  private TransportErrors() {}

  /** The handlers, one for every kind of event Helidon reports. */
  static DirectHandlers all() {
    DirectHandlers.Builder builder = DirectHandlers.builder();
    for (EventType type : EventType.values()) {
      builder.addHandler(type, new TransportErrors());
    }
    return builder.build();
  }

  @Override
  public TransportResponse handle(
      TransportRequest request,
      EventType eventType,
      Status defaultStatus,
      ServerResponseHeaders responseHeaders,
      @Nullable String message) {
    int status =
        defaultStatus.code() >= 500 && clientFault(request, eventType) ? 400 : defaultStatus.code();
    // Helidon's messages may quote the request back; the body names only the kind of fault.
    String text =
        switch (status) {
          case 413 -> "Request body is too large.";
          case 414 -> "Request URI is too long.";
          case 431 -> "Request header fields are too large.";
          case 505 -> "HTTP version not supported: send HTTP/1.1.";
          case 503 -> "Too many concurrent requests; retry later.";
          default ->
              status >= 500
                  ? "Internal error."
                  : "The request is malformed: its request line, headers or framing are invalid.";
        };
    int code = status >= 500 ? 500 : ApiException.CODE_INVALID_PARAMETER;
    responseHeaders.set(HeaderNames.CONTENT_TYPE, "application/json");
    return TransportResponse.builder()
        .status(status == defaultStatus.code() ? defaultStatus : Status.create(status))
        .headers(responseHeaders)
        .entity(Json.bytes(new ApiServer.ErrorBody(code, text)))
        .keepAlive(false)
        .build();
  }

  /**
   * Whether a 5xx Helidon chose is the client's fault after all. Helidon files a transfer coding it
   * does not implement ({@code gzip, chunked}) as a bad request with a 501; and a request line it
   * cannot parse at all (a method with a character no token holds, such as {@code G@T}) fails with
   * an unchecked exception that it reports as an internal error, before it knows the request: it
   * had read nothing but the client's bytes. Neither is a fault of the server. (Helidon reports a
   * route that answered nothing the same way; none here can, since every dispatch answers.)
   */
  private static boolean clientFault(TransportRequest request, EventType eventType) {
    return switch (eventType) {
      case BAD_REQUEST -> true;
      case INTERNAL_ERROR -> request.method().isEmpty();
      default -> false;
    };
  }
}
