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
 * HTTP ceiling H (the first mode's server, no database), of its database ceiling (pgbench on the
 * same PostgreSQL) and of the round-trip limit L = H·S/(H+S) (S: pgbench -S), plus its latency at a
 * fixed open-loop rate; for every mode the servers ran in (one server, or one node with and without
 * read cache and several nodes). Printed as a table, written as JSON and Markdown.
 *
 * @param meta facts about the run (date, data set, machine), in order
 * @param modes what each scenario measured, per way the servers ran
 * @param pgbenchRead pgbench -S, if it ran
 * @param pgbenchWrite pgbench -N, if it ran
 * @param pgbenchNote why pgbench did not run, if it did not
 */
record Report(
    Map<String, String> meta,
    List<Mode> modes,
    Optional<Pgbench.Measurement> pgbenchRead,
    Optional<Pgbench.Measurement> pgbenchWrite,
    Optional<String> pgbenchNote) {

  /**
   * One way the servers ran while every scenario was measured: a column of the comparison.
   *
   * @param name a short name, for JSON and file names
   * @param title what ran, for example {@code 3 nodes, read cache on}
   * @param scenarios what each scenario measured
   */
  record Mode(String name, String title, List<ScenarioResult> scenarios) {
    Mode {
      scenarios = List.copyOf(scenarios);
    }
  }

  /** The share of writes in the mix scenario. */
  static final double MIX_WRITES = 0.05;

  Report {
    if (modes.isEmpty()) {
      throw new IllegalArgumentException("a report needs at least one mode");
    }
    modes = List.copyOf(modes);
  }

  /** The report of a run with one server. */
  static Report of(
      Map<String, String> meta,
      List<ScenarioResult> scenarios,
      Optional<Pgbench.Measurement> pgbenchRead,
      Optional<Pgbench.Measurement> pgbenchWrite,
      Optional<String> pgbenchNote) {
    return new Report(
        meta,
        List.of(new Mode("server", "one server", scenarios)),
        pgbenchRead,
        pgbenchWrite,
        pgbenchNote);
  }

  /** The scenarios of the first mode. */
  List<ScenarioResult> scenarios() {
    return modes.getFirst().scenarios();
  }

  /** Capacity of the first mode's ceiling-http scenario, if it ran: H. */
  OptionalDouble httpCeiling() {
    return scenarios().stream()
        .filter(s -> s.name().equals("ceiling-http"))
        .mapToDouble(ScenarioResult::capacityRps)
        .findFirst();
  }

  /**
   * The round-trip limit L = H·S/(H+S): what a request that costs one HTTP exchange and one
   * primary-key round trip can reach, when the two take turns on the same cores.
   */
  OptionalDouble roundTripLimit() {
    OptionalDouble http = httpCeiling();
    if (http.isEmpty() || pgbenchRead.isEmpty()) {
      return OptionalDouble.empty();
    }
    double h = http.getAsDouble();
    double s = pgbenchRead.get().tps();
    return h + s > 0 ? OptionalDouble.of(h * s / (h + s)) : OptionalDouble.empty();
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
    return share(s, httpCeiling());
  }

  OptionalDouble databaseRatio(ScenarioResult s) {
    return share(s, databaseCeiling(s.ceiling()));
  }

  /** Capacity / S, whatever the scenario's own database ceiling. */
  OptionalDouble readRatio(ScenarioResult s) {
    return share(s, databaseCeiling(Scenario.Ceiling.READ));
  }

  /** Capacity / L. */
  OptionalDouble roundTripRatio(ScenarioResult s) {
    return share(s, roundTripLimit());
  }

  private static OptionalDouble share(ScenarioResult s, OptionalDouble ceiling) {
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
    "vs DB",
    "per server core/s"
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
      ratio(databaseRatio(s), s.ceiling()),
      Double.isNaN(s.capacityPerServerCore())
          ? "-"
          : String.format(
              Locale.ROOT,
              "%,.0f (%.2f cores)",
              s.capacityPerServerCore(),
              s.serverCoresAtCapacity())
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

  /**
   * One row per scenario, two columns per mode: capacity with the open-loop p50 and p99, and the
   * capacity as a share of H, S and L.
   */
  private String[] comparisonHeaders() {
    List<String> headers = new java.util.ArrayList<>(List.of("scenario"));
    for (Mode mode : modes) {
      headers.add(mode.title() + ": req/s (p50 / p99 ms)");
      headers.add("vs H / S / L");
    }
    return headers.toArray(String[]::new);
  }

  private List<String[]> comparisonRows() {
    java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
    modes.forEach(m -> m.scenarios().forEach(s -> names.add(s.name())));
    List<String[]> rows = new java.util.ArrayList<>();
    for (String name : names) {
      List<String> row = new java.util.ArrayList<>(List.of(name));
      for (Mode mode : modes) {
        Optional<ScenarioResult> result =
            mode.scenarios().stream().filter(s -> s.name().equals(name)).findFirst();
        row.add(
            result
                .map(
                    s ->
                        String.format(
                            Locale.ROOT,
                            "%,.0f (%.2f / %.2f)",
                            s.capacityRps(),
                            s.p50Ms(),
                            s.p99Ms()))
                .orElse("-"));
        row.add(
            result
                .map(
                    s ->
                        ratio(httpRatio(s))
                            + " / "
                            + ratio(readRatio(s))
                            + " / "
                            + ratio(roundTripRatio(s)))
                .orElse("-"));
      }
      rows.add(row.toArray(String[]::new));
    }
    return rows;
  }

  private List<String[]> rows(Mode mode) {
    return mode.scenarios().stream().map(this::cells).toList();
  }

  /**
   * The results as fixed-width tables for a terminal: the comparison of modes first, if several.
   */
  String table() {
    StringBuilder out = new StringBuilder();
    ceilings(out, "");
    if (modes.size() == 1) {
      fixed(out, HEADERS, rows(modes.getFirst()));
      return out.toString();
    }
    out.append('\n');
    fixed(out, comparisonHeaders(), comparisonRows());
    for (Mode mode : modes) {
      out.append('\n').append(mode.title()).append(":\n");
      fixed(out, HEADERS, rows(mode));
    }
    return out.toString();
  }

  private static void fixed(StringBuilder out, String[] headers, List<String[]> rows) {
    int[] widths = new int[headers.length];
    for (int i = 0; i < headers.length; i++) {
      widths[i] = headers[i].length();
      for (String[] row : rows) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    line(out, headers, widths);
    StringBuilder rule = new StringBuilder();
    for (int i = 0; i < widths.length; i++) {
      rule.append(i == 0 ? "" : "  ").append("-".repeat(widths[i]));
    }
    out.append(rule).append('\n');
    for (String[] row : rows) {
      line(out, row, widths);
    }
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
        .append(
            modes.size() == 1
                ? "HTTP ceiling (GET /bench/ceiling, same server): "
                : "HTTP ceiling H (GET /bench/ceiling, " + modes.getFirst().title() + "): ")
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
    OptionalDouble limit = roundTripLimit();
    if (limit.isPresent()) {
      out.append(bullet)
          .append(
              String.format(
                  Locale.ROOT,
                  "round-trip limit L = H·S/(H+S): %,.0f req/s%n",
                  limit.getAsDouble()));
    }
  }

  private static void markdownTable(StringBuilder out, String[] headers, List<String[]> rows) {
    out.append("| ").append(String.join(" | ", headers)).append(" |\n|");
    for (int i = 0; i < headers.length; i++) {
      out.append(i == 0 ? "---|" : "---:|");
    }
    out.append('\n');
    for (String[] row : rows) {
      out.append("| ").append(String.join(" | ", row)).append(" |\n");
    }
  }

  /** The results as Markdown. */
  String markdown() {
    StringBuilder out = new StringBuilder("# Corkboard benchmark\n\n");
    meta.forEach((k, v) -> out.append("- ").append(k).append(": ").append(v).append('\n'));
    out.append("\n## Ceilings\n\n");
    ceilings(out, "- ");
    if (modes.size() == 1) {
      out.append("\n## Scenarios\n\n");
      markdownTable(out, HEADERS, rows(modes.getFirst()));
    } else {
      out.append("\n## Modes\n\n");
      markdownTable(out, comparisonHeaders(), comparisonRows());
      out.append(
          """

          req/s: capacity, closed loop; p50 / p99: latency in milliseconds at the open-loop rate.
          vs H / S / L: capacity / HTTP ceiling, / pgbench -S tps, / round-trip limit. The load
          generator spreads its connections round-robin over the nodes of a mode.
          """);
      for (Mode mode : modes) {
        out.append("\n## ").append(mode.title()).append("\n\n");
        markdownTable(out, HEADERS, rows(mode));
      }
    }
    out.append("\n");
    for (ScenarioResult s : modes.getFirst().scenarios()) {
      out.append("- `").append(s.name()).append("`: ").append(s.description()).append('\n');
    }
    out.append(
        """

        capacity/s: answers per second closed loop (as fast as the connections allow). rate/s and
        achieved/s: the fixed open-loop rate and what the server kept up with. Latencies are taken
        from each request's due time, so queueing behind a stall counts (no coordinated omission).
        vs HTTP: capacity / HTTP ceiling. vs DB: capacity / pgbench tps (-S for reads, -N for
        writes, their 95/5 harmonic mix for the mix). per server core/s: capacity over the cores the
        servers kept busy during the probe (their own CPU seconds from /metrics over its wall
        seconds), PostgreSQL's and the load generator's CPU not counted. Load generator, server
        and PostgreSQL share this machine's cores.
        """);
    return out.toString();
  }

  /** The results as JSON: every mode, and for a run of one server its scenarios at the top too. */
  ObjectNode json() {
    ObjectNode root = Json.object();
    ObjectNode metaNode = root.putObject("meta");
    meta.forEach(metaNode::put);
    ObjectNode ceilings = root.putObject("ceilings");
    httpCeiling().ifPresent(v -> ceilings.put("http_rps", v));
    roundTripLimit().ifPresent(v -> ceilings.put("round_trip_rps", v));
    pgbenchRead.ifPresent(m -> measurement(ceilings.putObject("pgbench_read"), m));
    pgbenchWrite.ifPresent(m -> measurement(ceilings.putObject("pgbench_write"), m));
    pgbenchNote.ifPresent(n -> ceilings.put("pgbench_note", n));
    if (modes.size() == 1) {
      root.set("scenarios", scenariosJson(modes.getFirst()));
    }
    ArrayNode list = root.putArray("modes");
    for (Mode mode : modes) {
      ObjectNode node = list.addObject().put("name", mode.name()).put("title", mode.title());
      node.set("scenarios", scenariosJson(mode));
    }
    return root;
  }

  private static void measurement(ObjectNode node, Pgbench.Measurement m) {
    node.put("mode", m.mode()).put("tps", m.tps()).put("latency_ms", m.latencyMs());
  }

  private ArrayNode scenariosJson(Mode mode) {
    ArrayNode list = Json.mapper().createArrayNode();
    for (ScenarioResult s : mode.scenarios()) {
      ObjectNode node = s.toJson();
      httpRatio(s).ifPresent(v -> node.put("ratio_http", v));
      databaseRatio(s).ifPresent(v -> node.put("ratio_db", v));
      readRatio(s).ifPresent(v -> node.put("ratio_read", v));
      roundTripRatio(s).ifPresent(v -> node.put("ratio_round_trip", v));
      list.add(node);
    }
    return list;
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
