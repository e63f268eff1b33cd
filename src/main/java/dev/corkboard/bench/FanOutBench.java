package dev.corkboard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.corkboard.feed.FeedFanOut;
import dev.corkboard.platform.db.ConnectionSettings;
import dev.corkboard.platform.db.Database;
import dev.corkboard.platform.json.Json;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * The figures of saves by the seed's most followed accounts beside the scenarios: how fast such a
 * save answers against an ordinary one, and how fast its fan-out then writes an entry to every
 * follower's home feed, from the job table. Asked of servers whose follower threshold lies above
 * those accounts' followers, so that their pins are fanned out; servers that merge them into feeds
 * when read instead write no entries, and the figures say so.
 */
final class FanOutBench {

  /** The ordinary saves that warm the path up, and those measured before any fan-out. */
  static final int WARMUP_SAVES = 50;

  static final int QUIET_SAVES = 200;

  /** The saves by popular accounts in a row after the first, each followed by ordinary ones. */
  static final int POPULAR_SAVES = 10;

  static final int ORDINARY_BETWEEN = 2;

  /** How often the server is asked whether jobs are due. */
  static final long POLL_MILLIS = 20;

  private static final String FAILED_FAN_OUTS =
      "SELECT count(*) FROM jobs WHERE kind = '" + FeedFanOut.KIND + "' AND state = 'failed'";

  private final Database db;
  private final HttpConnection connection;
  private final LoadGenerator.Target server;
  private final String hostHeader;
  private final long[] hotPins;
  private final SplittableRandom random = new SplittableRandom(31);
  private final PrintStream out;

  private FanOutBench(
      Database db,
      HttpConnection connection,
      LoadGenerator.Target server,
      long[] hotPins,
      PrintStream out) {
    this.db = db;
    this.connection = connection;
    this.server = server;
    this.hostHeader = server.host() + ":" + server.port();
    this.hotPins = hotPins;
    this.out = out;
  }

  /** One save: how long it took to answer and the new pin. */
  private record Save(long nanos, long pinId) {}

  /**
   * The figures, as lines of the report's facts, of saves through the server at {@code baseUrl}
   * onto the boards of {@code manifest}'s accounts, with {@code database} (the servers') to see
   * when the fan-out jobs are done and what they wrote.
   */
  static Map<String, String> measure(
      ConnectionSettings database, String baseUrl, Manifest manifest, PrintStream out)
      throws IOException, InterruptedException {
    Map<String, String> figures = new LinkedHashMap<>();
    List<Manifest.User> popular =
        manifest.popular().stream().filter(u -> u.boards().length > 0).toList();
    List<Long> popularIds = popular.stream().map(Manifest.User::accountId).toList();
    List<Manifest.User> ordinary =
        manifest.users().stream()
            .filter(u -> u.boards().length > 0 && !popularIds.contains(u.accountId()))
            .toList();
    if (popular.isEmpty() || ordinary.isEmpty() || manifest.hotPins().length == 0) {
      figures.put("fan-out", "not measured: the seed has no popular account with a public board");
      return figures;
    }
    URI uri = URI.create(baseUrl);
    try (Database db = Database.connect(database, 2, new SimpleMeterRegistry());
        HttpConnection connection = new HttpConnection(uri.getHost(), uri.getPort())) {
      FanOutBench bench =
          new FanOutBench(
              db,
              connection,
              new LoadGenerator.Target(uri.getHost(), uri.getPort()),
              manifest.hotPins(),
              out);
      bench.run(popular, ordinary, figures);
    }
    return figures;
  }

  private void run(
      List<Manifest.User> popular, List<Manifest.User> ordinary, Map<String, String> figures)
      throws IOException, InterruptedException {
    Map<Long, Long> followers =
        db
            .list(
                "SELECT id, follower_count FROM accounts WHERE id = ANY($1::bigint[])",
                r -> Map.entry(r.getLong(0), r.getLong(1)),
                (Object) popular.stream().map(Manifest.User::accountId).toArray(Long[]::new))
            .stream()
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    long failedBefore = count(FAILED_FAN_OUTS);
    for (int i = 0; i < WARMUP_SAVES; i++) {
      save(ordinary.get(i % ordinary.size()));
    }
    long[] quiet = new long[QUIET_SAVES];
    for (int i = 0; i < QUIET_SAVES; i++) {
      quiet[i] = save(ordinary.get(i % ordinary.size())).nanos();
    }
    drain();

    // One save alone: its fan-out from the moment it answered until no fan-out job is left.
    Manifest.User first = popular.getFirst();
    Save alone = save(first);
    long answered = System.nanoTime();
    double aloneSeconds = drain() - answered / 1e9;
    long aloneEntries = entries(List.of(alone.pinId()));
    out.printf(
        "bench: fan-out of one save by an account of %,d followers: %,d entries in %.1f s%n",
        followers.getOrDefault(first.accountId(), 0L), aloneEntries, aloneSeconds);

    // Saves in a row, ordinary saves between them, while the fan-outs run.
    long[] popularNanos = new long[POPULAR_SAVES + 1];
    popularNanos[0] = alone.nanos();
    long[] during = new long[POPULAR_SAVES * ORDINARY_BETWEEN];
    List<Long> popularPins = new ArrayList<>();
    long rowStart = 0;
    for (int i = 0; i < POPULAR_SAVES; i++) {
      Save s = save(popular.get((i + 1) % popular.size()));
      if (i == 0) {
        rowStart = System.nanoTime();
      }
      popularNanos[i + 1] = s.nanos();
      popularPins.add(s.pinId());
      for (int j = 0; j < ORDINARY_BETWEEN; j++) {
        during[i * ORDINARY_BETWEEN + j] =
            save(ordinary.get(random.nextInt(ordinary.size()))).nanos();
      }
    }
    double rowSeconds = drain() - rowStart / 1e9;
    long rowEntries = entries(popularPins);
    long failed = count(FAILED_FAN_OUTS) - failedBefore;

    double quietP50 = p50(quiet);
    double popularP50 = p50(popularNanos);
    String counts =
        popular.stream()
            .map(u -> String.format("%,d", followers.getOrDefault(u.accountId(), 0L)))
            .distinct()
            .collect(Collectors.joining(" or "));
    figures.put(
        "fan-out save",
        String.format(
            "p50 %.2f ms of %d saves by accounts of %s followers against p50 %.2f ms of %d"
                + " ordinary saves before them: %.2fx; ordinary saves made while the fan-outs ran:"
                + " p50 %.2f ms of %d (sequential POST /v5/pins/{id}/save, one connection)",
            popularP50 / 1e6,
            popularNanos.length,
            counts,
            quietP50 / 1e6,
            QUIET_SAVES,
            popularP50 / quietP50,
            p50(during) / 1e6,
            during.length));
    if (aloneEntries == 0 && rowEntries == 0) {
      figures.put(
          "fan-out",
          "no feed entries written: the servers merge these accounts' pins into feeds when read"
              + " (their follower threshold is at or below the accounts' followers)");
      return;
    }
    figures.put(
        "fan-out",
        String.format(
            "one save: %,d feed entries written in %.1f s after it answered, %,.0f entries/s;"
                + " %d saves in a row: %,d entries in %.1f s, %,.0f entries/s; %d fan-out jobs"
                + " failed (from the job table, followers in batches, a job per 10 batches)",
            aloneEntries,
            aloneSeconds,
            aloneEntries / aloneSeconds,
            POPULAR_SAVES,
            rowEntries,
            rowSeconds,
            rowEntries / rowSeconds,
            failed));
  }

  /** Saves a hot pin onto one of {@code user}'s boards; answers how long that took. */
  private Save save(Manifest.User user) throws IOException {
    long board = user.boards()[random.nextInt(user.boards().length)];
    long pin = hotPins[random.nextInt(hotPins.length)];
    byte[] request =
        HttpConnection.send(
            "POST",
            "/v5/pins/" + pin + "/save",
            hostHeader,
            user.token(),
            ("{\"board_id\":\"" + board + "\"}").getBytes(StandardCharsets.US_ASCII));
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    long start = System.nanoTime();
    int status = connection.exchange(request, body);
    long nanos = System.nanoTime() - start;
    if (status != 201 && status != 200) {
      throw new IOException(
          "a save answered " + status + ": " + body.toString(StandardCharsets.UTF_8));
    }
    JsonNode saved = Json.parseTrusted(body.toByteArray());
    return new Save(nanos, Long.parseLong(saved.path("id").asText()));
  }

  /**
   * Waits until the server's {@code jobs_due} reads 0 (polled every {@value #POLL_MILLIS} ms);
   * answers when that was seen, in seconds.
   */
  private double drain() throws IOException, InterruptedException {
    if (Double.isNaN(ServerMetrics.awaitNoDueJobs(server, POLL_MILLIS))) {
      throw new IOException("the server does not say how many jobs are due (jobs_due)");
    }
    return System.nanoTime() / 1e9;
  }

  private long count(String sql) {
    return db.one(sql, r -> r.getLong(0)).orElse(0L);
  }

  /** The feed entries of these pins, in every feed. */
  private long entries(List<Long> pins) {
    return db.one(
            "SELECT count(*) FROM feed_entries WHERE pin_id = ANY($1::bigint[])",
            r -> r.getLong(0),
            (Object) pins.toArray(Long[]::new))
        .orElse(0L);
  }

  private static double p50(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted.length % 2 == 1
        ? sorted[sorted.length / 2]
        : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2.0;
  }
}
