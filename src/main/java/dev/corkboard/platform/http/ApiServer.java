package dev.corkboard.platform.http;

import dev.corkboard.platform.api.ApiException;
import dev.corkboard.platform.api.Authenticator;
import dev.corkboard.platform.api.Checks;
import dev.corkboard.platform.api.Principal;
import dev.corkboard.platform.json.Json;
import dev.corkboard.platform.ratelimit.RateLimiter;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.ServerConnectionException;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.http1.Http1Config;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: turns the route table into Helidon routing, authenticates callers, checks
 * scopes, maps every failure to Pinterest's {@code {"code", "message"}} body in one place, and
 * records metrics per route.
 */
public final class ApiServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

  private static final java.util.Set<String> KNOWN_METHODS =
      java.util.Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

  private final WebServer server;

  private ApiServer(WebServer server) {
    this.server = server;
  }

  /** Builds and starts the server on the host and port; port 0 picks a free port. */
  public static ApiServer start(
      String host,
      int port,
      List<Route> routes,
      Authenticator authenticator,
      RateLimiter limiter,
      MeterRegistry meters) {
    RateCategories categories = new RateCategories(routes);
    Limits limits = new Limits(limiter, categories);
    HttpRouting.Builder routing = HttpRouting.builder().addFilter(Framing::filter);
    Counter disconnects =
        Counter.builder("http.client.disconnects")
            .description("Answers not written because the client had hung up")
            .register(meters);
    for (Route route : routes) {
      HttpMetrics metrics = new HttpMetrics(meters, route.method(), route.pattern());
      routing.route(
          Method.create(route.method()),
          route.pattern(),
          (req, res) -> dispatch(route, authenticator, limits, metrics, disconnects, req, res));
      if (route.method().equals("GET")) {
        // HEAD answers as GET does, with the headers and length of the body but not the body.
        HttpMetrics head = new HttpMetrics(meters, "HEAD", route.pattern());
        routing.route(
            Method.HEAD,
            route.pattern(),
            (req, res) -> dispatch(route, authenticator, limits, head, disconnects, req, res));
      }
    }
    java.util.concurrent.ConcurrentMap<String, HttpMetrics> unmatched =
        new java.util.concurrent.ConcurrentHashMap<>();
    routing.any(
        (req, res) -> {
          long start = System.nanoTime();
          String message =
              "No route for "
                  + req.prologue().method().text()
                  + " "
                  + Checks.clip(req.path().path())
                  + ".";
          writeError(req, res, 404, ApiException.CODE_NOT_FOUND, message);
          // Known methods only, so a client cannot grow the metric names without bound.
          String method = req.prologue().method().text();
          String label = KNOWN_METHODS.contains(method) ? method : "OTHER";
          unmatched
              .computeIfAbsent(label, m -> new HttpMetrics(meters, m, "unmatched"))
              .record(404, System.nanoTime() - start);
        });
    routing.error(
        Throwable.class,
        (req, res, e) -> {
          String reference = reference();
          LOG.error("unhandled failure, reference {}", reference, e);
          if (!res.isSent()) {
            writeError(req, res, 500, 500, "Internal error, reference " + reference + ".");
          }
        });
    Http1Config http1 =
        Http1Config.builder().maxHeadersSize(Framing.MAX_PARSED_HEADER_BYTES).build();
    WebServer server =
        WebServer.builder()
            .host(host)
            .port(port)
            .addProtocol(http1)
            .addConnectionSelector(new Http10Selector(http1))
            .directHandlers(TransportErrors.all())
            .shutdownHook(false)
            .shutdownGracePeriod(Duration.ofSeconds(10))
            // Without TCP_NODELAY a response written in more than one segment (a page of pins is
            // tens of kilobytes) waits for the client's delayed ACK: a 40 ms stall on Linux.
            .connectionOptions(options -> options.tcpNoDelay(true))
            .routing(routing)
            .build()
            .start();
    return new ApiServer(server);
  }

  /** The port the server listens on. */
  public int port() {
    return server.port();
  }

  /** Stops accepting connections and lets requests in flight finish. */
  @Override
  public void close() {
    server.stop();
  }

  private static void dispatch(
      Route route,
      Authenticator authenticator,
      Limits limits,
      HttpMetrics metrics,
      Counter disconnects,
      ServerRequest req,
      ServerResponse res) {
    long start = System.nanoTime();
    int status;
    try {
      String address = req.remotePeer().host();
      if (RateCategories.takesCredentials(route)) {
        limits.limiter().require("auth", address);
      } else if (RateCategories.takesClientCredentials(route)) {
        limits.limiter().require("auth_client", clientId(req).orElse("address:" + address));
      }
      Optional<Principal> principal = authenticate(route, authenticator, req);
      principal.ifPresent(p -> route.scopes().forEach(p::require));
      limits.check(route, principal, address, req, res);
      route.handler().handle(new Call(req, res, principal));
      status = res.status().code();
    } catch (ApiException e) {
      status = e.status();
      if (!res.isSent()) {
        if (e.status() == 401) {
          res.header(HeaderNames.WWW_AUTHENTICATE, wwwAuthenticate(route.auth()));
        }
        if (e instanceof ApiException.RateLimited limited) {
          res.header(HeaderNames.RETRY_AFTER, Long.toString(limited.retryAfterSeconds()));
        }
        if (e.status() == 503) {
          // Nothing was written; the same request may be sent again.
          res.header(HeaderNames.RETRY_AFTER, "1");
        }
        writeError(req, res, e.status(), e.code(), e.getMessage());
      }
    } catch (ServerConnectionException e) {
      // The client hung up before its answer was written: routine, not a fault of ours.
      disconnects.increment();
      LOG.debug("client gone before the answer to {} {}", route.method(), route.pattern(), e);
      throw e;
    } catch (HttpException e) {
      // Helidon's own parsing (of a header, the query, the body's framing) failed on the
      // client's input: a 4xx of its choosing, in Pinterest's body.
      status = e.status().code() >= 400 && e.status().code() < 500 ? e.status().code() : 400;
      if (!res.isSent()) {
        writeError(
            req, res, status, ApiException.CODE_INVALID_PARAMETER, "The request is malformed.");
      }
    } catch (Exception | Error e) {
      status = 500;
      String reference = reference();
      LOG.error(
          "failure answering {} {}, reference {}", route.method(), route.pattern(), reference, e);
      if (!res.isSent()) {
        writeError(req, res, 500, 500, "Internal error, reference " + reference + ".");
      }
    }
    metrics.record(status, System.nanoTime() - start);
  }

  /**
   * The rate limits of the routes: the caller's allowance in the route's category (by token, by
   * account for a password login, else by client address), reported in {@code X-RateLimit-*}
   * headers; and for a write that names an object, that object's allowance of writes, as the spec's
   * 429 describes ("multiple write operations are applied to an object within a short time
   * window").
   */
  private record Limits(RateLimiter limiter, RateCategories categories) {

    void check(
        Route route,
        Optional<Principal> principal,
        String address,
        ServerRequest req,
        ServerResponse res) {
      Optional<String> category = categories.of(route);
      if (category.isEmpty()) {
        return;
      }
      String caller =
          principal
              .map(p -> p.tokenId() != 0 ? "token:" + p.tokenId() : "account:" + p.accountId())
              .orElse("address:" + address);
      Optional<RateLimiter.Verdict> verdict = limiter.take(category.get(), caller);
      if (verdict.isPresent()) {
        res.header("X-RateLimit-Limit", Integer.toString(verdict.get().limit()));
        res.header("X-RateLimit-Remaining", Integer.toString(verdict.get().remaining()));
        res.header("X-RateLimit-Reset", Long.toString(verdict.get().resetSeconds()));
        if (!verdict.get().allowed()) {
          throw verdict.get().refusal();
        }
      }
      if (!route.method().equals("GET") && !route.method().equals("HEAD")) {
        // One bucket per caller and object (ids are unique across kinds of objects): a client
        // hammering one object is throttled, while many callers writing to one popular object
        // (saving a pin everybody saves, following a board) are not throttled by each other.
        req.path().pathParameters().toMap().values().stream()
            .flatMap(List::stream)
            .findFirst()
            .ifPresent(object -> limiter.require("object_write", caller + ":" + object));
      }
    }
  }

  /** The client id of an OAuth client's Basic credentials, if they can be read. */
  private static Optional<String> clientId(ServerRequest req) {
    Optional<String> header = req.headers().first(HeaderNames.AUTHORIZATION);
    if (header.isEmpty() || !header.get().regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          "client:" + Call.Credentials.decode(header.get().substring(6).trim()).username());
    } catch (ApiException e) {
      return Optional.empty();
    }
  }

  private static Optional<Principal> authenticate(
      Route route, Authenticator authenticator, ServerRequest req) {
    if (route.auth() == Route.Auth.NONE) {
      return Optional.empty();
    }
    Optional<String> header = req.headers().first(HeaderNames.AUTHORIZATION);
    if (header.isEmpty()) {
      throw new ApiException.Unauthenticated(
          "Authentication failed: send an Authorization header"
              + (route.auth() == Route.Auth.BASIC ? " with your username and password." : "."));
    }
    String value = header.get().trim();
    int space = value.indexOf(' ');
    String kind = space < 0 ? value : value.substring(0, space);
    String credential = space < 0 ? "" : value.substring(space + 1).trim();
    if (kind.equalsIgnoreCase("Bearer")
        && (route.auth() == Route.Auth.BEARER || route.auth() == Route.Auth.BASIC_OR_BEARER)) {
      if (credential.isEmpty()) {
        throw new ApiException.Unauthenticated("Authentication failed: the bearer token is empty.");
      }
      return Optional.of(authenticator.bearer(credential));
    }
    if (kind.equalsIgnoreCase("Basic")
        && (route.auth() == Route.Auth.BASIC || route.auth() == Route.Auth.BASIC_OR_BEARER)) {
      Call.Credentials credentials = Call.Credentials.decode(credential);
      return Optional.of(authenticator.basic(credentials.username(), credentials.password()));
    }
    throw new ApiException.Unauthenticated(
        "Authentication failed: this operation takes "
            + switch (route.auth()) {
              case BEARER -> "a Bearer token.";
              case BASIC -> "Basic credentials.";
              default -> "Basic credentials or a Bearer token.";
            });
  }

  private static String wwwAuthenticate(Route.Auth auth) {
    return switch (auth) {
      case BASIC -> "Basic realm=\"corkboard\"";
      default -> "Bearer realm=\"corkboard\"";
    };
  }

  static void writeError(
      ServerRequest req, ServerResponse res, int status, int code, String message) {
    res.status(Status.create(status));
    res.header(HeaderNames.CONTENT_TYPE, "application/json");
    Framing.send(req, res, Json.bytes(new ErrorBody(code, message)));
  }

  /** Pinterest's error body, code first. */
  record ErrorBody(int code, String message) {}

  private static String reference() {
    return HexFormat.of().formatHex(longBytes(ThreadLocalRandom.current().nextLong()));
  }

  private static byte[] longBytes(long value) {
    byte[] bytes = new byte[8];
    for (int i = 7; i >= 0; i--) {
      bytes[i] = (byte) value;
      value >>>= 8;
    }
    return bytes;
  }
}
