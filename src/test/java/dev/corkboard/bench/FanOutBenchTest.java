package dev.corkboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corkboard.Application;
import dev.corkboard.platform.config.ServerConfig;
import dev.corkboard.platform.db.ConnectionSettings;
import dev.corkboard.platform.db.Database;
import dev.corkboard.support.TestDatabase;
import dev.corkboard.support.TestServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seed's most followed accounts, and the benchmark's figures of their saves' fan-out, against a
 * real server on a seeded database: every such save reaches every follower's feed once.
 */
class FanOutBenchTest {

  private static ConnectionSettings database;
  private static ServerConfig config;
  private static Manifest manifest;
  private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();
  private static final PrintStream OUT = new PrintStream(LOG, true, StandardCharsets.UTF_8);

  @BeforeAll
  static void seed() throws Exception {
    database = TestDatabase.fresh();
    Path dataDir = TestServer.newDataDir();
    config = new ServerConfig("127.0.0.1", 0, dataDir, Optional.of(database.toString()), true, 4);
    assertThat(SeedCommand.seed(config, SeedCommand.settings(3_000, null, null, null), OUT))
        .as(LOG.toString(StandardCharsets.UTF_8))
        .isTrue();
    manifest = Manifest.read(dataDir.resolve("bench"));
  }

  @Test
  void theMostFollowedAccountsHaveTenFollowersPerAccountWithBoardsAndATokenEach() {
    assertThat(manifest.popular()).hasSize(3);
    try (Database db = Database.connect(database, 2, new SimpleMeterRegistry())) {
      for (Manifest.User user : manifest.popular()) {
        assertThat(user.boards()).isNotEmpty();
        long counted =
            db.one(
                    "SELECT count(*) FROM user_follows WHERE followee_id = $1",
                    r -> r.getLong(0),
                    user.accountId())
                .orElseThrow();
        long kept =
            db.one(
                    "SELECT follower_count FROM accounts WHERE id = $1",
                    r -> r.getLong(0),
                    user.accountId())
                .orElseThrow();
        assertThat(counted).isEqualTo(kept).isEqualTo(300);
      }
      long accounts = db.one("SELECT count(*) FROM accounts", r -> r.getLong(0)).orElseThrow();
      assertThat(manifest.accounts()).isEqualTo((int) accounts).isGreaterThan(300);
    }
  }

  @Test
  void eachSaveOfAPopularAccountIsWrittenToTheFeedOfEveryFollowerOfItsBoard() throws Exception {
    Map<String, String> figures;
    long before;
    try (Database db = Database.connect(database, 2, new SimpleMeterRegistry())) {
      before = db.one("SELECT max(id) FROM pins", r -> r.getLong(0)).orElseThrow();
    }
    try (Application app =
        Application.start(
            config.withFeed(
                new ServerConfig.Feed(
                    Integer.MAX_VALUE,
                    ServerConfig.Feed.defaults().keep(),
                    64,
                    ServerConfig.Feed.defaults().firstPageFor())))) {
      figures = FanOutBench.measure(database, app.baseUrl(), manifest, OUT);
    }

    assertThat(figures.get("fan-out save")).contains("saves by accounts of 300 followers");
    assertThat(figures.get("fan-out")).contains("entries/s").contains("0 fan-out jobs failed");
    try (Database db = Database.connect(database, 2, new SimpleMeterRegistry())) {
      // Each pin against the followers of its board: its owner's, and its own who do not follow
      // the owner.
      List<long[]> written =
          db.list(
              """
              SELECT (SELECT count(*) FROM feed_entries e WHERE e.pin_id = p.id),
                     (SELECT count(*) FROM user_follows u WHERE u.followee_id = p.owner_id)
                     + (SELECT count(*) FROM board_follows b
                        WHERE b.board_id = p.board_id AND b.follows
                          AND NOT EXISTS (SELECT 1 FROM user_follows u
                                          WHERE u.follower_id = b.follower_id
                                            AND u.followee_id = p.owner_id))
              FROM pins p
              WHERE p.id > $1 AND p.owner_id = ANY($2::bigint[])
              """,
              r -> new long[] {r.getLong(0), r.getLong(1)},
              before,
              (Object)
                  manifest.popular().stream().map(Manifest.User::accountId).toArray(Long[]::new));
      assertThat(written).hasSize(FanOutBench.POPULAR_SAVES + 1);
      for (long[] pin : written) {
        assertThat(pin[0])
            .as("entries against followers")
            .isEqualTo(pin[1])
            .isGreaterThanOrEqualTo(300);
      }
    }
  }

  @Test
  void serversThatMergeThePopularAccountsWhenReadWriteNoEntriesAndTheFiguresSaySo()
      throws Exception {
    Map<String, String> figures;
    try (Application app =
        Application.start(
            config.withFeed(
                new ServerConfig.Feed(
                    100,
                    ServerConfig.Feed.defaults().keep(),
                    ServerConfig.Feed.defaults().batch(),
                    ServerConfig.Feed.defaults().firstPageFor())))) {
      figures = FanOutBench.measure(database, app.baseUrl(), manifest, OUT);
    }

    assertThat(figures.get("fan-out")).startsWith("no feed entries written");
    assertThat(figures.get("fan-out save")).contains("p50");
  }
}
