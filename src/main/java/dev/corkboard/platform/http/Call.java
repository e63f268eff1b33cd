package dev.corkboard.platform.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corkboard.platform.api.ApiException;
import dev.corkboard.platform.api.Checks;
import dev.corkboard.platform.api.Page;
import dev.corkboard.platform.api.PageRequest;
import dev.corkboard.platform.api.Principal;
import dev.corkboard.platform.api.Unknown;
import dev.corkboard.platform.json.Json;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One request being answered: the parsed parts a handler needs (path ids, query, body, caller) and
 * the ways to respond. Every parse failure is an {@link ApiException} naming the field.
 */
public final class Call {

  /** The largest request body read, in bytes. */
  public static final int MAX_BODY_BYTES = 1024 * 1024;

  private static final Pattern DIGITS = Pattern.compile("\\d+");
  private static final Pattern PAGE_SIZE = Pattern.compile("\\d{1,9}");

  private final ServerRequest request;
  private final ServerResponse response;
  private final Optional<Principal> principal;

  Call(ServerRequest request, ServerResponse response, Optional<Principal> principal) {
    this.request = request;
    this.response = response;
    this.principal = principal;
  }

  /** The authenticated caller; routes without authentication have none. */
  public Principal principal() {
    return principal.orElseThrow(() -> new ApiException.Unauthenticated("Authentication needed."));
  }

  /** The underlying request, for headers a handler reads itself. */
  public ServerRequest request() {
    return request;
  }

  /** A path parameter that must be an id: a string of digits. Too large a number is unknown. */
  public long pathId(String name, Unknown what) {
    String value = request.path().pathParameters().get(name);
    if (!DIGITS.matcher(value).matches()) {
      throw new ApiException.InvalidInput(
          name + " must be a string of digits, not '" + Checks.clip(value) + "'.");
    }
    try {
      long id = Long.parseLong(value);
      if (id <= 0) {
        throw what.error();
      }
      return id;
    } catch (NumberFormatException e) {
      throw what.error();
    }
  }

  /** A single-valued query parameter. */
  public Optional<String> query(String name) {
    if (!request.query().contains(name)) {
      return Optional.empty();
    }
    return Optional.of(request.query().get(name));
  }

  /** A boolean query parameter: {@code true} or {@code false}, anything else is invalid input. */
  public Optional<Boolean> queryBoolean(String name) {
    Optional<String> value = query(name);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    return switch (value.get()) {
      case "true" -> Optional.of(true);
      case "false" -> Optional.of(false);
      default ->
          throw new ApiException.InvalidInput(
              name + " must be true or false, not '" + Checks.clip(value.get()) + "'.");
    };
  }

  /** An enum query parameter, matched on the constant's name, listing the allowed values if not. */
  public <E extends Enum<E>> Optional<E> queryEnum(String name, E[] allowed) {
    return query(name).map(value -> Checks.oneOf(name, value, allowed));
  }

  /** A path parameter as it was given, for parameters that are not ids (such as a username). */
  public String pathText(String name) {
    return request.path().pathParameters().get(name);
  }

  /** Every value of a query parameter, whether repeated or comma-separated. */
  public List<String> queryAll(String name) {
    if (!request.query().contains(name)) {
      return List.of();
    }
    return request.query().all(name).stream()
        .flatMap(v -> java.util.Arrays.stream(v.split(",")))
        .map(String::trim)
        .filter(v -> !v.isEmpty())
        .toList();
  }

  /** The {@code page_size} and {@code bookmark} parameters of a list. */
  public PageRequest page() {
    int size = PageRequest.DEFAULT_SIZE;
    Optional<String> rawSize = query("page_size");
    if (rawSize.isPresent()) {
      if (!PAGE_SIZE.matcher(rawSize.get()).matches()) {
        throw new ApiException.InvalidInput(
            "page_size must be an integer from 1 to " + PageRequest.MAX_SIZE + ".");
      }
      size = Integer.parseInt(rawSize.get());
    }
    Optional<String> bookmark = query("bookmark").filter(b -> !b.isEmpty());
    return new PageRequest(size, bookmark);
  }

  /**
   * The JSON object body. 415 unless the content type is JSON, 413 over {@link #MAX_BODY_BYTES},
   * 400 for malformed JSON or a body that is not an object.
   */
  public JsonBody body() {
    return body(MAX_BODY_BYTES);
  }

  /** The JSON object body, with a size limit of the route's own (for bodies carrying images). */
  public JsonBody body(int maxBytes) {
    byte[] bytes = readBody(maxBytes);
    if (bytes.length == 0) {
      throw new ApiException.InvalidInput("Request body is required: a JSON object.");
    }
    requireContentType("json");
    JsonNode node;
    try {
      node = Json.parse(bytes);
    } catch (JsonProcessingException e) {
      var location = e.getLocation();
      throw new ApiException.InvalidInput(
          "Request body is not valid JSON"
              + (location == null
                  ? "."
                  : " (line "
                      + location.getLineNr()
                      + ", column "
                      + location.getColumnNr()
                      + ")."));
    } catch (IOException e) {
      throw new ApiException.InvalidInput("Request body could not be read.");
    }
    if (node == null || !node.isObject()) {
      throw new ApiException.InvalidInput("Request body must be a JSON object.");
    }
    return new JsonBody((ObjectNode) node);
  }

  /**
   * The {@code application/x-www-form-urlencoded} body as names and values, as OAuth sends it. 415
   * unless it is of that type; 400 for a name given twice or a malformed escape.
   */
  public Map<String, String> form() {
    byte[] bytes = readBody(MAX_BODY_BYTES);
    requireContentType("x-www-form-urlencoded");
    Map<String, String> fields = new LinkedHashMap<>();
    String text = new String(bytes, StandardCharsets.UTF_8);
    for (String pair : text.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = decode(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
      if (fields.putIfAbsent(name, value) != null) {
        throw new ApiException.InvalidInput(name + " must be given once, not repeated.");
      }
    }
    return fields;
  }

  private static String decode(String part) {
    try {
      return URLDecoder.decode(part, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new ApiException.InvalidInput(
          "Request body is not valid form encoding: '" + Checks.clip(part) + "'.");
    }
  }

  /**
   * The username and password of an {@code Authorization: Basic} header, if the request has one
   * (for an OAuth client: its client id and secret); 401 if it is malformed.
   */
  public Optional<Credentials> basicCredentials() {
    Optional<String> header = request.headers().first(HeaderNames.AUTHORIZATION);
    if (header.isEmpty()) {
      return Optional.empty();
    }
    String value = header.get().trim();
    int space = value.indexOf(' ');
    if (space < 0 || !value.substring(0, space).equalsIgnoreCase("Basic")) {
      return Optional.empty();
    }
    return Optional.of(Credentials.decode(value.substring(space + 1).trim()));
  }

  /**
   * The credentials of HTTP Basic.
   *
   * @param username the user (or client id)
   * @param password the password (or client secret)
   */
  public record Credentials(String username, String password) {

    /** Decodes the base64 of {@code username:password}; 401 if malformed. */
    static Credentials decode(String credential) {
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(credential), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw malformed();
      }
      int colon = decoded.indexOf(':');
      // No username holds U+0000 (PostgreSQL text cannot), so it can only be malformed.
      if (colon < 0 || decoded.indexOf('\u0000') >= 0) {
        throw malformed();
      }
      return new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1));
    }

    private static ApiException malformed() {
      return new ApiException.Unauthenticated(
          "Authentication failed: malformed Basic credentials.");
    }
  }

  /** The address of the client as the connection shows it. */
  public String clientAddress() {
    return request.remotePeer().host();
  }

  /** Answers 302 Found, sending the browser to {@code location}. */
  public void redirect(String location) {
    response.status(Status.FOUND_302);
    response.header(HeaderNames.LOCATION, location);
    response.header(HeaderNames.CACHE_CONTROL, "no-store");
    response.send();
  }

  /**
   * Answers an HTML page that may not be framed, cached or load anything but its inline style, and
   * whose forms post only to this server.
   */
  public void html(int status, String page) {
    response.header(HeaderNames.CACHE_CONTROL, "no-store");
    response.header("X-Frame-Options", "DENY");
    response.header(
        "Content-Security-Policy",
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'");
    response.header("Referrer-Policy", "no-referrer");
    respondBytes(status, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8));
  }

  /** Answers 200 with no body. */
  public void okEmpty() {
    response.status(Status.OK_200);
    response.send();
  }

  /** 415 unless the request's content type is {@code application/<subtype>}. */
  private void requireContentType(String subtype) {
    Optional<HttpMediaType> type = contentType();
    if (type.isEmpty()
        || !type.get().mediaType().type().equalsIgnoreCase("application")
        || !type.get().mediaType().subtype().equalsIgnoreCase(subtype)) {
      throw new ApiException.UnsupportedMediaType(
          "Content-Type must be application/"
              + subtype
              + ", not "
              + type.map(t -> "'" + Checks.clip(t.mediaType().text()) + "'").orElse("missing")
              + ".");
    }
  }

  private Optional<HttpMediaType> contentType() {
    try {
      return request.headers().contentType();
    } catch (RuntimeException e) {
      // Helidon cannot parse it ("json", "/", "application/json;x"): a client error, not ours.
      throw new ApiException.UnsupportedMediaType(
          "Content-Type must be application/json, not '"
              + Checks.clip(request.headers().first(HeaderNames.CONTENT_TYPE).orElse(""))
              + "', which is not a media type.");
    }
  }

  private byte[] readBody(int maxBytes) {
    Optional<Long> declared = request.headers().contentLength().stream().boxed().findFirst();
    if (declared.isPresent() && declared.get() > maxBytes) {
      throw new ApiException.PayloadTooLarge(maxBytes);
    }
    if (!request.content().hasEntity()) {
      return new byte[0];
    }
    try (InputStream in = request.content().inputStream()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      int total = 0;
      int read;
      while ((read = in.read(buffer)) != -1) {
        total += read;
        if (total > maxBytes) {
          throw new ApiException.PayloadTooLarge(maxBytes);
        }
        out.write(buffer, 0, read);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new ApiException.InvalidInput("Request body could not be read.");
    } catch (ApiException e) {
      throw e;
    } catch (RuntimeException e) {
      // Helidon fails on a malformed chunk (a size that is not hex, negative or too large) with
      // unchecked exceptions of its own; the framing is the client's, so this is a 400.
      throw new ApiException.InvalidInput(
          "Request body could not be read: its chunked transfer coding is malformed.");
    }
  }

  /** Answers with a JSON body. */
  public void respond(int status, Object body) {
    respondBytes(status, "application/json", Json.bytes(body));
  }

  /** Answers 200 with a JSON body. */
  public void ok(Object body) {
    respond(200, body);
  }

  /** Answers 201 with a JSON body. */
  public void created(Object body) {
    respond(201, body);
  }

  /** Answers 204 with no body. */
  public void noContent() {
    response.status(Status.NO_CONTENT_204);
    response.send();
  }

  /**
   * Tags the answer with {@code etag} and, when the request's {@code If-None-Match} names that tag
   * (in a list, weak or strong, or as {@code *}), answers 304 Not Modified with the headers set so
   * far. Answers whether it did; if so, the handler is done.
   */
  public boolean answeredNotModified(String etag) {
    response.header(HeaderNames.ETAG, etag);
    Optional<String> ifNoneMatch = request.headers().first(HeaderNames.IF_NONE_MATCH);
    if (ifNoneMatch.isEmpty() || !names(ifNoneMatch.get(), etag)) {
      return false;
    }
    response.status(Status.NOT_MODIFIED_304);
    response.send();
    return true;
  }

  /**
   * Whether an {@code If-None-Match} list names the tag; the comparison is weak, as RFC 9110 asks.
   */
  private static boolean names(String header, String etag) {
    for (String candidate : header.split(",")) {
      String trimmed = candidate.trim();
      if (trimmed.equals("*") || trimmed.equals(etag) || trimmed.equals("W/" + etag)) {
        return true;
      }
    }
    return false;
  }

  /** Answers a page of a list as Pinterest does: {@code items} and {@code bookmark}. */
  public <T> void page(Page<T> page) {
    ok(Json.page(page));
  }

  /** Answers 200 with a JSON body already serialized. */
  public void okJson(byte[] json) {
    respondBytes(200, "application/json", json);
  }

  /** Answers with bytes of the given content type. */
  public void respondBytes(int status, String contentType, byte[] body) {
    response.status(Status.create(status));
    response.header(HeaderNames.CONTENT_TYPE, contentType);
    Framing.send(request, response, body);
  }

  /** Sets a response header; call before responding. */
  public void header(String name, String value) {
    response.header(name, value);
  }
}
