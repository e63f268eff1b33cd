package dev.corkboard.platform.db;

import io.vertx.pgclient.PgConnectOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Where the PostgreSQL server is and how to log in.
 *
 * @param host the host name or address
 * @param port the TCP port
 * @param database the database name
 * @param user the role to log in as
 * @param password the password, empty for none
 */
public record ConnectionSettings(
    String host, int port, String database, String user, String password) {

  /**
   * Parses a {@code postgresql://user:password@host:port/database} URL; fails with a message fit
   * for the command line.
   */
  public static ConnectionSettings fromUrl(String url) {
    if (!url.startsWith("postgresql://") && !url.startsWith("postgres://")) {
      throw new IllegalArgumentException(
          "database URL must look like postgresql://user:password@host:5432/database");
    }
    PgConnectOptions options;
    try {
      options = PgConnectOptions.fromUri(url);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("database URL is malformed: " + e.getMessage(), e);
    }
    return new ConnectionSettings(
        options.getHost(),
        options.getPort(),
        options.getDatabase(),
        options.getUser(),
        options.getPassword() == null ? "" : options.getPassword());
  }

  /** The JDBC URL of the same database, for Flyway. */
  public String jdbcUrl() {
    return "jdbc:postgresql://"
        + (host.contains(":") ? "[" + host + "]" : host)
        + ":"
        + port
        + "/"
        + URLEncoder.encode(database, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "postgresql://" + user + "@" + host + ":" + port + "/" + database;
  }
}
