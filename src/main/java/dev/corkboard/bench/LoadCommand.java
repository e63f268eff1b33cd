package dev.corkboard.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.corkboard.platform.json.Json;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code corkboard bench-load}: the load generator, run as its own process by {@code corkboard
 * bench} (or by hand against a running server). For each scenario: a closed-loop warm-up fills the
 * servers' caches with what the scenario reads (the mixed warm-up's moves clear them, and several
 * nodes each fill their own), a closed-loop probe finds the capacity, then a warm-up and a measured
 * open-loop run at a fixed rate (a share of that capacity, or {@code --rate}) record latency from
 * each request's due time.
 */
@Command(
    name = "bench-load",
    mixinStandardHelpOptions = true,
    description =
        "Drive open-loop HTTP load at a seeded server (the load-generator process of `corkboard"
            + " bench`); writes JSON results.")
public final class LoadCommand implements Callable<Integer> {

  @Option(
      names = "--url",
      required = true,
      split = ",",
      description =
          "Base URL of the server; several (comma-separated) share the connections round-robin.")
  List<String> urls;

  @Option(
      names = "--data-dir",
      defaultValue = "./bench-data",
      description =
          "Seeded data directory whose bench/manifest.json to use (default ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(
      names = "--scenarios",
      split = ",",
      description = "Scenarios to run (default: all): ${COMPLETION-CANDIDATES}",
      completionCandidates = ScenarioNames.class)
  List<String> scenarios;

  @Option(names = "--duration", defaultValue = "20", description = "Measured seconds per scenario.")
  int duration;

  @Option(
      names = "--warmup",
      defaultValue = "5",
      description =
          "Warm-up seconds per scenario, before its probe and again before it is measured.")
  int warmup;

  @Option(
      names = "--probe",
      defaultValue = "5",
      description = "Capacity-probe seconds per scenario.")
  int probe;

  @Option(
      names = "--jit-warmup",
      defaultValue = "10",
      description =
          "Seconds of closed-loop mixed load before the first scenario, so the server's JIT has"
              + " compiled every path (default ${DEFAULT-VALUE}).")
  int jitWarmup;

  @Option(
      names = "--load",
      defaultValue = "0.8",
      description = "Open-loop rate as a share of the probed capacity (default ${DEFAULT-VALUE}).")
  double load;

  @Option(
      names = "--rate",
      description =
          "Fixed open-loop rate in requests per second for every scenario (instead of --load).")
  Double rate;

  @Option(names = "--connections", defaultValue = "64", description = "Connections, open loop.")
  int connections;

  @Option(
      names = "--probe-connections",
      defaultValue = "32",
      description = "Connections of the closed-loop capacity probe.")
  int probeConnections;

  @Option(names = "--out", description = "Write the results as JSON to this file.")
  Path out;

  @Override
  public Integer call() throws Exception {
    List<LoadGenerator.Target> targets =
        urls.stream()
            .map(URI::create)
            .map(u -> new LoadGenerator.Target(u.getHost(), u.getPort() < 0 ? 80 : u.getPort()))
            .toList();
    // Requests name the first server in Host; the walk for deep bookmarks goes to it too.
    String host = targets.getFirst().host();
    int port = targets.getFirst().port();
    String url = String.join(",", urls);
    Path benchDir = dataDir.toAbsolutePath().resolve("bench");
    Manifest manifest = Manifest.read(benchDir);
    long[] publicPins = Manifest.readPublicPins(benchDir);
    List<String> names = scenarios == null || scenarios.isEmpty() ? Scenario.ALL : scenarios;
    List<Scenario> built = Scenario.build(names, manifest, publicPins, host, port);
    LoadGenerator generator = new LoadGenerator(targets);
    ArrayNode results = Json.mapper().createArrayNode();
    System.out.printf(
        "bench-load: %d scenarios against %s (probe %d s, warm-up %d s, measure %d s)%n",
        built.size(), url, probe, warmup, duration);
    if (jitWarmup > 0) {
      for (Scenario warm : Scenario.build(List.of("mix"), manifest, publicPins, host, port)) {
        generator.closedLoop(warm.source(), probeConnections, Duration.ofSeconds(jitWarmup));
      }
      System.out.printf("bench-load: server warmed up for %d s with mixed load%n", jitWarmup);
    }
    for (Scenario scenario : built) {
      int rounds = warmUp(generator, scenario, targets);
      if (rounds > 1) {
        System.out.printf(
            "bench-load: %s warmed up for %d s, until its answers per server core steadied%n",
            scenario.name(), rounds * warmup);
      }
      OptionalDouble cpuBefore = ServerMetrics.cpuSeconds(targets);
      LoadGenerator.Outcome probed =
          generator.closedLoop(scenario.source(), probeConnections, Duration.ofSeconds(probe));
      double coresAtCapacity =
          ServerMetrics.cores(cpuBefore, ServerMetrics.cpuSeconds(targets), probed.seconds());
      double capacity = probed.throughput();
      double target = rate != null ? rate : Math.max(1, Math.floor(capacity * load));
      generator.openLoop(scenario.source(), connections, target, Duration.ofSeconds(warmup));
      cpuBefore = ServerMetrics.cpuSeconds(targets);
      LoadGenerator.Outcome measured =
          generator.openLoop(scenario.source(), connections, target, Duration.ofSeconds(duration));
      double coresAtRate =
          ServerMetrics.cores(cpuBefore, ServerMetrics.cpuSeconds(targets), measured.seconds());
      ScenarioResult result =
          ScenarioResult.of(scenario, capacity, target, measured, coresAtCapacity, coresAtRate);
      // The jobs the scenario's writes left run before the next scenario starts, not during it.
      double background = ServerMetrics.awaitNoDueJobs(targets.getFirst());
      results.add(result.toJson().put("background_jobs_seconds", background));
      System.out.printf(
          "bench-load: %-17s capacity %,8.0f/s  at %,8.0f/s: %,8.0f/s  p50 %7.2f  p99 %7.2f"
              + "  p99.9 %7.2f ms  errors %d%s%s%s%n",
          scenario.name(),
          capacity,
          target,
          result.achievedRps(),
          result.p50Ms(),
          result.p99Ms(),
          result.p999Ms(),
          result.errors(),
          result.missed() > 0 ? "  missed " + result.missed() : "",
          background >= 0.5 ? String.format("  background jobs done %.1f s after", background) : "",
          Double.isNaN(coresAtCapacity) || Double.isNaN(coresAtRate)
              ? ""
              : String.format(
                  "  server cores %.2f at capacity (%,.0f/s per core), %.2f at the rate (%,.0f/s"
                      + " per core)",
                  coresAtCapacity,
                  result.capacityPerServerCore(),
                  coresAtRate,
                  result.achievedRps() / coresAtRate));
      System.out.flush();
    }
    if (out != null) {
      ObjectNode root = Json.object();
      root.put("url", url).put("duration_s", duration).put("warmup_s", warmup);
      root.put("probe_s", probe).put("connections", connections);
      root.put("probe_connections", probeConnections);
      if (rate != null) {
        root.put("rate", rate);
      } else {
        root.put("load", load);
      }
      root.set("scenarios", results);
      Files.write(out, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    }
    return 0;
  }

  /** The scenario names, for picocli's help. */
  static final class ScenarioNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return Scenario.ALL.iterator();
    }
  }

  /** The most rounds of closed-loop warm-up a scenario gets before its probe. */
  static final int MAX_WARMUP_ROUNDS = 8;

  /**
   * Warms the servers up for a scenario: rounds of {@code warmup} seconds of closed-loop load,
   * repeated while the answers per second of server CPU still rose by more than a tenth from one
   * round to the next (the servers' JIT still compiling the scenario's path, which the mixed
   * warm-up need not take), at most {@link #MAX_WARMUP_ROUNDS}. One round when the servers do not
   * report their CPU. Answers the rounds run.
   */
  private int warmUp(
      LoadGenerator generator, Scenario scenario, List<LoadGenerator.Target> targets) {
    double previous = Double.NaN;
    int rounds = 0;
    while (true) {
      OptionalDouble before = ServerMetrics.cpuSeconds(targets);
      LoadGenerator.Outcome round =
          generator.closedLoop(scenario.source(), probeConnections, Duration.ofSeconds(warmup));
      double cores =
          ServerMetrics.cores(before, ServerMetrics.cpuSeconds(targets), round.seconds());
      double perCore = round.throughput() / cores;
      rounds++;
      if (!stillWarming(previous, perCore, rounds)) {
        return rounds;
      }
      previous = perCore;
    }
  }

  /**
   * Whether a scenario's warm-up goes on after round {@code rounds}, which gave {@code perCore}
   * answers per second of server CPU after a round that gave {@code previous} (NaN after none): on
   * while the figure rose by more than a tenth, or after the first round, at most {@link
   * #MAX_WARMUP_ROUNDS} rounds, and never without a figure.
   */
  static boolean stillWarming(double previous, double perCore, int rounds) {
    if (rounds >= MAX_WARMUP_ROUNDS || Double.isNaN(perCore) || Double.isInfinite(perCore)) {
      return false;
    }
    return Double.isNaN(previous) || perCore > previous * 1.1;
  }
}
