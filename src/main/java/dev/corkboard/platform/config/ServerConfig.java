package dev.corkboard.platform.config;

import java.nio.file.Path;
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
 * @param readCache whether reads may be served from memory: {@code AUTO} turns it on with the
 *     embedded PostgreSQL, which no other server shares
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
    ReadCacheMode readCache) {

  /**
   * Whether this server keeps read caches. A cache is correct only while no other server writes to
   * the database, so {@code ON} holds the database alone and {@code OFF} shares it.
   */
  public enum ReadCacheMode {
    AUTO,
    ON,
    OFF
  }

  /** A configuration with the defaults for the media options. */
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
        ReadCacheMode.AUTO);
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
  }

  /** The same configuration with other address ranges the image fetcher may reach. */
  public ServerConfig withFetchAllow(java.util.List<String> ranges) {
    return new ServerConfig(
        host,
        port,
        dataDir,
        databaseUrl,
        registrationOpen,
        databasePoolSize,
        publicUrl,
        ranges,
        jobLease,
        readCache);
  }

  /** The same configuration with another read cache mode. */
  public ServerConfig withReadCache(ReadCacheMode mode) {
    return new ServerConfig(
        host,
        port,
        dataDir,
        databaseUrl,
        registrationOpen,
        databasePoolSize,
        publicUrl,
        fetchAllow,
        jobLease,
        mode);
  }

  /** Whether the read caches are wanted: on, or automatic with the embedded PostgreSQL. */
  public boolean wantsReadCache() {
    return readCache == ReadCacheMode.ON
        || (readCache == ReadCacheMode.AUTO && databaseUrl.isEmpty());
  }
}
