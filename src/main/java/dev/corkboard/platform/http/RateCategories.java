package dev.corkboard.platform.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corkboard.platform.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rate-limit category of each route: for a Pinterest operation its spec's {@code
 * x-ratelimit-category}, for an extension {@code org_read} or {@code org_write} by its method. The
 * routes that check a password or sign up are also limited per client address as {@code auth}.
 */
final class RateCategories {

  /** The routes that take a password or make an account: guessing is what they must slow. */
  private static final Set<String> CREDENTIAL_ROUTES =
      Set.of("POST /v5/accounts", "POST /v5/tokens", "POST /oauth/");

  /**
   * The route that takes an app's client id and secret: limited per client id, since an app's
   * backend exchanges the codes and refreshes the tokens of all its users from a few addresses.
   */
  private static final String CLIENT_ROUTE = "POST /v5/oauth/token";

  private final Map<Route, String> categories = new HashMap<>();

  RateCategories(List<Route> routes) {
    JsonNode paths = load().path("paths");
    for (Route route : routes) {
      if (!route.pattern().startsWith("/v5/")) {
        continue;
      }
      String category =
          route
              .operationId()
              .map(
                  id ->
                      paths
                          .path(route.pattern().substring("/v5".length()))
                          .path(route.method().toLowerCase(Locale.ROOT))
                          .path("x-ratelimit-category")
                          .asText(""))
              .filter(c -> !c.isEmpty())
              .orElse(route.method().equals("GET") ? "org_read" : "org_write");
      categories.put(route, category);
    }
  }

  /** The route's category; empty for routes outside {@code /v5} (the system routes). */
  Optional<String> of(Route route) {
    return Optional.ofNullable(categories.get(route));
  }

  /** Whether the route checks a password or makes an account. */
  static boolean takesCredentials(Route route) {
    return CREDENTIAL_ROUTES.contains(route.method() + " " + route.pattern());
  }

  /** Whether the route checks an app's client secret. */
  static boolean takesClientCredentials(Route route) {
    return CLIENT_ROUTE.equals(route.method() + " " + route.pattern());
  }

  private static JsonNode load() {
    try (InputStream in = RateCategories.class.getResourceAsStream("/openapi/pinterest-v5.json")) {
      if (in == null) {
        throw new IllegalStateException("missing resource /openapi/pinterest-v5.json");
      }
      return Json.parseTrusted(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
