package dev.corkboard.platform.http;

import dev.corkboard.platform.api.ApiException;
import dev.corkboard.platform.api.Scope;
import java.util.List;
import java.util.Optional;

/**
 * One entry of the route table: method and path pattern, how the caller authenticates, the scopes
 * the operation needs, and the handler.
 *
 * @param method the HTTP method
 * @param pattern the path pattern, with {@code {name}} parameters
 * @param operationId the Pinterest v5 operation id, empty for an extension of this server
 * @param auth how the caller authenticates
 * @param scopes every scope the credential must grant
 * @param handler what answers the call
 */
public record Route(
    String method,
    String pattern,
    Optional<String> operationId,
    Auth auth,
    List<Scope> scopes,
    Handler handler) {

  public Route {
    scopes = List.copyOf(scopes);
  }

  /** How a route authenticates its caller. */
  public enum Auth {
    /** Nobody needs to be known. */
    NONE,
    /** {@code Authorization: Bearer <token>}. */
    BEARER,
    /** {@code Authorization: Basic} with username and password. */
    BASIC,
    /** Either of the two. */
    BASIC_OR_BEARER
  }

  /** Answers one call; may throw an {@link ApiException}. */
  @FunctionalInterface
  public interface Handler {
    void handle(Call call) throws Exception;
  }

  /** A Pinterest v5 operation behind a bearer token with the scopes its spec lists. */
  public static Route v5(
      String method, String pattern, String operationId, List<Scope> scopes, Handler handler) {
    return new Route(method, pattern, Optional.of(operationId), Auth.BEARER, scopes, handler);
  }

  /**
   * A Pinterest v5 operation that authenticates its caller its own way, such as the OAuth token
   * endpoint, whose HTTP Basic credentials name an app rather than an account.
   */
  public static Route v5(String method, String pattern, String operationId, Handler handler) {
    return new Route(method, pattern, Optional.of(operationId), Auth.NONE, List.of(), handler);
  }

  /** An extension of this server. */
  public static Route extension(
      String method, String pattern, Auth auth, List<Scope> scopes, Handler handler) {
    return new Route(method, pattern, Optional.empty(), auth, scopes, handler);
  }
}
