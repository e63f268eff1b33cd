package dev.corkboard;

import dev.corkboard.bench.BenchCommand;
import dev.corkboard.bench.LoadCommand;
import dev.corkboard.bench.SeedCommand;
import dev.corkboard.platform.config.RateLimits;
import dev.corkboard.platform.config.ServerConfig;
import dev.corkboard.platform.db.Storage;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The command line: {@code corkboard serve}, {@code corkboard migrate}, and the benchmark's {@code
 * seed}, {@code bench} and {@code bench-load}.
 */
@Command(
    name = "corkboard",
    mixinStandardHelpOptions = true,
    version = "corkboard 0.1.0",
    description = "A backend for pins, boards and collages that speaks Pinterest API v5.",
    subcommands = {
      Main.Serve.class,
      Main.Migrate.class,
      SeedCommand.class,
      BenchCommand.class,
      LoadCommand.class,
      TrainCommand.class
    })
public final class Main implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    int code =
        new CommandLine(new Main())
            .setCaseInsensitiveEnumValuesAllowed(true)
            .setExecutionExceptionHandler(Main::refused)
            .execute(args);
    System.exit(code);
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(System.out);
    return 0;
  }

  /**
   * A command that cannot start as configured (a data directory in use, a database another server
   * holds) says why in one line; anything else is a bug and shows its stack trace.
   */
  private static int refused(Exception e, CommandLine command, CommandLine.ParseResult parseResult)
      throws Exception {
    if (e instanceof IllegalStateException || e instanceof IllegalArgumentException) {
      command.getErr().println("corkboard " + command.getCommandName() + ": " + e.getMessage());
      return 1;
    }
    throw e;
  }

  /** Registration modes. */
  enum Registration {
    open,
    closed
  }

  enum ReadCache {
    on,
    off
  }

  /** Options shared by the commands that reach the database. */
  static class DatabaseOptions {
    @Option(
        names = "--data-dir",
        defaultValue = "${env:CORKBOARD_DATA_DIR:-./data}",
        description =
            "Directory of local state and the embedded PostgreSQL (env CORKBOARD_DATA_DIR; default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(
        names = "--database-url",
        defaultValue = "${env:CORKBOARD_DATABASE_URL}",
        description =
            "postgresql://user:password@host:port/database of an external PostgreSQL to use instead of the embedded one (env CORKBOARD_DATABASE_URL).")
    String databaseUrl;

    Optional<String> url() {
      return Optional.ofNullable(databaseUrl).filter(s -> !s.isBlank());
    }
  }

  @Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the HTTP server.")
  static final class Serve implements Callable<Integer> {

    @Option(
        names = "--host",
        defaultValue = "${env:CORKBOARD_HOST:-127.0.0.1}",
        description = "Address to listen on (env CORKBOARD_HOST; default ${DEFAULT-VALUE}).")
    String host;

    @Option(
        names = "--port",
        defaultValue = "${env:CORKBOARD_PORT:-8080}",
        description =
            "Port to listen on, 0 for a free one (env CORKBOARD_PORT; default ${DEFAULT-VALUE}).")
    int port;

    @Option(
        names = "--registration",
        defaultValue = "${env:CORKBOARD_REGISTRATION:-open}",
        description =
            "Whether anybody may sign up: open or closed (env CORKBOARD_REGISTRATION; default ${DEFAULT-VALUE}).")
    Registration registration;

    @Option(
        names = "--db-pool-size",
        defaultValue = "${env:CORKBOARD_DB_POOL_SIZE:-8}",
        description =
            "Connections to PostgreSQL (env CORKBOARD_DB_POOL_SIZE; default ${DEFAULT-VALUE}).")
    int poolSize;

    @Option(
        names = "--public-url",
        defaultValue = "${env:CORKBOARD_PUBLIC_URL}",
        description =
            "Base URL clients reach this server at, used in media URLs (env CORKBOARD_PUBLIC_URL; default http://HOST:PORT).")
    String publicUrl;

    @Option(
        names = "--fetch-allow",
        split = ",",
        defaultValue = "${env:CORKBOARD_FETCH_ALLOW}",
        description =
            "Address ranges (CIDR, comma-separated) the image fetcher may reach although they are loopback or private; for tests and private deployments (env CORKBOARD_FETCH_ALLOW).")
    List<String> fetchAllow;

    @Option(
        names = "--job-lease-seconds",
        defaultValue = "${env:CORKBOARD_JOB_LEASE_SECONDS:-120}",
        description =
            "How long a background job may run before another process takes it over, after a crash for example (env CORKBOARD_JOB_LEASE_SECONDS; default ${DEFAULT-VALUE}).")
    int jobLeaseSeconds;

    @Option(
        names = "--read-cache",
        defaultValue = "${env:CORKBOARD_READ_CACHE:-on}",
        description =
            "Serve hot reads from memory: on or off. Servers sharing a database keep their caches coherent: a write answers once every server has dropped what it replaced (env CORKBOARD_READ_CACHE; default ${DEFAULT-VALUE}).")
    ReadCache readCache;

    @Option(
        names = "--blob-dir",
        defaultValue = "${env:CORKBOARD_BLOB_DIR}",
        description =
            "Directory of media bytes when they are not in S3; servers sharing a database share it (env CORKBOARD_BLOB_DIR; default DATA_DIR/blobs).")
    Path blobDir;

    @Option(
        names = "--feed-merge-above",
        defaultValue = "${env:CORKBOARD_FEED_MERGE_ABOVE:-10000}",
        description =
            "Follower count from which an account's new pins are merged into its followers' home feeds when read instead of written to each (env CORKBOARD_FEED_MERGE_ABOVE; default ${DEFAULT-VALUE}).")
    int feedMergeAbove;

    @Option(
        names = "--feed-keep",
        defaultValue = "${env:CORKBOARD_FEED_KEEP:-1000}",
        description =
            "Home feed entries kept per account, newest first (env CORKBOARD_FEED_KEEP; default ${DEFAULT-VALUE}).")
    int feedKeep;

    @Option(
        names = "--feed-fan-out-rate",
        defaultValue = "${env:CORKBOARD_FEED_FAN_OUT_RATE:-10000}",
        description =
            "Home feed entries a second this server's fan-outs write at most, together, beyond the first batch of each, so that a save by a much followed account leaves the database to the requests; 0 does not pace them (env CORKBOARD_FEED_FAN_OUT_RATE; default ${DEFAULT-VALUE}).")
    int feedFanOutRate;

    @Option(
        names = "--feed-first-page-seconds",
        defaultValue = "${env:CORKBOARD_FEED_FIRST_PAGE_SECONDS:-5}",
        description =
            "Seconds a server answers a home feed's first page from the pins it read for it, filtered again at every read, so new pins take at most that long to show; 0 reads it every time (env CORKBOARD_FEED_FIRST_PAGE_SECONDS; default ${DEFAULT-VALUE}).")
    int feedFirstPageSeconds;

    @Option(
        names = "--rate-limits",
        defaultValue = "${env:CORKBOARD_RATE_LIMITS:-on}",
        description =
            "Requests per window by category: on, off, or changes to the defaults such as window=60,org_read=500,auth=10 (env CORKBOARD_RATE_LIMITS; default ${DEFAULT-VALUE}).")
    String rateLimits;

    @Option(
        names = "--related-max-pin-degree",
        defaultValue = "${env:CORKBOARD_RELATED_MAX_PIN_DEGREE:-1000}",
        description =
            "Most boards a pin keeps in the related-pins graph, its newest saves (env CORKBOARD_RELATED_MAX_PIN_DEGREE; default ${DEFAULT-VALUE}).")
    int relatedMaxPinDegree;

    @Option(
        names = "--related-max-board-entropy",
        defaultValue = "${env:CORKBOARD_RELATED_MAX_BOARD_ENTROPY:-4.0}",
        description =
            "Most bits of topic entropy a board's pins may have for the board to be in the related-pins graph (env CORKBOARD_RELATED_MAX_BOARD_ENTROPY; default ${DEFAULT-VALUE}).")
    double relatedMaxBoardEntropy;

    @Option(
        names = "--related-entropy-min-pins",
        defaultValue = "${env:CORKBOARD_RELATED_ENTROPY_MIN_PINS:-10}",
        description =
            "Boards with fewer pins stay in the related-pins graph whatever their entropy (env CORKBOARD_RELATED_ENTROPY_MIN_PINS; default ${DEFAULT-VALUE}).")
    int relatedEntropyMinPins;

    @Option(
        names = "--related-steps",
        defaultValue = "${env:CORKBOARD_RELATED_STEPS:-100000}",
        description =
            "Step budget of one related-pins or board-ideas walk (env CORKBOARD_RELATED_STEPS; default ${DEFAULT-VALUE}).")
    int relatedSteps;

    @Option(
        names = "--related-stop-pins",
        defaultValue = "${env:CORKBOARD_RELATED_STOP_PINS:-500}",
        description =
            "A related-pins walk stops early once this many pins were visited 4 times, the paper's n_p (env CORKBOARD_RELATED_STOP_PINS; default ${DEFAULT-VALUE}).")
    int relatedStopPins;

    @Option(
        names = "--related-poll-millis",
        defaultValue = "${env:CORKBOARD_RELATED_POLL_MILLIS:-1000}",
        description =
            "How often each server adds the pins made since its last poll to its related-pins graph (env CORKBOARD_RELATED_POLL_MILLIS; default ${DEFAULT-VALUE}).")
    long relatedPollMillis;

    @Option(
        names = "--related-rebuild-minutes",
        defaultValue = "${env:CORKBOARD_RELATED_REBUILD_MINUTES:-30}",
        description =
            "How often each server builds its related-pins graph again beside the one serving; 0 never (env CORKBOARD_RELATED_REBUILD_MINUTES; default ${DEFAULT-VALUE}).")
    long relatedRebuildMinutes;

    @Option(
        names = "--related-walkers",
        defaultValue = "${env:CORKBOARD_RELATED_WALKERS:-0}",
        description =
            "How many related-pins walks run at once; 0 for one per core (env CORKBOARD_RELATED_WALKERS; default ${DEFAULT-VALUE}).")
    int relatedWalkers;

    @CommandLine.Mixin DatabaseOptions database = new DatabaseOptions();

    @Override
    public Integer call() throws InterruptedException {
      ServerConfig config =
          new ServerConfig(
              host,
              port,
              database.dataDir,
              database.url(),
              registration == Registration.open,
              poolSize,
              Optional.ofNullable(publicUrl).filter(s -> !s.isBlank()),
              fetchAllow == null
                  ? List.of()
                  : fetchAllow.stream().map(String::trim).filter(s -> !s.isEmpty()).toList(),
              java.time.Duration.ofSeconds(jobLeaseSeconds),
              ServerConfig.ReadCacheMode.valueOf(readCache.name().toUpperCase(Locale.ROOT)),
              Optional.empty(),
              Optional.empty(),
              Optional.ofNullable(blobDir).filter(dir -> !dir.toString().isBlank()),
              new ServerConfig.Feed(
                  feedMergeAbove,
                  feedKeep,
                  ServerConfig.Feed.defaults().batch(),
                  java.time.Duration.ofSeconds(feedFirstPageSeconds),
                  feedFanOutRate),
              RateLimits.parse(rateLimits),
              new ServerConfig.Related(
                  relatedMaxPinDegree,
                  relatedMaxBoardEntropy,
                  relatedEntropyMinPins,
                  relatedSteps,
                  relatedStopPins,
                  java.time.Duration.ofMillis(relatedPollMillis),
                  java.time.Duration.ofMinutes(relatedRebuildMinutes),
                  relatedWalkers > 0
                      ? relatedWalkers
                      : Runtime.getRuntime().availableProcessors()));
      Application app = Application.start(config.withStorageFrom(System.getenv()));
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    app.close();
                    stopped.countDown();
                  },
                  "shutdown"));
      System.out.println("listening on " + app.baseUrl());
      System.out.flush();
      stopped.await();
      return 0;
    }
  }

  @Command(
      name = "migrate",
      mixinStandardHelpOptions = true,
      description = "Apply schema migrations and exit.")
  static final class Migrate implements Callable<Integer> {

    @CommandLine.Mixin DatabaseOptions database = new DatabaseOptions();

    @Override
    public Integer call() {
      // Only the storage options matter to migrations; the listening ones keep their defaults.
      ServerConfig config =
          new ServerConfig("127.0.0.1", 0, database.dataDir, database.url(), true, 1)
              .withStorageFrom(System.getenv());
      int applied = Storage.migrate(config);
      System.out.println("applied " + applied + " migrations");
      return 0;
    }
  }
}
