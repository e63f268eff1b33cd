package dev.corkboard.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corkboard.platform.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The results of one benchmark run with their ceilings: each scenario's capacity as a share of the
 * HTTP ceiling (same server, no database) and of its database ceiling (pgbench on the same
 * PostgreSQL), plus its latency at a fixed open-loop rate. Printed as a table, written as JSON and
 * Markdown.
 *
 * @param meta facts about the run (date, data set, machine), in order
 * @param scenarios what each scenario measured
 * @param pgbenchRead pgbench -S, if it ran
 * @param pgbenchWrite pgbench -N, if it ran
 * @param pgbenchNote why pgbench did not run, if it did not
 */
record Report(
    Map<String, String> meta,
    List<ScenarioResult> scenarios,
    Optional<Pgbench.Measurement> pgbenchRead,
    Optional<Pgbench.Measurement> pgbenchWrite,
    Optional<String> pgbenchNote) {

  /** The share of writes in the mix scenario. */
  static final double MIX_WRITES = 0.05;

  /** Capacity of the ceiling-http scenario, if it ran. */
  OptionalDouble httpCeiling() {
    return scenarios.stream()
        .filter(s -> s.name().equals("ceiling-http"))
        .mapToDouble(ScenarioResult::capacityRps)
        .findFirst();
  }

  /** The database ceiling of a kind of scenario, in transactions per second. */
  OptionalDouble databaseCeiling(Scenario.Ceiling kind) {
    if (pgbenchRead.isEmpty() || pgbenchWrite.isEmpty()) {
      return OptionalDouble.empty();
    }
    double read = pgbenchRead.get().tps();
    double write = pgbenchWrite.get().tps();
    return switch (kind) {
      case NONE -> OptionalDouble.empty();
      case READ -> OptionalDouble.of(read);
      case WRITE -> OptionalDouble.of(write);
      // Time per request adds up: the harmonic mean weighted by the mix.
      case MIX -> OptionalDouble.of(1 / ((1 - MIX_WRITES) / read + MIX_WRITES / write));
    };
  }

  OptionalDouble httpRatio(ScenarioResult s) {
    OptionalDouble ceiling = httpCeiling();
    return ceiling.isPresent() && ceiling.getAsDouble() > 0
        ? OptionalDouble.of(s.capacityRps() / ceiling.getAsDouble())
        : OptionalDouble.empty();
  }

  OptionalDouble databaseRatio(ScenarioResult s) {
    OptionalDouble ceiling = databaseCeiling(s.ceiling());
    return ceiling.isPresent() && ceiling.getAsDouble() > 0
        ? OptionalDouble.of(s.capacityRps() / ceiling.getAsDouble())
        : OptionalDouble.empty();
  }

  private static final String[] HEADERS = {
    "scenario",
    "capacity/s",
    "rate/s",
    "achieved/s",
    "p50 ms",
    "p99 ms",
    "p99.9 ms",
    "errors",
    "vs HTTP",
    "vs DB"
  };

  private String[] cells(ScenarioResult s) {
    return new String[] {
      s.name(),
      String.format(Locale.ROOT, "%,.0f", s.capacityRps()),
      String.format(Locale.ROOT, "%,.0f", s.targetRps()),
      String.format(Locale.ROOT, "%,.0f", s.achievedRps()),
      String.format(Locale.ROOT, "%.2f", s.p50Ms()),
      String.format(Locale.ROOT, "%.2f", s.p99Ms()),
      String.format(Locale.ROOT, "%.2f", s.p999Ms()),
      s.errors() + (s.missed() > 0 ? " (+" + s.missed() + " missed)" : ""),
      ratio(httpRatio(s)),
      ratio(databaseRatio(s), s.ceiling())
    };
  }

  private static String ratio(OptionalDouble value) {
    return value.isPresent() ? String.format(Locale.ROOT, "%.2f", value.getAsDouble()) : "-";
  }

  private static String ratio(OptionalDouble value, Scenario.Ceiling kind) {
    if (value.isEmpty()) {
      return "-";
    }
    String which =
        switch (kind) {
          case READ -> " (-S)";
          case WRITE -> " (-N)";
          case MIX -> " (mix)";
          case NONE -> "";
        };
    return String.format(Locale.ROOT, "%.2f", value.getAsDouble()) + which;
  }

  /** The results as a fixed-width table for a terminal. */
  String table() {
    List<String[]> rows = scenarios.stream().map(this::cells).toList();
    int[] widths = new int[HEADERS.length];
    for (int i = 0; i < HEADERS.length; i++) {
      widths[i] = HEADERS[i].length();
      for (String[] row : rows) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    ceilings(out, "");
    line(out, HEADERS, widths);
    StringBuilder rule = new StringBuilder();
    for (int i = 0; i < widths.length; i++) {
      rule.append(i == 0 ? "" : "  ").append("-".repeat(widths[i]));
    }
    out.append(rule).append('\n');
    for (String[] row : rows) {
      line(out, row, widths);
    }
    return out.toString();
  }

  private static void line(StringBuilder out, String[] cells, int[] widths) {
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) {
        out.append("  ");
      }
      String pad = " ".repeat(widths[i] - cells[i].length());
      out.append(i == 0 ? cells[i] + pad : pad + cells[i]);
    }
    out.append('\n');
  }

  private void ceilings(StringBuilder out, String bullet) {
    OptionalDouble http = httpCeiling();
    out.append(bullet)
        .append("HTTP ceiling (GET /bench/ceiling, same server): ")
        .append(
            http.isPresent()
                ? String.format(Locale.ROOT, "%,.0f req/s", http.getAsDouble())
                : "not measured")
        .append('\n');
    if (pgbenchRead.isPresent() && pgbenchWrite.isPresent()) {
      for (Pgbench.Measurement m : List.of(pgbenchRead.get(), pgbenchWrite.get())) {
        out.append(bullet)
            .append(
                String.format(
                    Locale.ROOT,
                    "pgbench %s: %,.0f tps (%.3f ms average)%n",
                    m.mode(),
                    m.tps(),
                    m.latencyMs()));
      }
    } else {
      out.append(bullet).append("pgbench: ").append(pgbenchNote.orElse("did not run")).append('\n');
    }
  }

  /** The results as Markdown. */
  String markdown() {
    StringBuilder out = new StringBuilder("# Corkboard benchmark\n\n");
    meta.forEach((k, v) -> out.append("- ").append(k).append(": ").append(v).append('\n'));
    out.append("\n## Ceilings\n\n");
    ceilings(out, "- ");
    out.append("\n## Scenarios\n\n");
    out.append("| ").append(String.join(" | ", HEADERS)).append(" |\n|");
    for (int i = 0; i < HEADERS.length; i++) {
      out.append(i == 0 ? "---|" : "---:|");
    }
    out.append('\n');
    for (ScenarioResult s : scenarios) {
      out.append("| ").append(String.join(" | ", cells(s))).append(" |\n");
    }
    out.append("\n");
    for (ScenarioResult s : scenarios) {
      out.append("- `").append(s.name()).append("`: ").append(s.description()).append('\n');
    }
    out.append(
        """

        capacity/s: answers per second closed loop (as fast as the connections allow). rate/s and
        achieved/s: the fixed open-loop rate and what the server kept up with. Latencies are taken
        from each request's due time, so queueing behind a stall counts (no coordinated omission).
        vs HTTP: capacity / HTTP ceiling. vs DB: capacity / pgbench tps (-S for reads, -N for
        writes, their 95/5 harmonic mix for the mix). Load generator, server and PostgreSQL share
        this machine's cores.
        """);
    return out.toString();
  }

  /** The results as JSON. */
  ObjectNode json() {
    ObjectNode root = Json.object();
    ObjectNode metaNode = root.putObject("meta");
    meta.forEach(metaNode::put);
    ObjectNode ceilings = root.putObject("ceilings");
    httpCeiling().ifPresent(v -> ceilings.put("http_rps", v));
    pgbenchRead.ifPresent(
        m ->
            ceilings
                .putObject("pgbench_read")
                .put("mode", m.mode())
                .put("tps", m.tps())
                .put("latency_ms", m.latencyMs()));
    pgbenchWrite.ifPresent(
        m ->
            ceilings
                .putObject("pgbench_write")
                .put("mode", m.mode())
                .put("tps", m.tps())
                .put("latency_ms", m.latencyMs()));
    pgbenchNote.ifPresent(n -> ceilings.put("pgbench_note", n));
    ArrayNode list = root.putArray("scenarios");
    for (ScenarioResult s : scenarios) {
      ObjectNode node = s.toJson();
      httpRatio(s).ifPresent(v -> node.put("ratio_http", v));
      databaseRatio(s).ifPresent(v -> node.put("ratio_db", v));
      list.add(node);
    }
    return root;
  }

  /** Writes {@code results.json} and {@code results.md} into {@code dir}. */
  void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.write(
        dir.resolve("results.json"),
        Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(json()));
    Files.writeString(dir.resolve("results.md"), markdown(), StandardCharsets.UTF_8);
  }
}
