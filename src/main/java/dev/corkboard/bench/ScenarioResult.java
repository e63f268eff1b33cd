package dev.corkboard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corkboard.platform.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What one scenario measured: its capacity (closed loop), then latency and throughput at a fixed
 * open-loop rate.
 *
 * @param name the scenario
 * @param ceiling which database ceiling it compares with
 * @param description what it does
 * @param capacityRps answers per second, closed loop, as fast as the connections allow
 * @param targetRps the open-loop rate
 * @param achievedRps answers per second at that rate
 * @param requests requests sent at that rate
 * @param errors answers 4xx/5xx or failed connections
 * @param missed requests due but never sent (the server fell too far behind)
 * @param p50Ms median latency from the due time, milliseconds
 * @param p90Ms 90th percentile
 * @param p99Ms 99th percentile
 * @param p999Ms 99.9th percentile
 * @param maxMs the slowest
 * @param statuses answers per status code
 * @param serverCoresAtCapacity the cores the servers kept busy during the capacity probe (their CPU
 *     seconds over its wall seconds, from their {@code /metrics}); NaN when they do not say
 * @param serverCoresAtRate the same at the open-loop rate
 */
record ScenarioResult(
    String name,
    Scenario.Ceiling ceiling,
    String description,
    double capacityRps,
    double targetRps,
    double achievedRps,
    long requests,
    long errors,
    long missed,
    double p50Ms,
    double p90Ms,
    double p99Ms,
    double p999Ms,
    double maxMs,
    Map<String, Long> statuses,
    double serverCoresAtCapacity,
    double serverCoresAtRate) {

  static ScenarioResult of(
      Scenario scenario,
      double capacity,
      double target,
      LoadGenerator.Outcome run,
      double serverCoresAtCapacity,
      double serverCoresAtRate) {
    Histogram h = run.latencyMicros();
    Map<String, Long> statuses = new LinkedHashMap<>();
    for (int i = 0; i < run.statuses().length; i++) {
      if (run.statuses()[i] > 0) {
        statuses.put(Integer.toString(i), run.statuses()[i]);
      }
    }
    if (run.ioErrors() > 0) {
      statuses.put("io_error", run.ioErrors());
    }
    return new ScenarioResult(
        scenario.name(),
        scenario.ceiling(),
        scenario.description(),
        capacity,
        target,
        run.throughput(),
        run.sent(),
        run.errors(),
        run.missed(),
        ms(h, 50),
        ms(h, 90),
        ms(h, 99),
        ms(h, 99.9),
        h.getTotalCount() == 0 ? 0 : h.getMaxValue() / 1000.0,
        statuses,
        serverCoresAtCapacity,
        serverCoresAtRate);
  }

  /**
   * Capacity per core the servers spent on it: answers per CPU second of the server processes,
   * PostgreSQL's and the load generator's CPU not counted; NaN when unknown.
   */
  double capacityPerServerCore() {
    return serverCoresAtCapacity > 0 ? capacityRps / serverCoresAtCapacity : Double.NaN;
  }

  private static double ms(Histogram h, double percentile) {
    return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1000.0;
  }

  ObjectNode toJson() {
    ObjectNode node = Json.object();
    node.put("name", name).put("ceiling", ceiling.name()).put("description", description);
    node.put("capacity_rps", capacityRps).put("target_rps", targetRps);
    node.put("achieved_rps", achievedRps).put("requests", requests);
    node.put("errors", errors).put("missed", missed);
    node.put("p50_ms", p50Ms).put("p90_ms", p90Ms).put("p99_ms", p99Ms);
    node.put("p999_ms", p999Ms).put("max_ms", maxMs);
    ObjectNode s = node.putObject("statuses");
    statuses.forEach(s::put);
    if (!Double.isNaN(serverCoresAtCapacity)) {
      node.put("server_cores_at_capacity", serverCoresAtCapacity);
      node.put("capacity_per_server_core", capacityPerServerCore());
    }
    if (!Double.isNaN(serverCoresAtRate)) {
      node.put("server_cores_at_rate", serverCoresAtRate);
    }
    return node;
  }

  static ScenarioResult fromJson(JsonNode node) {
    Map<String, Long> statuses = new LinkedHashMap<>();
    node.path("statuses")
        .properties()
        .forEach(e -> statuses.put(e.getKey(), e.getValue().asLong()));
    return new ScenarioResult(
        node.path("name").asText(),
        Scenario.Ceiling.valueOf(node.path("ceiling").asText()),
        node.path("description").asText(),
        node.path("capacity_rps").asDouble(),
        node.path("target_rps").asDouble(),
        node.path("achieved_rps").asDouble(),
        node.path("requests").asLong(),
        node.path("errors").asLong(),
        node.path("missed").asLong(),
        node.path("p50_ms").asDouble(),
        node.path("p90_ms").asDouble(),
        node.path("p99_ms").asDouble(),
        node.path("p999_ms").asDouble(),
        node.path("max_ms").asDouble(),
        statuses,
        node.path("server_cores_at_capacity").asDouble(Double.NaN),
        node.path("server_cores_at_rate").asDouble(Double.NaN));
  }
}
