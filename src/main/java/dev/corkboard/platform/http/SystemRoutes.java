package dev.corkboard.platform.http;

import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Routes for operators and tools: health, Prometheus metrics and the OpenAPI document. */
public final class SystemRoutes {

  private final BooleanSupplier databaseUp;
  private final Supplier<String> scrape;

  public SystemRoutes(BooleanSupplier databaseUp, Supplier<String> scrape) {
    this.databaseUp = databaseUp;
    this.scrape = scrape;
  }

  /** The routes, given the API routes that the OpenAPI document describes. */
  public List<Route> routes(List<Route> apiRoutes) {
    Route openapi =
        Route.extension("GET", "/v5/openapi.json", Route.Auth.NONE, List.of(), call -> {});
    List<Route> described =
        java.util.stream.Stream.concat(apiRoutes.stream(), java.util.stream.Stream.of(openapi))
            .toList();
    // Built on first request: parsing Pinterest's 2 MB description would slow every start.
    var document = new java.util.concurrent.atomic.AtomicReference<byte[]>();
    return List.of(
        Route.extension("GET", "/health", Route.Auth.NONE, List.of(), this::health),
        Route.extension("GET", "/metrics", Route.Auth.NONE, List.of(), this::metrics),
        Route.extension(
            "GET",
            "/v5/openapi.json",
            Route.Auth.NONE,
            List.of(),
            call ->
                call.respondBytes(
                    200,
                    "application/json",
                    document.updateAndGet(d -> d != null ? d : OpenApiDocument.build(described)))));
  }

  private void health(Call call) {
    boolean up = databaseUp.getAsBoolean();
    call.respond(
        up ? 200 : 503, Map.of("status", up ? "UP" : "DOWN", "database", up ? "UP" : "DOWN"));
  }

  private void metrics(Call call) {
    call.respondBytes(
        200,
        "text/plain; version=0.0.4; charset=utf-8",
        scrape.get().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
