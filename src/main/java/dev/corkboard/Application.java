package dev.corkboard;

import dev.corkboard.account.AccountRoutes;
import dev.corkboard.account.AccountService;
import dev.corkboard.board.BoardRoutes;
import dev.corkboard.board.BoardService;
import dev.corkboard.platform.config.DataDirectory;
import dev.corkboard.platform.config.ServerConfig;
import dev.corkboard.platform.db.ConnectionSettings;
import dev.corkboard.platform.db.Database;
import dev.corkboard.platform.db.EmbeddedDatabase;
import dev.corkboard.platform.db.Migrations;
import dev.corkboard.platform.db.SharedSecrets;
import dev.corkboard.platform.http.ApiServer;
import dev.corkboard.platform.http.Bookmarks;
import dev.corkboard.platform.http.Route;
import dev.corkboard.platform.http.SystemRoutes;
import dev.corkboard.platform.id.SlotLease;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that builds the server: config, then database, then repositories and services, then
 * routes. Tests boot this same class on a random port.
 */
public final class Application implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Application.class);

  private final Deque<AutoCloseable> resources;
  private final ApiServer server;
  private final ServerConfig config;
  private final ConnectionSettings databaseSettings;
  private final List<Route> routes;

  private Application(
      Deque<AutoCloseable> resources,
      ApiServer server,
      ServerConfig config,
      ConnectionSettings databaseSettings,
      List<Route> routes) {
    this.resources = resources;
    this.server = server;
    this.config = config;
    this.databaseSettings = databaseSettings;
    this.routes = List.copyOf(routes);
  }

  /** Starts every part in order; on a failure, stops what already started. */
  public static Application start(ServerConfig config) {
    Deque<AutoCloseable> resources = new ArrayDeque<>();
    long start = System.nanoTime();
    try {
      DataDirectory data = DataDirectory.open(config.dataDir());
      resources.push(data);
      ConnectionSettings settings = database(config, data, resources);
      long databaseReady = System.nanoTime();
      int applied = Migrations.migrate(settings);
      long migrated = System.nanoTime();

      PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      new JvmMemoryMetrics().bindTo(meters);
      JvmGcMetrics gc = new JvmGcMetrics();
      gc.bindTo(meters);
      resources.push(gc);
      new JvmThreadMetrics().bindTo(meters);
      new ClassLoaderMetrics().bindTo(meters);
      new ProcessorMetrics().bindTo(meters);
      new UptimeMetrics().bindTo(meters);

      Database database = Database.connect(settings, config.databasePoolSize(), meters);
      resources.push(database);
      Clock clock = Clock.systemUTC();
      SlotLease lease = SlotLease.acquire(database, clock);
      resources.push(lease);
      Bookmarks bookmarks = new Bookmarks(SharedSecrets.secret(database, "bookmarks"));

      AccountService accounts =
          new AccountService(
              database, lease.generator(), bookmarks, clock, config.registrationOpen());
      BoardService boards =
          new BoardService(database, accounts, lease.generator(), bookmarks, clock);

      List<Route> api = new ArrayList<>();
      api.addAll(new AccountRoutes(accounts).routes());
      api.addAll(new BoardRoutes(boards).routes());
      List<Route> routes = new ArrayList<>(api);
      routes.addAll(new SystemRoutes(() -> database.ping(2_000), meters::scrape).routes(api));

      ApiServer server = ApiServer.start(config.host(), config.port(), routes, accounts, meters);
      resources.push(server);
      LOG.info(
          "started in {} ms (database {} ms, {} migrations applied in {} ms)",
          millis(System.nanoTime() - start),
          millis(databaseReady - start),
          applied,
          millis(migrated - databaseReady));
      return new Application(resources, server, config, settings, routes);
    } catch (RuntimeException | Error e) {
      closeAll(resources, e);
      throw e;
    }
  }

  private static ConnectionSettings database(
      ServerConfig config, DataDirectory data, Deque<AutoCloseable> resources) {
    Optional<String> url = config.databaseUrl();
    if (url.isPresent()) {
      return ConnectionSettings.fromUrl(url.get());
    }
    EmbeddedDatabase embedded = EmbeddedDatabase.start(data.resolve("postgres"));
    resources.push(embedded);
    return embedded.settings();
  }

  private static long millis(long nanos) {
    return nanos / 1_000_000;
  }

  /** The port the server listens on. */
  public int port() {
    return server.port();
  }

  /** The base URL of the server, for example {@code http://127.0.0.1:8080}. */
  public String baseUrl() {
    String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
    return "http://" + host + ":" + port();
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
    closeAll(resources, null);
  }

  private static void closeAll(Deque<AutoCloseable> resources, Throwable cause) {
    while (!resources.isEmpty()) {
      AutoCloseable resource = resources.pop();
      try {
        resource.close();
      } catch (Exception e) {
        if (cause != null) {
          cause.addSuppressed(e);
        } else {
          LOG.warn("failure while stopping {}", resource.getClass().getSimpleName(), e);
        }
      }
    }
  }
}
