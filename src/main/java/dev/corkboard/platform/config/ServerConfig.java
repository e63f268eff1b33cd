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
 */
public record ServerConfig(
    String host,
    int port,
    Path dataDir,
    Optional<String> databaseUrl,
    boolean registrationOpen,
    int databasePoolSize) {

  public ServerConfig {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0 to 65535, not " + port);
    }
    if (databasePoolSize < 1 || databasePoolSize > 64) {
      throw new IllegalArgumentException("database pool size must be 1 to 64");
    }
    dataDir = dataDir.toAbsolutePath().normalize();
  }
}
