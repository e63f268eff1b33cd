package dev.corkboard.platform.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/** Counts and times requests per route pattern, method and status, with latency histograms. */
final class HttpMetrics {

  private final MeterRegistry registry;
  private final ConcurrentMap<String, Timer> timers = new ConcurrentHashMap<>();

  HttpMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void record(String method, String route, int status, long nanos) {
    String key = method + ' ' + route + ' ' + status;
    Timer timer =
        timers.computeIfAbsent(
            key,
            k ->
                Timer.builder("http.server.requests")
                    .description("HTTP requests answered, by route pattern, method and status")
                    .tag("method", method)
                    .tag("route", route)
                    .tag("status", Integer.toString(status))
                    .publishPercentileHistogram()
                    .register(registry));
    timer.record(nanos, TimeUnit.NANOSECONDS);
  }
}
