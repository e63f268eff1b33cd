package dev.corkboard.bench;

import dev.corkboard.platform.config.ServerConfig;
import dev.corkboard.platform.db.Database;
import dev.corkboard.platform.db.Migrations;
import dev.corkboard.platform.db.Storage;
import dev.corkboard.platform.id.SlotLease;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code corkboard seed}: bulk-loads the benchmark's data set into an empty data directory. */
@Command(
    name = "seed",
    mixinStandardHelpOptions = true,
    description =
        "Bulk-load a realistic data set (accounts, boards with sections, pins and saves, images,"
            + " tokens) with PostgreSQL COPY, for the benchmark.")
public final class SeedCommand implements Callable<Integer> {

  @Option(
      names = "--data-dir",
      defaultValue = "${env:CORKBOARD_DATA_DIR:-./bench-data}",
      description = "Data directory to seed (env CORKBOARD_DATA_DIR; default ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(
      names = "--database-url",
      defaultValue = "${env:CORKBOARD_DATABASE_URL}",
      description = "External PostgreSQL to seed instead of the embedded one.")
  String databaseUrl;

  @Option(
      names = "--pins",
      defaultValue = "1000000",
      description = "Pins to seed, saves included (default ${DEFAULT-VALUE}).")
  int pins;

  @Option(
      names = "--accounts",
      description =
          "Accounts with boards to seed (default: pins / 100, so 10,000 for a million pins).")
  Integer accounts;

  @Option(
      names = "--popular-followers",
      description =
          "Followers of each of the 3 most followed accounts, reached through more accounts that"
              + " own nothing and only follow (default: 10 per account with boards, at most"
              + " 100,000; 0 for none).")
  Integer popularFollowers;

  @Option(
      names = "--boards",
      description = "Boards to seed (default: pins / 10, so 100,000 for a million pins).")
  Integer boards;

  @Override
  public Integer call() throws Exception {
    Seeder.Settings settings = settings(pins, accounts, boards, popularFollowers);
    ServerConfig config =
        new ServerConfig(
                "127.0.0.1",
                0,
                dataDir,
                Optional.ofNullable(databaseUrl).filter(s -> !s.isBlank()),
                true,
                2)
            .withStorageFrom(System.getenv());
    return seed(config, settings, System.out) ? 0 : 1;
  }

  static Seeder.Settings settings(
      int pins,
      @Nullable Integer accounts,
      @Nullable Integer boards,
      @Nullable Integer popularFollowers) {
    Seeder.Settings d = Seeder.Settings.forPins(pins);
    return new Seeder.Settings(
        accounts == null ? d.accounts() : accounts,
        boards == null ? d.boards() : boards,
        pins,
        d.saveShare(),
        d.secretShare(),
        d.images(),
        d.users(),
        d.popularAccounts(),
        popularFollowers == null
            ? accounts == null
                ? d.popularFollowers()
                : Math.min(Seeder.POPULAR_FOLLOWERS, 10 * accounts)
            : popularFollowers,
        d.randomSeed());
  }

  /**
   * Seeds the storage of {@code config} unless it is seeded already; false (with a message) when
   * its database holds data that no seed described.
   */
  static boolean seed(ServerConfig config, Seeder.Settings settings, PrintStream out)
      throws Exception {
    Path dataDir = config.dataDir();
    Path benchDir = dataDir.resolve("bench");
    try (Storage storage = Storage.open(config)) {
      Migrations.migrate(storage.database());
      if (Seeder.hasData(storage.database())) {
        if (Manifest.exists(benchDir)) {
          Manifest m = Manifest.read(benchDir);
          out.printf(
              "seed: %s is seeded already (%,d pins, %s); skipping%n",
              dataDir, m.pins(), m.seededAt());
          return true;
        }
        out.println(
            "seed: the database of "
                + dataDir
                + " holds data but no benchmark manifest; seed an empty data directory");
        return false;
      }
      try (Database database = Database.connect(storage.database(), 2, new SimpleMeterRegistry());
          SlotLease lease = SlotLease.acquire(database, Clock.systemUTC())) {
        new Seeder(storage.database(), storage.blobs(), lease.generator(), benchDir, out)
            .seed(settings);
      }
      return true;
    }
  }
}
