package dev.corkboard.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.corkboard.Application;
import dev.corkboard.platform.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * An HTTP client for API tests that speaks to the real server and validates every {@code /v5}
 * response: Pinterest's operations against the official spec, extensions against the server's own
 * document. A response that does not validate fails the test.
 */
public final class Api {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String baseUrl;
  private final Optional<String> authorization;
  private final boolean validating;

  private Api(String baseUrl, Optional<String> authorization) {
    this(baseUrl, authorization, true);
  }

  private Api(String baseUrl, Optional<String> authorization, boolean validating) {
    this.baseUrl = baseUrl;
    this.authorization = authorization;
    this.validating = validating;
  }

  /** An anonymous client of the application. */
  public static Api of(Application app) {
    return new Api(app.baseUrl(), Optional.empty());
  }

  /** An anonymous client of a server at a base URL such as {@code http://127.0.0.1:8080}. */
  public static Api of(String baseUrl) {
    return new Api(baseUrl, Optional.empty());
  }

  /** An anonymous client of the shared test server. */
  public static Api anonymous() {
    return of(TestServer.shared());
  }

  /** The same client with a bearer token. */
  public Api bearer(String token) {
    return new Api(baseUrl, Optional.of("Bearer " + token), validating);
  }

  /**
   * The same client without validating responses, for load that would otherwise spend on validation
   * the CPU the server needs; what it reads is validated by the tests that read it.
   */
  public Api unvalidated() {
    return new Api(baseUrl, authorization, false);
  }

  /** The same client with HTTP Basic credentials. */
  public Api basic(String username, String password) {
    String pair = username + ":" + password;
    return new Api(
        baseUrl,
        Optional.of(
            "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8))),
        validating);
  }

  /** The same client with a raw {@code Authorization} header. */
  public Api authorization(String header) {
    return new Api(baseUrl, Optional.of(header), validating);
  }

  public Response get(String path) {
    return send("GET", path, null, null);
  }

  public Response delete(String path) {
    return send("DELETE", path, null, null);
  }

  public Response post(String path, Object body) {
    return send("POST", path, "application/json", json(body));
  }

  public Response put(String path) {
    return send("PUT", path, null, null);
  }

  public Response patch(String path, Object body) {
    return send("PATCH", path, "application/json", json(body));
  }

  /** Sends a JSON body with one extra request header, for example {@code If-Match}. */
  public Response sendWithHeader(
      String method, String path, String header, String value, byte[] body) {
    return send(method, path, "application/json", body, header, value);
  }

  /** Sends raw bytes with a content type of the test's choice (null for none). */
  public Response send(String method, String path, String contentType, byte[] body) {
    return send(method, path, contentType, body, null, null);
  }

  private Response send(
      String method,
      String path,
      String contentType,
      byte[] body,
      String header,
      String headerValue) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
    if (header != null) {
      request.header(header, headerValue);
    }
    authorization.ifPresent(a -> request.header("Authorization", a));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    HttpResponse<String> response;
    try {
      response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    Response result =
        new Response(
            response.statusCode(),
            response.body(),
            response.headers().firstValue("Content-Type").orElse(null),
            response.headers());
    if (validating) {
      validate(method, URI.create(path).getPath(), result);
    }
    return result;
  }

  private void validate(String method, String path, Response response) {
    if (!path.startsWith("/v5/") || response.isNoRoute()) {
      return;
    }
    if (Specs.isExtension(method, path)) {
      Specs.validate(
          Specs.corkboard(this::document),
          method,
          path,
          response.status(),
          response.contentType(),
          response.body());
    } else {
      Specs.validate(
          Specs.pinterest(),
          method,
          path,
          response.status(),
          response.contentType(),
          response.body());
      // The server's own document: the same operations, with its extension fields.
      Specs.validate(
          Specs.corkboard(this::document),
          method,
          path,
          response.status(),
          response.contentType(),
          response.body());
    }
  }

  private String document() {
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/v5/openapi.json")).build();
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static byte[] json(Object body) {
    if (body instanceof String s) {
      return s.getBytes(StandardCharsets.UTF_8);
    }
    return Json.bytes(body);
  }

  /**
   * An answer of the server.
   *
   * @param status the HTTP status
   * @param body the body as text
   * @param contentType the Content-Type header, or null
   * @param headers every header
   */
  public record Response(
      int status, String body, String contentType, java.net.http.HttpHeaders headers) {

    /** The body parsed as JSON; a missing node for an empty body. */
    public JsonNode json() {
      if (body == null || body.isEmpty()) {
        return MissingNode.getInstance();
      }
      return Json.parseTrusted(body.getBytes(StandardCharsets.UTF_8));
    }

    /** A field of the JSON body as text. */
    public String text(String field) {
      return json().path(field).asText();
    }

    /** The Pinterest error code of an error answer. */
    public int code() {
      return json().path("code").asInt(-1);
    }

    /** The message of an error answer. */
    public String message() {
      return json().path("message").asText();
    }

    boolean isNoRoute() {
      return status == 404 && message().startsWith("No route for");
    }
  }
}
