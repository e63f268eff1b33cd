package dev.corkboard;

import dev.corkboard.account.AccountRoutes;
import dev.corkboard.account.AccountService;
import dev.corkboard.board.BoardRewriteSql;
import dev.corkboard.board.BoardRoutes;
import dev.corkboard.board.BoardService;
import dev.corkboard.board.BoardSql;
import dev.corkboard.board.CollaboratorRoutes;
import dev.corkboard.board.CollaboratorService;
import dev.corkboard.collage.CollageDrawing;
import dev.corkboard.collage.CollageRoutes;
import dev.corkboard.collage.CollageService;
import dev.corkboard.collage.CutoutService;
import dev.corkboard.feed.FeedFanOut;
import dev.corkboard.feed.FeedRoutes;
import dev.corkboard.feed.FeedService;
import dev.corkboard.follow.FollowRoutes;
import dev.corkboard.follow.FollowService;
import dev.corkboard.follow.FollowSql;
import dev.corkboard.media.AddressPolicy;
import dev.corkboard.media.ImageFetcher;
import dev.corkboard.media.MediaRoutes;
import dev.corkboard.media.MediaService;
import dev.corkboard.media.MediaUrls;
import dev.corkboard.oauth.OAuthRoutes;
import dev.corkboard.oauth.OAuthService;
import dev.corkboard.pin.PinBodies;
import dev.corkboard.pin.PinRoutes;
import dev.corkboard.pin.PinService;
import dev.corkboard.pin.PinSql;
import dev.corkboard.platform.api.Bookmarks;
import dev.corkboard.platform.api.Written;
import dev.corkboard.platform.blob.BlobStore;
import dev.corkboard.platform.cache.Coherence;
import dev.corkboard.platform.cache.ReadCaches;
import dev.corkboard.platform.config.Resources;
import dev.corkboard.platform.config.ServerConfig;
import dev.corkboard.platform.db.ConnectionSettings;
import dev.corkboard.platform.db.Database;
import dev.corkboard.platform.db.Migrations;
import dev.corkboard.platform.db.SharedSecrets;
import dev.corkboard.platform.db.Storage;
import dev.corkboard.platform.http.ApiServer;
import dev.corkboard.platform.http.CeilingRoutes;
import dev.corkboard.platform.http.Route;
import dev.corkboard.platform.http.SystemRoutes;
import dev.corkboard.platform.id.SlotLease;
import dev.corkboard.platform.jobs.JobQueue;
import dev.corkboard.platform.ratelimit.RateLimiter;
import dev.corkboard.related.GraphBuilder;
import dev.corkboard.related.RelatedGraph;
import dev.corkboard.related.RelatedRoutes;
import dev.corkboard.related.RelatedService;
import dev.corkboard.related.Walker;
import dev.corkboard.search.SearchIndex;
import dev.corkboard.search.SearchRoutes;
import dev.corkboard.search.SearchService;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that builds the server: config, then database, then repositories and services, then
 * routes. Tests boot this same class on a random port.
 */
public final class Application implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Application.class);

  private final Resources resources;
  private final ApiServer server;
  private final ServerConfig config;
  private final ConnectionSettings databaseSettings;
  private final List<Route> routes;
  private final MediaService media;

  private Application(
      Resources resources,
      ApiServer server,
      ServerConfig config,
      ConnectionSettings databaseSettings,
      List<Route> routes,
      MediaService media) {
    this.media = media;
    this.resources = resources;
    this.server = server;
    this.config = config;
    this.databaseSettings = databaseSettings;
    this.routes = List.copyOf(routes);
  }

  /** Starts every part in order; on a failure, stops what already started. */
  public static Application start(ServerConfig config) {
    Resources resources = new Resources();
    long start = System.nanoTime();
    try {
      Storage storage = Storage.open(config);
      resources.add(storage);
      ConnectionSettings settings = storage.database();
      long databaseReady = System.nanoTime();
      int applied = Migrations.migrate(settings);
      long migrated = System.nanoTime();

      PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      new JvmMemoryMetrics().bindTo(meters);
      JvmGcMetrics gc = new JvmGcMetrics();
      gc.bindTo(meters);
      resources.add(gc);
      new JvmThreadMetrics().bindTo(meters);
      new ClassLoaderMetrics().bindTo(meters);
      new ProcessorMetrics().bindTo(meters);
      new UptimeMetrics().bindTo(meters);

      Database database = Database.connect(settings, config.databasePoolSize(), meters);
      resources.add(database);
      ReadCaches caches = new ReadCaches(config.wantsReadCache(), meters);
      resources.add(Coherence.start(database, caches));
      LOG.info("read caches {}", caches.enabled() ? "on" : "off");
      Clock clock = Clock.systemUTC();
      SlotLease lease = SlotLease.acquire(database, clock);
      resources.add(lease);
      Bookmarks bookmarks = new Bookmarks(SharedSecrets.secret(database, "bookmarks"));
      RateLimiter limiter = new RateLimiter(config.rateLimits(), database, clock);
      resources.add(limiter);

      AccountService accounts =
          new AccountService(
              database,
              lease.generator(),
              bookmarks,
              clock,
              config.registrationOpen(),
              BoardSql.SECRET_TOTALS,
              caches,
              limiter);
      // Search keeps its documents, and the public first pages held, after each write of a pin or
      // board commits.
      SearchIndex index = new SearchIndex(database, caches);
      BoardService boards =
          new BoardService(
              database,
              accounts,
              lease.generator(),
              bookmarks,
              clock,
              caches,
              index::boardWritten,
              new BoardRewriteSql(
                  PinSql.MOVE_BOARD_PINS,
                  FollowSql.EXPLICIT_FOLLOWERS,
                  FollowSql.CARRY_BOARD_FOLLOWS,
                  PinSql.HAND_OVER_PINS,
                  FollowSql.HAND_OVER_FOLLOWS));
      FollowService follows =
          new FollowService(database, accounts, boards, lease.generator(), bookmarks, caches);

      JobQueue.Settings defaults = JobQueue.Settings.defaults();
      JobQueue jobs =
          new JobQueue(
              database,
              clock,
              new JobQueue.Settings(
                  defaults.workers(),
                  defaults.pollInterval(),
                  config.jobLease(),
                  defaults.maxAttempts(),
                  defaults.baseBackoff(),
                  defaults.shutdownGrace()),
              meters);
      resources.add(jobs);
      BlobStore blobs = storage.blobs();
      ImageFetcher fetcher =
          new ImageFetcher(
              ImageFetcher.Settings.defaults()
                  .withAllowList(
                      AddressPolicy.Cidr.parseList(String.join(",", config.fetchAllow()))));
      resources.add(fetcher);
      AtomicReference<String> publicUrl = new AtomicReference<>("");
      MediaService media =
          new MediaService(
              database,
              blobs,
              fetcher,
              jobs,
              lease.generator(),
              publicUrl::get,
              caches,
              new MediaUrls(SharedSecrets.secret(database, "media_urls"), clock),
              PinSql.SHOWS_SOURCE,
              PinSql.SHOWS_SOURCE_PUBLICLY);
      FeedFanOut fanOut = new FeedFanOut(database, jobs, config.feed());
      jobs.register(FeedFanOut.KIND, fanOut);
      PinService pins =
          new PinService(
              database,
              boards,
              accounts,
              media,
              lease.generator(),
              bookmarks,
              clock,
              caches,
              fanOut,
              Written.of(index::pinWritten, index::pinsWritten));
      FeedService feed = new FeedService(database, pins, follows, bookmarks, config.feed(), caches);
      SearchService search = new SearchService(database, pins, boards, bookmarks, index);
      ServerConfig.Related relatedConfig = config.related();
      RelatedGraph graph =
          new RelatedGraph(
              database,
              new RelatedGraph.Settings(
                  new GraphBuilder.Pruning(
                      relatedConfig.maxPinDegree(),
                      relatedConfig.maxBoardEntropy(),
                      relatedConfig.minPinsForEntropy()),
                  relatedConfig.poll(),
                  relatedConfig.rebuild()),
              clock,
              meters);
      resources.add(graph);
      RelatedService related =
          new RelatedService(
              database,
              pins,
              boards,
              bookmarks,
              graph,
              new Walker.Settings(
                  relatedConfig.steps(),
                  Walker.Settings.defaults().restart(),
                  relatedConfig.stopPins(),
                  Walker.Settings.defaults().minVisits()),
              relatedConfig.walkers());

      CollageDrawing drawing = new CollageDrawing(database, media, blobs);
      CutoutService cutouts =
          new CutoutService(database, pins, drawing, blobs, lease.generator(), bookmarks, clock);
      CollageService collages =
          new CollageService(
              database, boards, pins, cutouts, drawing, lease.generator(), bookmarks, clock);

      OAuthService oauth =
          new OAuthService(
              database,
              accounts,
              lease.generator(),
              bookmarks,
              clock,
              SharedSecrets.secret(database, "oauth_consent"));

      List<Route> api = new ArrayList<>();
      api.addAll(new AccountRoutes(accounts).routes());
      // Pins' bodies are remembered for the pins the read cache keeps, for every route of pins.
      PinBodies pinBodies = new PinBodies();
      api.addAll(new OAuthRoutes(oauth).routes());
      api.addAll(new BoardRoutes(boards).routes());
      api.addAll(
          new CollaboratorRoutes(
                  new CollaboratorService(
                      database, boards, accounts, lease.generator(), bookmarks, caches))
              .routes());
      api.addAll(new FollowRoutes(follows).routes());
      api.addAll(new PinRoutes(pins, pinBodies).routes());
      api.addAll(new FeedRoutes(feed, pinBodies).routes());
      api.addAll(new MediaRoutes(media).routes());
      api.addAll(new CollageRoutes(cutouts, collages).routes());
      api.addAll(new SearchRoutes(search, pinBodies).routes());
      api.addAll(new RelatedRoutes(related, pinBodies).routes());
      List<Route> routes = new ArrayList<>(api);
      routes.addAll(new SystemRoutes(() -> database.ping(2_000), meters::scrape).routes(api));
      routes.addAll(new CeilingRoutes().routes());

      ApiServer server =
          ApiServer.start(config.host(), config.port(), routes, accounts, limiter, meters);
      resources.add(server);
      publicUrl.set(config.publicUrl().orElse(baseUrl(config.host(), server.port())));
      jobs.start();
      graph.start();
      resources.add(new Sweeper(media, oauth));
      LOG.info(
          "started in {} ms (database {} ms, {} migrations applied in {} ms)",
          millis(System.nanoTime() - start),
          millis(databaseReady - start),
          applied,
          millis(migrated - databaseReady));
      return new Application(resources, server, config, settings, routes, media);
    } catch (RuntimeException | Error e) {
      resources.closeAfter(e);
      throw e;
    }
  }

  private static long millis(long nanos) {
    return nanos / 1_000_000;
  }

  private static String baseUrl(String host, int port) {
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  /** Runs the media sweep and the sweep of expired OAuth codes and tokens once a minute. */
  private static final class Sweeper implements AutoCloseable {
    private final ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "media-sweep");
              thread.setDaemon(true);
              return thread;
            });

    Sweeper(MediaService media, OAuthService oauth) {
      // The sweep logs its own failures, so its future has nothing more to tell.
      ScheduledFuture<?> _ =
          executor.scheduleWithFixedDelay(
              () -> {
                try {
                  int removed = media.sweep(java.time.Duration.ofMinutes(1));
                  if (removed > 0) {
                    LOG.info("media sweep removed {} unused sources and originals", removed);
                  }
                } catch (RuntimeException e) {
                  LOG.warn("media sweep failed: {}", e.getMessage());
                }
                try {
                  oauth.sweep();
                } catch (RuntimeException e) {
                  LOG.warn("OAuth sweep failed: {}", e.getMessage());
                }
              },
              60,
              60,
              TimeUnit.SECONDS);
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

  /** The port the server listens on. */
  public int port() {
    return server.port();
  }

  /** The base URL of the server, for example {@code http://127.0.0.1:8080}. */
  public String baseUrl() {
    return baseUrl(config.host(), port());
  }

  /**
   * Runs the media sweep now, removing unused sources older than {@code minAge} and the bytes no
   * source uses; answers how many it removed.
   */
  public int sweepMedia(java.time.Duration minAge) {
    return media.sweep(minAge);
  }

  /** The route table the server answers. */
  public List<Route> routes() {
    return routes;
  }

  /** Where the database is, for tools and tests that inspect it. */
  public ConnectionSettings databaseSettings() {
    return databaseSettings;
  }

  /**
   * Stops in reverse order of start: the HTTP server first (requests in flight finish), then the id
   * lease, the database client, and the embedded PostgreSQL.
   */
  @Override
  public void close() {
    resources.close();
  }
}
