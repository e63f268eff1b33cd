package dev.corkboard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corkboard.platform.db.ConnectionSettings;
import dev.corkboard.platform.db.Database;
import dev.corkboard.platform.json.Json;
import dev.corkboard.related.GraphBuilder;
import dev.corkboard.related.PinGraph;
import dev.corkboard.related.RelatedGraph;
import dev.corkboard.related.Walker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The related-pins figures beside the scenarios: the graph's build time and size (built again in
 * the benchmark's process from the seeded database), the walk's speed in steps per second on one
 * core against a plain loop over the same arrays as its ceiling, and the purity of related pins
 * over the seed's planted topics, asked of the running server.
 */
final class RelatedBench {

  private static final int WALKS = 200;
  private static final int PURITY_QUERIES = 200;
  private static final int TOP = 20;

  private RelatedBench() {}

  /**
   * Waits until the server's related-pins graph is built (its gauge says so in {@code /metrics}),
   * so the scenario measures walks, not the empty answers of a server still building; answers the
   * seconds waited.
   */
  static double awaitGraph(String baseUrl) throws IOException, InterruptedException {
    URI uri = URI.create(baseUrl);
    long start = System.nanoTime();
    while (true) {
      String metrics = ServerMetrics.scrape(uri.getHost(), uri.getPort());
      if (ServerMetrics.value(metrics, "corkboard_related_graph_ready").orElse(0) == 1) {
        return (System.nanoTime() - start) / 1e9;
      }
      if (System.nanoTime() - start > 30L * 60 * 1_000_000_000L) {
        throw new IOException("the related-pins graph was not built in 30 minutes");
      }
      Thread.sleep(200);
    }
  }

  /** The figures, as lines of the report's facts. */
  static Map<String, String> measure(
      ConnectionSettings database, String baseUrl, long[] publicPins, String token)
      throws IOException {
    Map<String, String> figures = new LinkedHashMap<>();
    PinGraph graph;
    try (Database db = Database.connect(database, 2, new SimpleMeterRegistry())) {
      graph = RelatedGraph.build(db, GraphBuilder.Pruning.defaults());
    }
    figures.put(
        "related graph",
        String.format(
            "%,d pins, %,d boards, %,d edges built in %.1f s (streamed from PostgreSQL in the"
                + " benchmark's process), %.1f bytes per edge",
            graph.pins(),
            graph.boards(),
            graph.edges(),
            graph.buildSeconds(),
            graph.bytesPerEdge()));
    figures.put("related walk", walkSpeed(graph));
    figures.put("related purity", purity(baseUrl, publicPins, token));
    return figures;
  }

  /**
   * Steps per second of {@value #WALKS} walks of the default budget from random pins, each after a
   * warm-up round, against the plain loop taking as many steps from the same pins.
   */
  private static String walkSpeed(PinGraph graph) {
    if (graph.edges() == 0) {
      return "no edges to walk";
    }
    SplittableRandom random = new SplittableRandom(17);
    int[] starts = new int[WALKS];
    for (int i = 0; i < WALKS; i++) {
      int pin;
      do {
        pin = random.nextInt(graph.pins());
      } while (graph.pinDegree(pin) == 0);
      starts[i] = pin;
    }
    Walker.Settings settings = Walker.Settings.defaults();
    Walker walker = new Walker(settings);
    long[] stepsOf = new long[WALKS];
    long checksum = 0;
    for (int round = 0; round < 2; round++) {
      long walkSteps = 0;
      long start = System.nanoTime();
      for (int i = 0; i < WALKS; i++) {
        Walker.Result result =
            walker.walk(
                graph, new int[] {starts[i]}, new double[] {1}, i, new int[0], new int[0], 500);
        stepsOf[i] = result.steps();
        walkSteps += result.steps();
      }
      double walkSeconds = (System.nanoTime() - start) / 1e9;
      start = System.nanoTime();
      for (int i = 0; i < WALKS; i++) {
        checksum += Walker.plainLoop(graph, starts[i], stepsOf[i], i + 1, settings.restart());
      }
      double loopSeconds = (System.nanoTime() - start) / 1e9;
      if (round == 1) {
        double walkRate = walkSteps / walkSeconds;
        double loopRate = walkSteps / loopSeconds;
        return String.format(
            "%,.0f steps/s on one core (%d walks from random pins, %,.0f steps each on average"
                + " after early stopping, counting and ranking included) against %,.0f steps/s of"
                + " a plain loop over the same arrays: %.2f of the ceiling (checksum %d)",
            walkRate,
            WALKS,
            (double) walkSteps / WALKS,
            loopRate,
            walkRate / loopRate,
            checksum & 0xFF);
      }
    }
    throw new IllegalStateException("unreachable");
  }

  /**
   * The share of the top {@value #TOP} related pins of {@value #PURITY_QUERIES} public pins whose
   * planted topic is the query pin's, through {@code GET /v5/pins/{id}/related?seed=}.
   */
  private static String purity(String baseUrl, long[] publicPins, String token) throws IOException {
    URI uri = URI.create(baseUrl);
    String host = uri.getHost();
    int port = uri.getPort();
    String hostHeader = host + ":" + port;
    SplittableRandom random = new SplittableRandom(23);
    long same = 0;
    long total = 0;
    int queries = 0;
    int empty = 0;
    try (HttpConnection connection = new HttpConnection(host, port)) {
      while (queries < PURITY_QUERIES) {
        long pin = publicPins[random.nextInt(publicPins.length)];
        JsonNode query = get(connection, "/v5/pins/" + pin, hostHeader, token);
        int topic = Seeder.topicOfTitle(query.path("title").asText(""));
        if (topic < 0) {
          continue;
        }
        queries++;
        JsonNode items =
            get(
                    connection,
                    "/v5/pins/" + pin + "/related?seed=" + queries + "&page_size=" + TOP,
                    hostHeader,
                    token)
                .path("items");
        if (items.isEmpty()) {
          empty++;
        }
        for (JsonNode item : items) {
          total++;
          if (Seeder.topicOfTitle(item.path("title").asText("")) == topic) {
            same++;
          }
        }
      }
    }
    return String.format(
        "%.3f of the top %d related pins share the query pin's planted topic (%,d pins from %d"
            + " random public pins, %d of which had none; %d topics, %.0f%% of saves within"
            + " their board's topic)",
        total == 0 ? 0 : (double) same / total,
        TOP,
        total,
        queries,
        empty,
        Seeder.NOUNS.length,
        Seeder.TOPIC_SAVES * 100);
  }

  private static JsonNode get(
      HttpConnection connection, String target, String hostHeader, String token)
      throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    int status = connection.exchange(HttpConnection.get(target, hostHeader, token), body);
    if (status != 200) {
      throw new IOException(target + " answered " + status);
    }
    return Json.parseTrusted(body.toByteArray());
  }
}
