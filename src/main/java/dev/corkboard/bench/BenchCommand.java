package dev.corkboard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corkboard.Application;
import dev.corkboard.platform.config.DataDirectory;
import dev.corkboard.platform.config.RateLimits;
import dev.corkboard.platform.config.ServerConfig;
import dev.corkboard.platform.db.ConnectionSettings;
import dev.corkboard.platform.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code corkboard bench}: seeds the data directory if it is empty, starts a server on it (or uses
 * {@code --url}), measures the ceilings (pgbench -S and -N on the same PostgreSQL; the HTTP ceiling
 * route) and every scenario from a separate load-generator process, then prints and writes the
 * report.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Seed (if needed), start a server, measure ceilings and scenarios, and report each"
            + " scenario as a ratio to its ceiling. --quick takes a few minutes.")
public final class BenchCommand implements Callable<Integer> {

  @Option(
      names = "--data-dir",
      defaultValue = "./bench-data",
      description =
          "Data directory of the benchmark; seeded when empty (default ${DEFAULT-VALUE}, or"
              + " ./bench-data-quick with --quick).")
  Path dataDir;

  @Option(
      names = "--quick",
      description =
          "A few minutes in all: 100,000 pins, 3 s probe, 1 s warm-up, 5 s measured per scenario.")
  boolean quick;

  @Option(
      names = "--pins",
      description = "Pins to seed into an empty data directory (default 1,000,000; 100,000 quick).")
  Integer pins;

  @Option(
      names = "--duration",
      description = "Measured seconds per scenario (default 20; 5 quick).")
  Integer duration;

  @Option(
      names = "--warmup",
      description =
          "Warm-up seconds per scenario, before its probe and again before it is measured"
              + " (default 5; 1 quick).")
  Integer warmup;

  @Option(
      names = "--probe",
      description = "Capacity-probe seconds per scenario (default 5; 3 quick).")
  Integer probe;

  @Option(
      names = "--load",
      defaultValue = "0.8",
      description =
          "Open-loop rate as a share of each scenario's capacity (default ${DEFAULT-VALUE}).")
  double load;

  @Option(names = "--rate", description = "Fixed open-loop rate (requests/s) for every scenario.")
  Double rate;

  @Option(
      names = "--connections",
      defaultValue = "64",
      description = "Open-loop connections (default ${DEFAULT-VALUE}).")
  int connections;

  @Option(
      names = "--scenarios",
      split = ",",
      description =
          "Scenarios to run (default: all): ${COMPLETION-CANDIDATES}. fan-out: saves by the"
              + " seed's most followed accounts and their fan-out, on servers of their own that"
              + " fan those accounts' pins out.",
      completionCandidates = BenchCommand.ScenarioNames.class)
  List<String> scenarios;

  @Option(
      names = "--url",
      description =
          "Benchmark an already running server at this URL instead of starting one; --data-dir"
              + " must be the one it was seeded into.")
  String url;

  @Option(
      names = "--database-url",
      defaultValue = "${env:CORKBOARD_DATABASE_URL}",
      description = "External PostgreSQL (for the server, the seed and pgbench).")
  String databaseUrl;

  @Option(
      names = "--pgbench",
      description = "pgbench executable (default: found on PATH or in /usr/lib/postgresql).")
  Path pgbench;

  @Option(
      names = "--pgbench-seconds",
      description = "Seconds per pgbench run (default 15; 5 quick).")
  Integer pgbenchSeconds;

  @Option(names = "--pgbench-scale", description = "pgbench scale factor (default 10; 2 quick).")
  Integer pgbenchScale;

  @Option(
      names = "--results-dir",
      defaultValue = "./bench-results",
      description = "Where each run writes a timestamped directory (default ${DEFAULT-VALUE}).")
  Path resultsDir;

  @Option(
      names = "--nodes",
      description =
          "Measure the production shape too: every scenario on one node with the read cache, one"
              + " without, and on N nodes (2 to 8), each a `serve` process on one standalone"
              + " PostgreSQL of the data directory, with the load spread over the nodes.")
  Integer nodes;

  /**
   * How the servers run while the scenarios are measured with {@code --nodes}: a column each.
   *
   * @param name a short name, for the JSON and the load generator's file
   * @param title what runs, for the report
   * @param count how many nodes
   * @param readCache whether they keep read caches
   */
  record Mode(String name, String title, int count, boolean readCache) {

    /** One node with the read cache, one without, and {@code nodes} nodes with it. */
    static List<Mode> compared(int nodes) {
      return List.of(of(1, true), of(1, false), of(nodes, true));
    }

    private static Mode of(int count, boolean readCache) {
      String cache = readCache ? "on" : "off";
      return new Mode(
          count + (count == 1 ? "-node" : "-nodes") + "-cache-" + cache,
          count + (count == 1 ? " node" : " nodes") + ", read cache " + cache,
          count,
          readCache);
    }
  }

  /** The database ceilings measured with pgbench, or why they were not. */
  private record DatabaseCeilings(
      Optional<Pgbench.Measurement> read,
      Optional<Pgbench.Measurement> write,
      Optional<String> note) {}

  private int measureSeconds;
  private int warmupSeconds;
  private int probeSeconds;

  @Override
  public Integer call() throws Exception {
    if (quick && dataDir.equals(Path.of("./bench-data"))) {
      dataDir = Path.of("./bench-data-quick");
    }
    int seedPins = pins != null ? pins : quick ? 100_000 : 1_000_000;
    measureSeconds = duration != null ? duration : quick ? 5 : 20;
    warmupSeconds = warmup != null ? warmup : quick ? 1 : 5;
    probeSeconds = probe != null ? probe : quick ? 3 : 5;
    int pgSeconds = pgbenchSeconds != null ? pgbenchSeconds : quick ? 5 : 15;
    int pgScale = pgbenchScale != null ? pgbenchScale : quick ? 2 : 10;
    Optional<String> external = Optional.ofNullable(databaseUrl).filter(s -> !s.isBlank());
    if (nodes != null) {
      if (nodes < 2 || nodes > 8) {
        throw new IllegalArgumentException("--nodes must be 2 to 8, not " + nodes);
      }
      if (url != null || external.isPresent()) {
        throw new IllegalArgumentException(
            "--nodes starts its own PostgreSQL and servers: give neither --url nor"
                + " --database-url");
      }
    }
    String started = Instant.now().toString();
    String loadBefore = loadAverage();

    ServerConfig config =
        new ServerConfig(
                "127.0.0.1",
                0,
                dataDir,
                external,
                true,
                8,
                Optional.empty(),
                List.of(),
                Duration.ofMinutes(2),
                ServerConfig.ReadCacheMode.ON,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                ServerConfig.Feed.defaults().withMergeAbove(Seeder.FEED_MERGE_ABOVE),
                // The benchmark measures the server, not its limits.
                RateLimits.off(),
                ServerConfig.Related.defaults())
            .withStorageFrom(System.getenv());
    if (url == null
        && !SeedCommand.seed(
            config, SeedCommand.settings(seedPins, null, null, null), System.out)) {
      return 1;
    }
    Manifest manifest = Manifest.read(dataDir.toAbsolutePath().resolve("bench"));
    Path runDir = runDir();
    List<String> names = scenarioNames();
    if (nodes != null) {
      return compareModes(config, manifest, runDir, names, pgScale, pgSeconds, started, loadBefore);
    }

    Application app = null;
    try {
      String target;
      Optional<ConnectionSettings> database;
      if (url == null) {
        app = Application.start(config);
        target = app.baseUrl();
        database = Optional.of(app.databaseSettings());
        System.out.println("bench: server listening on " + target);
      } else {
        target = url;
        database = external.map(ConnectionSettings::fromUrl);
      }
      // Ceilings of the database first, while no HTTP load runs.
      DatabaseCeilings ceilings = measureDatabase(database, pgScale, pgSeconds);
      double graphWait = RelatedBench.awaitGraph(target);
      System.out.printf("bench: related-pins graph ready (waited %.1f s)%n", graphWait);
      Optional<List<ScenarioResult>> results =
          load(List.of(target), names, runDir.resolve("load.json"));
      if (results.isEmpty()) {
        return 1;
      }
      String server = target + (url == null ? " (started by bench, 8 database connections)" : "");
      Map<String, String> facts = meta(started, manifest, server, loadBefore);
      if (database.isPresent()) {
        facts.putAll(
            RelatedBench.measure(
                database.get(),
                target,
                Manifest.readPublicPins(dataDir.toAbsolutePath().resolve("bench")),
                manifest.users().getFirst().token()));
      }
      if (fanOut() && database.isPresent()) {
        if (app != null) {
          // A server of its own, that fans the most followed accounts' pins out.
          app.close();
          app = null;
          app = Application.start(config.withFeed(fanningOut(config.feed())));
          target = app.baseUrl();
          // Its embedded PostgreSQL started again, on a port of its own.
          database = Optional.of(app.databaseSettings());
          System.out.println("bench: fan-out server listening on " + target);
          // Measured once it has built its related-pins graph, which takes both cores a while.
          RelatedBench.awaitGraph(target);
        }
        facts.putAll(FanOutBench.measure(database.get(), target, manifest, System.out));
      }
      Report report =
          Report.of(facts, results.get(), ceilings.read(), ceilings.write(), ceilings.note());
      publish(report, runDir);
      return 0;
    } finally {
      if (app != null) {
        app.close();
      }
    }
  }

  /**
   * The run of {@code --nodes}: a standalone PostgreSQL on the seeded data directory's cluster,
   * pgbench against it, then for each mode its nodes (separate {@code serve} processes sharing the
   * seed's blob directory) under the load of every scenario, stopped before the next mode starts.
   */
  private int compareModes(
      ServerConfig config,
      Manifest manifest,
      Path runDir,
      List<String> names,
      int pgScale,
      int pgSeconds,
      String started,
      String loadBefore)
      throws Exception {
    Path root = config.dataDir();
    LocalCluster.Settings settings =
        new LocalCluster.Settings(
            root.resolve("postgres"),
            config.blobDirectory(),
            root.resolve("cluster"),
            config.sharedBuffers(),
            List.of());
    List<Report.Mode> measured = new ArrayList<>();
    Map<String, String> fanOutFigures = Map.of();
    DatabaseCeilings ceilings;
    // The data directory stays locked, so that no other server starts on its PostgreSQL.
    try (DataDirectory _ = DataDirectory.open(root);
        LocalCluster cluster = LocalCluster.start(settings)) {
      System.out.println("bench: PostgreSQL of " + root + " at " + cluster.databaseUrl());
      ceilings = measureDatabase(Optional.of(cluster.database()), pgScale, pgSeconds);
      for (Mode mode : Mode.compared(nodes)) {
        List<LocalCluster.Node> running =
            cluster.startNodes(
                mode.count(),
                List.of("--read-cache", mode.readCache() ? "on" : "off", "--db-pool-size", "8"));
        List<String> targets = running.stream().map(LocalCluster.Node::baseUrl).toList();
        System.out.println("bench: " + mode.title() + " at " + String.join(", ", targets));
        Optional<List<ScenarioResult>> results;
        try {
          results = load(targets, names, runDir.resolve("load-" + mode.name() + ".json"));
        } finally {
          running.forEach(LocalCluster.Node::stop);
        }
        if (results.isEmpty()) {
          return 1;
        }
        measured.add(new Report.Mode(mode.name(), mode.title(), results.get()));
      }
      if (fanOut()) {
        List<LocalCluster.Node> running =
            cluster.startNodes(
                nodes,
                List.of(
                    "--db-pool-size",
                    "8",
                    "--feed-merge-above",
                    Integer.toString(fanningOut(config.feed()).mergeAbove())));
        try {
          for (LocalCluster.Node node : running) {
            RelatedBench.awaitGraph(node.baseUrl());
          }
          System.out.println(
              "bench: fan-out on "
                  + nodes
                  + " nodes, saves through "
                  + running.getFirst().baseUrl());
          fanOutFigures =
              FanOutBench.measure(
                  cluster.database(), running.getFirst().baseUrl(), manifest, System.out);
        } finally {
          running.forEach(LocalCluster.Node::stop);
        }
      }
    }
    String server =
        String.format(
            "modes: %s. Each node a separate serve process (default JVM options) on one"
                + " standalone PostgreSQL of the data directory, 8 database connections each, media"
                + " bytes in one shared blob directory; the load generator spreads its connections"
                + " round-robin over a mode's nodes",
            String.join("; ", Mode.compared(nodes).stream().map(Mode::title).toList()));
    Map<String, String> facts = meta(started, manifest, server, loadBefore);
    facts.putAll(fanOutFigures);
    publish(
        new Report(facts, measured, ceilings.read(), ceilings.write(), ceilings.note()), runDir);
    return 0;
  }

  /** pgbench -S and -N on the database, if pgbench is installed and there is a database. */
  private DatabaseCeilings measureDatabase(
      Optional<ConnectionSettings> database, int pgScale, int pgSeconds)
      throws InterruptedException {
    Optional<Pgbench.Measurement> read = Optional.empty();
    Optional<Pgbench.Measurement> write = Optional.empty();
    Optional<String> note = Optional.empty();
    Optional<Path> executable = Pgbench.find(Optional.ofNullable(pgbench));
    if (executable.isEmpty()) {
      note = Optional.of("not found (install PostgreSQL's client tools); DB ratios skipped");
    } else if (database.isEmpty()) {
      note = Optional.of("no database to run against (give --database-url with --url)");
    } else {
      try {
        Pgbench bench = Pgbench.on(executable.get(), database.get(), System.out);
        bench.prepare(pgScale);
        read = Optional.of(bench.measure("-S", pgSeconds));
        write = Optional.of(bench.measure("-N", pgSeconds));
      } catch (IOException | java.sql.SQLException e) {
        String message = Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName());
        note = Optional.of("failed: " + message.lines().findFirst().orElse(""));
      }
    }
    if (note.isPresent()) {
      System.out.println("bench: pgbench " + note.get());
    }
    return new DatabaseCeilings(read, write, note);
  }

  private Path runDir() throws IOException {
    String stamp =
        DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC)
            .format(Instant.now());
    return Files.createDirectories(resultsDir.toAbsolutePath().resolve(stamp));
  }

  /**
   * The scenarios asked for, the HTTP ceiling always first, without {@value #FAN_OUT} (measured
   * apart, by {@link FanOutBench}).
   */
  private List<String> scenarioNames() {
    List<String> names =
        new ArrayList<>(scenarios == null || scenarios.isEmpty() ? Scenario.ALL : scenarios);
    names.remove(FAN_OUT);
    if (!names.contains("ceiling-http")) {
      names.addFirst("ceiling-http");
    }
    return names;
  }

  /** The load generator's scenarios and {@value #FAN_OUT}. */
  static final class ScenarioNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      List<String> names = new ArrayList<>(Scenario.ALL);
      names.add(FAN_OUT);
      return names.iterator();
    }
  }

  /** The name that asks for the fan-out figures in {@code --scenarios}. */
  static final String FAN_OUT = "fan-out";

  /** Whether the fan-out figures are asked for: with every scenario, or by name. */
  private boolean fanOut() {
    return scenarios == null || scenarios.isEmpty() || scenarios.contains(FAN_OUT);
  }

  /**
   * The feed settings of the servers that measure the fan-out: {@code feed}'s, with a follower
   * threshold no account reaches, so that the most followed accounts' pins are written to every
   * follower's feed.
   */
  private static ServerConfig.Feed fanningOut(ServerConfig.Feed feed) {
    return feed.withMergeAbove(Integer.MAX_VALUE);
  }

  /** Every scenario from the load generator against the servers; empty if it failed. */
  private Optional<List<ScenarioResult>> load(List<String> targets, List<String> names, Path out)
      throws IOException, InterruptedException {
    int exit = runLoad(targets, names, out);
    if (exit != 0) {
      System.out.println("bench: the load generator failed (exit " + exit + ")");
      return Optional.empty();
    }
    List<ScenarioResult> results = new ArrayList<>();
    JsonNode loaded = Json.parseTrusted(Files.readAllBytes(out));
    loaded.path("scenarios").forEach(n -> results.add(ScenarioResult.fromJson(n)));
    return Optional.of(results);
  }

  private Map<String, String> meta(
      String started, Manifest manifest, String server, String loadBefore) {
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("started", started);
    meta.put(
        "data",
        String.format(
            "%,d accounts, %,d boards, %,d pins (seeded %s at %,.0f rows/s)",
            manifest.accounts(),
            manifest.boards(),
            manifest.pins(),
            manifest.seededAt(),
            manifest.seedRowsPerSecond()));
    meta.put("server", server);
    meta.put(
        "load",
        String.format(
            "separate JVM, %d connections open loop at %s, %d s measured after %d s warm-up"
                + " (times the nodes of a mode); capacity probe %d s closed loop on 32 connections,"
                + " after closed-loop warm-up rounds as long as that warm-up, repeated while the"
                + " answers per second of server CPU still rose by a tenth (at most 8); server JIT"
                + " warmed by mixed load first",
            connections,
            rate != null
                ? String.format("%.0f req/s", rate)
                : String.format("%.0f%% of capacity", load * 100),
            measureSeconds,
            warmupSeconds,
            probeSeconds));
    meta.put(
        "machine",
        Runtime.getRuntime().availableProcessors()
            + " cores, Java "
            + Runtime.version()
            + ", load average before "
            + loadBefore
            + ", after "
            + loadAverage());
    return meta;
  }

  private static void publish(Report report, Path runDir) throws IOException {
    report.write(runDir);
    System.out.println();
    System.out.print(report.table());
    System.out.println();
    System.out.println("bench: results in " + runDir);
  }

  /** Runs {@code corkboard bench-load} as a child JVM on the same class path, bounded in time. */
  private int runLoad(List<String> targets, List<String> names, Path out)
      throws IOException, InterruptedException {
    // Each of several servers gets as much warm-up load as one server alone: of the mixed load,
    // and of each scenario, whose warm-up also compiles the paths the mixed load does not take (a
    // reorder's).
    int scenarioWarmup = warmupSeconds * targets.size();
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "--sun-misc-unsafe-memory-access=allow",
                "--enable-native-access=ALL-UNNAMED",
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.corkboard.Main",
                "bench-load",
                "--url",
                String.join(",", targets),
                "--data-dir",
                dataDir.toAbsolutePath().toString(),
                "--scenarios",
                String.join(",", names),
                "--duration",
                Integer.toString(measureSeconds),
                "--warmup",
                Integer.toString(scenarioWarmup),
                "--probe",
                Integer.toString(probeSeconds),
                "--jit-warmup",
                Integer.toString((quick ? 5 : 15) * targets.size()),
                "--connections",
                Integer.toString(connections),
                "--out",
                out.toString()));
    if (rate != null) {
      command.addAll(List.of("--rate", Double.toString(rate)));
    } else {
      command.addAll(List.of("--load", Double.toString(load)));
    }
    Process process = new ProcessBuilder(command).inheritIO().start();
    // Each scenario: its warm-up rounds, probe, open-loop warm-up and measure, with a quarter more
    // for a lagging server, and a minute for the background jobs its writes left; and the JIT
    // warm-up before them.
    long bound =
        names.size()
                * (probeSeconds
                    + (LoadCommand.MAX_WARMUP_ROUNDS + 1L) * scenarioWarmup
                    + measureSeconds * 5L / 4
                    + 70)
            + 15L * targets.size()
            + 120;
    if (!process.waitFor(bound, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("the load generator did not finish in " + bound + " s");
    }
    return process.exitValue();
  }

  private static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
