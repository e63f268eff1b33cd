package dev.corkboard.platform.http;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code GET /bench/ceiling}: a fixed small JSON body with no database and no authentication, so
 * the benchmark can measure what HTTP, routing and metrics alone cost on this machine. Cheap and
 * harmless to leave on: it reveals nothing and touches nothing.
 */
public final class CeilingRoutes {

  /** Where the ceiling answers; the benchmark's load generator asks for it. */
  public static final String PATH = "/bench/ceiling";

  private static final byte[] BODY =
      "{\"status\":\"ok\",\"message\":\"the benchmark's HTTP ceiling\"}"
          .getBytes(StandardCharsets.US_ASCII);

  /** The route. */
  public List<Route> routes() {
    return List.of(
        Route.extension(
            "GET",
            PATH,
            Route.Auth.NONE,
            List.of(),
            call -> call.respondBytes(200, "application/json", BODY)));
  }
}
