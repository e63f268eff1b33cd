package dev.corkboard.platform.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Counts and times requests of one route pattern and method per status, with latency histograms.
 * Timers are made on first use of a status and then found by index, so recording allocates nothing.
 */
final class HttpMetrics {

  private final MeterRegistry registry;
  private final String method;
  private final String route;
  private final AtomicReferenceArray<Timer> byStatus = new AtomicReferenceArray<>(600);

  HttpMetrics(MeterRegistry registry, String method, String route) {
    this.registry = registry;
    this.method = method;
    this.route = route;
  }

  void record(int status, long nanos) {
    int index = status >= 100 && status < 600 ? status : 599;
    Timer timer = byStatus.get(index);
    if (timer == null) {
      timer =
          Timer.builder("http.server.requests")
              .description("HTTP requests answered, by route pattern, method and status")
              .tag("method", method)
              .tag("route", route)
              .tag("status", Integer.toString(index))
              .publishPercentileHistogram()
              .register(registry);
      byStatus.compareAndSet(index, null, timer);
    }
    timer.record(nanos, TimeUnit.NANOSECONDS);
  }
}
