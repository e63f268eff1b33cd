package dev.corkboard.support;

import dev.corkboard.platform.db.ConnectionSettings;
import dev.corkboard.platform.db.Database;
import dev.corkboard.platform.db.Migrations;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/** A database client on the shared test server's embedded PostgreSQL, for repository tests. */
public final class TestDatabase {

  private static Database shared;

  private static final AtomicInteger FRESH = new AtomicInteger();

  private TestDatabase() {}

  /** The shared client; the schema is migrated because the server started. */
  public static synchronized Database shared() {
    if (shared == null) {
      shared =
          Database.connect(TestServer.shared().databaseSettings(), 2, new SimpleMeterRegistry());
    }
    return shared;
  }

  /**
   * A new, migrated database on the shared test server's PostgreSQL, for tests of several servers
   * that should wait for no other test's servers, nor hold them up.
   */
  public static ConnectionSettings fresh() {
    ConnectionSettings server = TestServer.shared().databaseSettings();
    String name = "fresh_" + ProcessHandle.current().pid() + "_" + FRESH.incrementAndGet();
    try (Connection connection =
        DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password())) {
      connection.createStatement().execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    ConnectionSettings settings =
        new ConnectionSettings(
            server.host(), server.port(), name, server.user(), server.password());
    Migrations.migrate(settings);
    return settings;
  }

  /** Inserts an account row directly and answers its id (shard taken from the id). */
  public static long insertAccount(Database db, long id, String username) {
    db.update(
        "INSERT INTO accounts (shard, id, username, password_hash) VALUES ($1, $2, $3, 'x')",
        dev.corkboard.platform.id.Ids.shardOf(id),
        id,
        username);
    return id;
  }
}
