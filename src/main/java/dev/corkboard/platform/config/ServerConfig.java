package dev.corkboard.platform.config;

import dev.corkboard.platform.blob.S3Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How a server process runs.
 *
 * @param host the address to listen on
 * @param port the TCP port; 0 picks a free one
 * @param dataDir where the embedded PostgreSQL and other local state live
 * @param databaseUrl an external PostgreSQL ({@code postgresql://...}) to use instead of the
 *     embedded one
 * @param registrationOpen whether anybody may sign up
 * @param databasePoolSize how many connections to keep to PostgreSQL
 * @param publicUrl the base URL clients reach the server at, for media URLs; empty to use the
 *     listening address
 * @param fetchAllow address ranges (CIDR) the image fetcher may reach although they are private
 * @param jobLease how long a background job may run before another process may take it over
 * @param readCache whether reads may be served from memory (coherently with every other server on
 *     the database)
 * @param s3 the S3-compatible store that keeps media bytes; empty to keep them in the data
 *     directory
 * @param sharedBuffers the embedded PostgreSQL's page cache ({@code shared_buffers}) as a
 *     PostgreSQL size such as {@code 512MB}; empty to size it by the machine's memory
 * @param blobDir the directory that keeps media bytes when no S3 store is configured; empty for
 *     {@code blobs} in the data directory. Servers on one database share it (on one machine or a
 *     shared file system) while each locks a data directory of its own
 * @param feed how home feeds are built and how long they are kept
 * @param rateLimits how many requests callers may send
 * @param related how the related-pins graph is pruned and kept, and how walks run
 */
public record ServerConfig(
    String host,
    int port,
    Path dataDir,
    Optional<String> databaseUrl,
    boolean registrationOpen,
    int databasePoolSize,
    Optional<String> publicUrl,
    java.util.List<String> fetchAllow,
    java.time.Duration jobLease,
    ReadCacheMode readCache,
    Optional<S3Settings> s3,
    Optional<String> sharedBuffers,
    Optional<Path> blobDir,
    Feed feed,
    RateLimits rateLimits,
    Related related) {

  /**
   * How home feeds are built.
   *
   * @param mergeAbove the follower count from which an account's new pins are not written to its
   *     followers' feeds but merged into them when they are read
   * @param keep the entries kept per feed, newest first
   * @param batch the followers one step of a fan-out writes to, in one statement
   * @param firstPageFor how long a server answers a feed's first page from the pins it read for it
   *     (refiltered at every read), so new pins take at most that long to show; zero reads every
   *     time
   * @param fanOutRate the feed entries a second this server's fan-outs write at most, together,
   *     beyond the first batch of each, so that the fan-out of a much followed account's pin leaves
   *     the database to the requests; zero does not pace them
   */
  public record Feed(int mergeAbove, int keep, int batch, Duration firstPageFor, int fanOutRate) {

    /** The default of {@link #fanOutRate}. */
    public static final int FAN_OUT_RATE = 10_000;

    /** Settings with the default {@link #fanOutRate}. */
    public Feed(int mergeAbove, int keep, int batch, Duration firstPageFor) {
      this(mergeAbove, keep, batch, firstPageFor, FAN_OUT_RATE);
    }

    public Feed {
      if (mergeAbove < 1) {
        throw new IllegalArgumentException("feed merge threshold must be at least 1");
      }
      if (keep < 1) {
        throw new IllegalArgumentException("feed length must be at least 1");
      }
      if (batch < 1) {
        throw new IllegalArgumentException("fan-out batch must be at least 1");
      }
      if (firstPageFor.isNegative()) {
        throw new IllegalArgumentException("feed first page time must not be negative");
      }
      if (fanOutRate < 0) {
        throw new IllegalArgumentException("fan-out rate must not be negative");
      }
    }

    /** These settings with a follower threshold of {@code followers}. */
    public Feed withMergeAbove(int followers) {
      return new Feed(followers, keep, batch, firstPageFor, fanOutRate);
    }

    /**
     * Merged at read time from 10,000 followers, 1,000 entries kept, batches of 1,000, first pages
     * read again after 5 s, fan-outs writing 10,000 entries a second.
     */
    public static Feed defaults() {
      return new Feed(10_000, 1_000, 1_000, Duration.ofSeconds(5));
    }
  }

  /**
   * How the related-pins graph is pruned and kept current, and how its walks run.
   *
   * @param maxPinDegree the most boards a pin keeps in the graph (its newest saves)
   * @param maxBoardEntropy the most bits of topic entropy a board's pins may have to be in the
   *     graph
   * @param minPinsForEntropy boards with fewer pins are kept whatever their entropy
   * @param steps the step budget of one walk request
   * @param stopPins how many pins (n_p) visited four times end a walk early
   * @param poll how often each server reads the pins made since its last poll
   * @param rebuild how often each server builds its graph again; zero never
   * @param walkers how many walks run at once
   */
  public record Related(
      int maxPinDegree,
      double maxBoardEntropy,
      int minPinsForEntropy,
      int steps,
      int stopPins,
      java.time.Duration poll,
      java.time.Duration rebuild,
      int walkers) {

    public Related {
      if (stopPins < 1) {
        throw new IllegalArgumentException("related early stopping needs at least 1 pin");
      }
      if (poll.toMillis() < 10) {
        throw new IllegalArgumentException("related poll interval must be at least 10 ms");
      }
      if (rebuild.isNegative()) {
        throw new IllegalArgumentException("related rebuild interval must not be negative");
      }
      if (walkers < 1) {
        throw new IllegalArgumentException("related walkers must be at least 1");
      }
    }

    /**
     * Degree cap 1,000, entropy limit 4 bits from 10 pins, 100,000 steps stopping early at 500
     * pins, a poll a second, a rebuild every 30 minutes, one walker per core.
     */
    public static Related defaults() {
      return new Related(
          1_000,
          4.0,
          10,
          100_000,
          500,
          java.time.Duration.ofSeconds(1),
          java.time.Duration.ofMinutes(30),
          Runtime.getRuntime().availableProcessors());
    }
  }

  /** The variable that sets {@link #sharedBuffers}. */
  public static final String SHARED_BUFFERS = "CORKBOARD_DB_SHARED_BUFFERS";

  /**
   * Whether this server keeps read caches. A cache is correct only while no other server writes to
   * the database, so {@code ON} holds the database alone and {@code OFF} shares it.
   */
  public enum ReadCacheMode {
    ON,
    OFF
  }

  /**
   * A configuration with the defaults for the media and storage options, and no rate limits (the
   * command line turns them on by default).
   */
  public ServerConfig(
      String host,
      int port,
      Path dataDir,
      Optional<String> databaseUrl,
      boolean registrationOpen,
      int databasePoolSize) {
    this(
        host,
        port,
        dataDir,
        databaseUrl,
        registrationOpen,
        databasePoolSize,
        Optional.empty(),
        java.util.List.of(),
        java.time.Duration.ofMinutes(2),
        ReadCacheMode.ON,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Feed.defaults(),
        RateLimits.off(),
        Related.defaults());
  }

  public ServerConfig {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0 to 65535, not " + port);
    }
    if (databasePoolSize < 1 || databasePoolSize > 64) {
      throw new IllegalArgumentException("database pool size must be 1 to 64");
    }
    dataDir = dataDir.toAbsolutePath().normalize();
    publicUrl = publicUrl.map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u);
    fetchAllow = java.util.List.copyOf(fetchAllow);
    if (jobLease.toSeconds() < 1) {
      throw new IllegalArgumentException("job lease must be at least 1 second");
    }
    sharedBuffers = sharedBuffers.map(String::strip).filter(size -> !size.isEmpty());
    blobDir = blobDir.map(dir -> dir.toAbsolutePath().normalize());
  }

  /** The same configuration with other address ranges the image fetcher may reach. */
  public ServerConfig withFetchAllow(java.util.List<String> ranges) {
    return copy(c -> c.fetchAllow = ranges);
  }

  /** The same configuration with another read cache mode. */
  public ServerConfig withReadCache(ReadCacheMode mode) {
    return copy(c -> c.readCache = mode);
  }

  /**
   * The same configuration with the storage settings that only the environment gives: the S3 store
   * ({@code CORKBOARD_S3_*}, see {@link S3Settings#fromEnvironment}) and {@value #SHARED_BUFFERS}.
   *
   * @throws IllegalArgumentException naming the S3 variable that is missing or malformed
   */
  public ServerConfig withStorageFrom(Map<String, String> env) {
    Optional<S3Settings> store = S3Settings.fromEnvironment(env);
    return copy(
        c -> {
          c.s3 = store;
          c.sharedBuffers = Optional.ofNullable(env.get(SHARED_BUFFERS));
        });
  }

  /** The same configuration with media bytes in another directory (when not in S3). */
  public ServerConfig withBlobDir(Path directory) {
    return copy(c -> c.blobDir = Optional.of(directory));
  }

  /** The same configuration with other home feed settings. */
  public ServerConfig withFeed(Feed settings) {
    return copy(c -> c.feed = settings);
  }

  /** The same configuration with other rate limits. */
  public ServerConfig withRateLimits(RateLimits limits) {
    return copy(c -> c.rateLimits = limits);
  }

  /** The same configuration with other related-pins settings. */
  public ServerConfig withRelated(Related settings) {
    return copy(c -> c.related = settings);
  }

  /** This configuration with what {@code change} sets changed, checked as a new one is. */
  private ServerConfig copy(java.util.function.Consumer<Copy> change) {
    Copy c = new Copy(this);
    change.accept(c);
    return new ServerConfig(
        c.host,
        c.port,
        c.dataDir,
        c.databaseUrl,
        c.registrationOpen,
        c.databasePoolSize,
        c.publicUrl,
        c.fetchAllow,
        c.jobLease,
        c.readCache,
        c.s3,
        c.sharedBuffers,
        c.blobDir,
        c.feed,
        c.rateLimits,
        c.related);
  }

  /** The components of a configuration being copied, for a wither to change some of. */
  private static final class Copy {
    final String host;
    final int port;
    final Path dataDir;
    final Optional<String> databaseUrl;
    final boolean registrationOpen;
    final int databasePoolSize;
    final Optional<String> publicUrl;
    java.util.List<String> fetchAllow;
    final java.time.Duration jobLease;
    ReadCacheMode readCache;
    Optional<S3Settings> s3;
    Optional<String> sharedBuffers;
    Optional<Path> blobDir;
    Feed feed;
    RateLimits rateLimits;
    Related related;

    Copy(ServerConfig c) {
      host = c.host;
      port = c.port;
      dataDir = c.dataDir;
      databaseUrl = c.databaseUrl;
      registrationOpen = c.registrationOpen;
      databasePoolSize = c.databasePoolSize;
      publicUrl = c.publicUrl;
      fetchAllow = c.fetchAllow;
      jobLease = c.jobLease;
      readCache = c.readCache;
      s3 = c.s3;
      sharedBuffers = c.sharedBuffers;
      blobDir = c.blobDir;
      feed = c.feed;
      rateLimits = c.rateLimits;
      related = c.related;
    }
  }

  /** Where media bytes live unless they are in S3: {@link #blobDir}, or the data directory's. */
  public Path blobDirectory() {
    return blobDir.orElse(dataDir.resolve("blobs"));
  }

  /** Whether the read caches are wanted. */
  public boolean wantsReadCache() {
    return readCache == ReadCacheMode.ON;
  }
}
