package dev.corkboard.support;

import dev.corkboard.platform.db.Database;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** A database client on the shared test server's embedded PostgreSQL, for repository tests. */
public final class TestDatabase {

  private static Database shared;

  private TestDatabase() {}

  /** The shared client; the schema is migrated because the server started. */
  public static synchronized Database shared() {
    if (shared == null) {
      shared =
          Database.connect(TestServer.shared().databaseSettings(), 2, new SimpleMeterRegistry());
    }
    return shared;
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
