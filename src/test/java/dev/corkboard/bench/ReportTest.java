package dev.corkboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReportTest {

  private static final Optional<Pgbench.Measurement> SELECTS =
      Optional.of(new Pgbench.Measurement("-S -M prepared -c 2", 40_000, 0.05));
  private static final Optional<Pgbench.Measurement> UPDATES =
      Optional.of(new Pgbench.Measurement("-N -M prepared -c 2", 2_000, 1.0));

  private static ScenarioResult result(String name, Scenario.Ceiling ceiling, double capacity) {
    return new ScenarioResult(
        name,
        ceiling,
        "what " + name + " does",
        capacity,
        capacity * 0.8,
        capacity * 0.8,
        1_000,
        0,
        0,
        1.25,
        2.5,
        9.75,
        20.5,
        31.0,
        Map.of("200", 1_000L),
        1.25,
        1.0);
  }

  private static Report report(
      Optional<Pgbench.Measurement> read, Optional<Pgbench.Measurement> write) {
    return Report.of(
        new LinkedHashMap<>(Map.of("started", "2026-11-25T00:00:00Z")),
        List.of(
            result("ceiling-http", Scenario.Ceiling.NONE, 10_000),
            result("pin-hot", Scenario.Ceiling.READ, 5_000),
            result("save", Scenario.Ceiling.WRITE, 500),
            result("mix", Scenario.Ceiling.MIX, 4_000)),
        read,
        write,
        read.isPresent() ? Optional.empty() : Optional.of("not found"));
  }

  @Test
  void ratiosDivideCapacityByTheMatchingCeiling() {
    Report report =
        report(
            Optional.of(new Pgbench.Measurement("-S", 40_000, 0.05)),
            Optional.of(new Pgbench.Measurement("-N", 2_000, 1.0)));

    assertThat(report.httpRatio(report.scenarios().get(1)).getAsDouble()).isEqualTo(0.5);
    assertThat(report.databaseRatio(report.scenarios().get(1)).getAsDouble()).isEqualTo(0.125);
    assertThat(report.databaseRatio(report.scenarios().get(2)).getAsDouble()).isEqualTo(0.25);
    // 95% at 40,000/s and 5% at 2,000/s: 1 / (0.95/40000 + 0.05/2000) = 20,512.8/s.
    assertThat(report.databaseCeiling(Scenario.Ceiling.MIX).getAsDouble())
        .isCloseTo(20_512.82, org.assertj.core.data.Offset.offset(0.01));
    assertThat(report.databaseRatio(report.scenarios().get(0))).isEmpty();
  }

  @Test
  void tableAndMarkdownShowEveryScenarioWithItsRatios() {
    Report report = report(SELECTS, UPDATES);

    String table = report.table();
    assertThat(table).contains("HTTP ceiling (GET /bench/ceiling, same server): 10,000 req/s");
    assertThat(table).contains("pgbench -S -M prepared -c 2: 40,000 tps");
    assertThat(table.lines().filter(l -> l.startsWith("pin-hot")).findFirst().orElseThrow())
        .contains("5,000", "4,000", "1.25", "9.75", "20.50", "0.50", "0.13 (-S)");
    String markdown = report.markdown();
    assertThat(markdown).contains("| save | 500 | 400 | 400 |");
    assertThat(markdown).contains("- `mix`: what mix does");
    // 5,000 answers a second while the server kept 1.25 cores busy.
    assertThat(markdown).contains("| 4,000 (1.25 cores) |");
    assertThat(report.json().path("scenarios").get(1).path("ratio_http").asDouble()).isEqualTo(0.5);
  }

  @Test
  void missingPgbenchLeavesTheDatabaseRatiosOutAndSaysWhy() {
    Report report = report(Optional.empty(), Optional.empty());

    assertThat(report.table()).contains("pgbench: not found");
    assertThat(report.databaseRatio(report.scenarios().get(1))).isEmpty();
    assertThat(report.json().path("ceilings").path("pgbench_note").asText()).isEqualTo("not found");
  }

  @Test
  void aRunOfOneServerKeepsItsScenariosAtTheTopOfTheJsonAndShowsTheRoundTripLimit() {
    Report report = report(SELECTS, UPDATES);

    // L = H·S/(H+S) = 10,000 · 40,000 / 50,000.
    assertThat(report.roundTripLimit().getAsDouble()).isEqualTo(8_000);
    assertThat(report.table()).contains("round-trip limit L = H·S/(H+S): 8,000 req/s");
    assertThat(report.json().path("scenarios")).hasSize(4);
    assertThat(report.json().path("modes")).hasSize(1);
    assertThat(report.json().path("ceilings").path("round_trip_rps").asDouble()).isEqualTo(8_000);
  }

  private static Report.Mode mode(String title, double ceiling, double pinHot) {
    List<ScenarioResult> scenarios =
        pinHot > 0
            ? List.of(
                result("ceiling-http", Scenario.Ceiling.NONE, ceiling),
                result("pin-hot", Scenario.Ceiling.READ, pinHot))
            : List.of(result("ceiling-http", Scenario.Ceiling.NONE, ceiling));
    return new Report.Mode(title.replace(' ', '-'), title, scenarios);
  }

  @Test
  void modesAreColumnsOfEveryScenarioWithRatiosToTheFirstModesHttpCeilingPgbenchAndTheLimit() {
    Report report =
        new Report(
            new LinkedHashMap<>(Map.of("started", "2026-11-25T00:00:00Z")),
            List.of(
                mode("1 node, read cache on", 10_000, 4_000),
                mode("1 node, read cache off", 9_000, 2_000),
                mode("3 nodes, read cache off", 8_000, 0)),
            SELECTS,
            UPDATES,
            Optional.empty());

    assertThat(report.httpCeiling().getAsDouble()).as("H of the first mode").isEqualTo(10_000);
    String table = report.table();
    assertThat(table)
        .contains("HTTP ceiling H (GET /bench/ceiling, 1 node, read cache on): 10,000 req/s");
    String pinHot = table.lines().filter(l -> l.startsWith("pin-hot")).findFirst().orElseThrow();
    assertThat(pinHot)
        .contains("4,000 (1.25 / 9.75)", "0.40 / 0.10 / 0.50")
        .contains("2,000 (1.25 / 9.75)", "0.20 / 0.05 / 0.25")
        .endsWith("-");
    String ceiling =
        table.lines().filter(l -> l.startsWith("ceiling-http")).findFirst().orElseThrow();
    assertThat(ceiling).contains("8,000 (1.25 / 9.75)", "0.80 / 0.20 / 1.00");
    assertThat(table).contains("\n3 nodes, read cache off:\n");

    String markdown = report.markdown();
    assertThat(markdown)
        .contains(
            "| scenario | 1 node, read cache on: req/s (p50 / p99 ms) | vs H / S / L |"
                + " 1 node, read cache off: req/s (p50 / p99 ms) |")
        .contains("## 3 nodes, read cache off")
        .contains("| pin-hot | 2,000 | 1,600 | 1,600 |");
    var json = report.json();
    assertThat(json.has("scenarios")).as("only a run of one server has them at the top").isFalse();
    assertThat(json.path("modes")).hasSize(3);
    assertThat(json.path("modes").get(1).path("title").asText())
        .isEqualTo("1 node, read cache off");
    assertThat(
            json.path("modes").get(1).path("scenarios").get(1).path("ratio_round_trip").asDouble())
        .isEqualTo(0.25);
    assertThat(json.path("modes").get(2).path("scenarios").get(0).path("ratio_http").asDouble())
        .isEqualTo(0.8);
  }
}
