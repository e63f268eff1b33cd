package dev.corkboard.related;

import dev.corkboard.platform.db.Database;
import dev.corkboard.platform.db.Sql;
import dev.corkboard.platform.id.Ids;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This server's copy of the related-pins graph: built in the background at start-up by a streaming
 * read of PostgreSQL (requests are answered with empty lists until it is ready), kept current by
 * reading the pins made since the last poll every {@code poll} (each server on a database polls for
 * itself, so every node's graph follows every node's writes), and rebuilt every {@code rebuild}
 * beside the graph that serves, which the new one then replaces in one reference swap.
 *
 * <p>Polling sees new pins and saves. A pin deleted or moved leaves its old edge until the next
 * rebuild; answers never show it (pins are read as the caller may see them now), and a board that
 * is not public now is never walked through (see {@link RelatedService}).
 */
public final class RelatedGraph implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RelatedGraph.class);

  /** How far back a poll looks: a pin made on another node commits a little after its id's time. */
  private static final Duration LOOKBACK = Duration.ofSeconds(30);

  /**
   * How the graph is built and kept.
   *
   * @param pruning the degree cap and the entropy rule
   * @param poll how often new pins are read
   * @param rebuild how often the graph is built again from the database; zero never
   */
  public record Settings(GraphBuilder.Pruning pruning, Duration poll, Duration rebuild) {}

  private final Database database;
  private final Settings settings;
  private final Clock clock;
  private final RelatedRepository repository = new RelatedRepository();
  private volatile PinGraph graph = PinGraph.empty();
  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            return Thread.ofPlatform().name("related-graph").daemon(true).unstarted(r);
          });

  // Touched by the graph's thread alone.
  private volatile boolean ready;
  private long since;
  private Set<Long> applied = new HashSet<>();
  private long lastRebuild;
  // The size of the last build (pins read, edges kept), which sizes the next one's arrays.
  private int lastPins;
  private int lastEdges;

  public RelatedGraph(Database database, Settings settings, Clock clock, MeterRegistry meters) {
    this.database = database;
    this.settings = settings;
    this.clock = clock;
    Gauge.builder("corkboard.related.graph.pins", this, r -> r.graph.pins())
        .description("pin nodes of the related-pins graph")
        .register(meters);
    Gauge.builder("corkboard.related.graph.boards", this, r -> r.graph.boards())
        .description("board nodes of the related-pins graph")
        .register(meters);
    Gauge.builder("corkboard.related.graph.edges", this, r -> r.graph.edges())
        .description("edges of the related-pins graph, those added since the build included")
        .register(meters);
    Gauge.builder("corkboard.related.graph.delta.edges", this, r -> r.graph.deltaEdges())
        .description("edges added to the related-pins graph since it was built")
        .register(meters);
    Gauge.builder("corkboard.related.graph.build.seconds", this, r -> r.graph.buildSeconds())
        .description("how long the last build of the related-pins graph took")
        .register(meters);
    Gauge.builder("corkboard.related.graph.bytes.per.edge", this, r -> r.graph.bytesPerEdge())
        .description("bytes the related-pins graph's arrays take per edge")
        .register(meters);
    Gauge.builder("corkboard.related.graph.ready", this, r -> r.ready ? 1 : 0)
        .description("1 once the related-pins graph was built")
        .register(meters);
  }

  /** Starts the first build in the background, then the polls and rebuilds. */
  public RelatedGraph start() {
    executor.execute(this::rebuild);
    long poll = settings.poll().toMillis();
    ScheduledFuture<?> _ =
        executor.scheduleWithFixedDelay(this::tick, poll, poll, TimeUnit.MILLISECONDS);
    return this;
  }

  /** Builds a graph of the database as it is now, on the calling thread (for the benchmark). */
  public static PinGraph build(Sql sql, GraphBuilder.Pruning pruning) {
    GraphBuilder builder = new GraphBuilder(pruning);
    new RelatedRepository().readAll(sql, builder);
    return builder.build();
  }

  /** The graph that serves now. */
  PinGraph current() {
    return graph;
  }

  /** Whether the first build is done. */
  boolean ready() {
    return ready;
  }

  private void tick() {
    try {
      long rebuild = settings.rebuild().toMillis();
      // A first build that failed (the database was away) is tried again at each tick.
      if (!ready || (rebuild > 0 && clock.millis() - lastRebuild >= rebuild)) {
        rebuild();
      } else {
        poll();
      }
    } catch (RuntimeException e) {
      LOG.warn("related graph not updated: {}", e.getMessage());
    }
  }

  /**
   * Builds a new graph beside the one serving, then swaps it in. Pins made from a little before the
   * build began are polled again afterwards; those the build read are remembered as applied.
   */
  private void rebuild() {
    try {
      long from = Ids.firstAt(clock.instant().minus(LOOKBACK));
      GraphBuilder builder = new GraphBuilder(settings.pruning(), lastPins, lastEdges);
      repository.readAll(database, builder);
      lastPins = builder.pinsRead();
      lastEdges = builder.edgesRead();
      PinGraph built = builder.build();
      Set<Long> read = new HashSet<>();
      for (long id : builder.idsAbove(from)) {
        read.add(id);
      }
      since = from;
      applied = read;
      graph = built;
      lastRebuild = clock.millis();
      ready = true;
      LOG.info(
          "related graph built: {} pins, {} boards, {} edges ({} boards pruned) in {} ms",
          built.pins(),
          built.boards(),
          built.edges(),
          builder.boardsPruned(),
          Math.round(built.buildSeconds() * 1000));
      poll();
    } catch (RuntimeException e) {
      LOG.warn("related graph not built: {}", e.getMessage());
    }
  }

  /** Adds the edges of the pins made since the last poll that are on public boards. */
  private void poll() {
    List<RelatedRepository.Rooted> fresh = repository.madeAfter(database, since);
    List<Long> additions = new ArrayList<>();
    long floor = Ids.firstAt(clock.instant().minus(LOOKBACK));
    for (RelatedRepository.Rooted pin : fresh) {
      if (applied.add(pin.id()) && pin.publicBoard()) {
        additions.add(pin.root());
        additions.add(pin.boardId());
      }
    }
    if (!additions.isEmpty()) {
      graph = graph.with(additions.stream().mapToLong(Long::longValue).toArray());
    }
    // Pins older than the look-back are not read again, so they need not be remembered.
    if (floor > since) {
      since = floor;
      applied.removeIf(id -> id <= floor);
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
