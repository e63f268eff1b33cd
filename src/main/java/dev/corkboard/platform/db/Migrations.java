package dev.corkboard.platform.db;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Applies the versioned schema migrations under {@code db/migration} to the database. */
public final class Migrations {

  private Migrations() {}

  /** Migrates the database to the newest schema version and answers how many were applied. */
  public static int migrate(ConnectionSettings settings) {
    Flyway flyway =
        Flyway.configure()
            .dataSource(settings.jdbcUrl(), settings.user(), settings.password())
            .locations("classpath:db/migration")
            .load();
    MigrateResult result = flyway.migrate();
    return result.migrationsExecuted;
  }
}
