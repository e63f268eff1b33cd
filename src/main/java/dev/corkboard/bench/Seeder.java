package dev.corkboard.bench;

import dev.corkboard.media.InvalidImageException;
import dev.corkboard.media.MediaService;
import dev.corkboard.platform.api.Scope;
import dev.corkboard.platform.blob.BlobStore;
import dev.corkboard.platform.db.ConnectionSettings;
import dev.corkboard.platform.id.IdGenerator;
import dev.corkboard.platform.id.Ids;
import dev.corkboard.search.SearchSql;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Bulk-loads a realistic data set through PostgreSQL {@code COPY}: accounts, boards with sections,
 * pins on boards whose sizes follow a power law, about a third of them saves of earlier pins
 * (sharing their media source; nine in ten of the topic planted in their board's name), a small set
 * of real images with their variants, and bearer tokens for a sample of accounts. Writes a {@link
 * Manifest} that the load generator reads.
 *
 * <p>This is the one place besides Flyway that talks JDBC: the reactive client has no {@code COPY}.
 */
final class Seeder {

  private static final int BATCH_PINS = 20_000;

  /** The share of saves whose original is of the topic of the board they are saved to. */
  static final double TOPIC_SAVES = 0.9;

  /**
   * The planted topic of board {@code b}: the noun of its name. A new pin takes its board's topic,
   * and its title says it ({@code <adjective> <topic noun> idea}); nine saves in ten are of pins of
   * the board's topic, so related pins can be scored for staying within a topic.
   */
  static int topicOfBoard(int b) {
    return (b / 7) % NOUNS.length;
  }

  /** The planted topic of a seeded pin's title, or -1 for a title the seed did not write. */
  static int topicOfTitle(String title) {
    for (int t = 0; t < NOUNS.length; t++) {
      if (title.endsWith(" " + NOUNS[t] + " idea")) {
        return t;
      }
    }
    return -1;
  }

  private static final int USER_PINS = 50;
  private static final int USER_BOARDS = 20;
  private static final int DEEP_BOARDS = 10;
  private static final int HOT_PINS = 1_000;
  private static final String NO_PASSWORD = "!seeded-account-without-password";

  /** The first words of seeded titles and board names, one per pin or board in turn. */
  static final String[] ADJECTIVES = {
    "Cozy", "Minimal", "Rustic", "Vintage", "Bright", "Quiet", "Summer", "Autumn", "Easy", "Bold",
    "Tiny", "Coastal", "Nordic", "Modern", "Classic", "Wild", "Golden", "Soft", "Urban", "Green"
  };

  /** The next words of seeded titles and board names. */
  static final String[] NOUNS = {
    "kitchen",
    "garden",
    "recipes",
    "living room",
    "outfits",
    "wedding ideas",
    "bookshelf",
    "workspace",
    "travel spots",
    "cakes",
    "tattoos",
    "nails",
    "hairstyles",
    "cabin",
    "balcony",
    "quilts",
    "sketches",
    "posters",
    "lamps",
    "ceramics",
    "bathroom",
    "desserts",
    "pasta",
    "bread"
  };

  /**
   * How much to seed.
   *
   * @param accounts accounts
   * @param boards boards
   * @param pins pins, including saves
   * @param saveShare the share of pins that are saves of an earlier pin
   * @param secretShare the share of boards that are SECRET
   * @param images distinct real images (with variants) the pins show
   * @param users accounts that get a bearer token for the load generator
   * @param popularAccounts the most followed accounts that are given {@code popularFollowers}
   *     followers each, through accounts that only follow (a token each, too)
   * @param popularFollowers how many followers each of them has
   * @param randomSeed makes the data set reproducible (apart from ids and tokens)
   */
  record Settings(
      int accounts,
      int boards,
      int pins,
      double saveShare,
      double secretShare,
      int images,
      int users,
      int popularAccounts,
      int popularFollowers,
      long randomSeed) {

    Settings {
      if (accounts < 1 || boards < 1 || pins < 1) {
        throw new IllegalArgumentException("accounts, boards and pins must be positive");
      }
      if (users < 1 || images < 1) {
        throw new IllegalArgumentException("users and images must be positive");
      }
      if (popularAccounts < 0 || popularFollowers < 0) {
        throw new IllegalArgumentException("popular accounts and followers must not be negative");
      }
    }

    /**
     * The default proportions (10 boards per account, 10 pins per board) for a pin count, and 3
     * accounts with ten times as many followers as there are other accounts, at most 100,000 (the
     * 1M-pin seed's).
     */
    static Settings forPins(int pins) {
      int accounts = Math.max(10, pins / 100);
      int boards = Math.max(20, pins / 10);
      return new Settings(
          accounts,
          boards,
          pins,
          1.0 / 3,
          0.03,
          pins >= 500_000 ? 200 : 50,
          200,
          3,
          Math.min(POPULAR_FOLLOWERS, 10 * accounts),
          42);
    }
  }

  /** Counts and timings of a finished seed. */
  record Result(long rows, double seconds, double vacuumSeconds) {
    double rowsPerSecond() {
      return rows / seconds;
    }
  }

  private final ConnectionSettings database;
  private final BlobStore blobs;
  private final IdGenerator ids;
  private final Path benchDir;
  private final PrintStream out;
  private long rows;
  private long started;
  private long lastReport;

  Seeder(
      ConnectionSettings database,
      BlobStore blobs,
      IdGenerator ids,
      Path benchDir,
      PrintStream out) {
    this.database = database;
    this.blobs = blobs;
    this.ids = ids;
    this.benchDir = benchDir;
    this.out = out;
  }

  /** Whether the database already holds accounts. */
  static boolean hasData(ConnectionSettings database) throws SQLException {
    try (Connection c = connect(database);
        Statement s = c.createStatement();
        var rs = s.executeQuery("SELECT EXISTS (SELECT 1 FROM accounts)")) {
      rs.next();
      return rs.getBoolean(1);
    }
  }

  Result seed(Settings settings) throws Exception {
    Random random = new Random(settings.randomSeed());
    Files.createDirectories(benchDir);
    try (Connection c = connect(database)) {
      boolean fast = skipTriggers(c);
      out.printf(
          "seed: %,d accounts, %,d boards, %,d pins (%.0f%% saves), %d images%s%n",
          settings.accounts(),
          settings.boards(),
          settings.pins(),
          settings.saveShare() * 100,
          settings.images(),
          fast ? "" : " (foreign keys checked row by row: not a superuser)");
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      long imagesStart = System.nanoTime();
      List<MediaService.ReadyMedia> media = images(settings.images(), random);
      out.printf(
          "seed: %d images with their variants stored in %.1f s%n",
          media.size(), (System.nanoTime() - imagesStart) / 1e9);
      started = System.nanoTime();
      lastReport = started;
      insertMedia(c, media);
      rows += media.size();

      // Accounts.
      int accountCount = settings.accounts();
      long[] accountIds = new long[accountCount];
      for (int a = 0; a < accountCount; a++) {
        accountIds[a] = ids.next((short) random.nextInt(Ids.SHARDS));
      }
      // Boards: owners, sizes, privacy, sections.
      int boardCount = settings.boards();
      int[] owner = new int[boardCount];
      long[] boardIds = new long[boardCount];
      boolean[] secret = new boolean[boardCount];
      int[] sizes =
          BoardSizes.powerLaw(boardCount, settings.pins(), BoardSizes.DEFAULT_EXPONENT, random);
      int[] boardsOf = new int[accountCount];
      long[] pinsOf = new long[accountCount];
      int[] firstSection = new int[boardCount + 1];
      int sectionCount = 0;
      for (int b = 0; b < boardCount; b++) {
        owner[b] = b < accountCount ? b : random.nextInt(accountCount);
        boardIds[b] = ids.next(Ids.shardOf(accountIds[owner[b]]));
        secret[b] = random.nextDouble() < settings.secretShare();
        boardsOf[owner[b]]++;
        pinsOf[owner[b]] += sizes[b];
        firstSection[b] = sectionCount;
        sectionCount += random.nextInt(4);
      }
      firstSection[boardCount] = sectionCount;
      long[] sectionIds = new long[sectionCount];
      for (int b = 0; b < boardCount; b++) {
        for (int s = firstSection[b]; s < firstSection[b + 1]; s++) {
          sectionIds[s] = ids.next(Ids.shardOf(boardIds[b]));
        }
      }

      // Follows, drawn apart from the rest so that the other data stays as it was for a seed.
      FollowGraph follows =
          FollowGraph.draw(accountCount, owner, secret, new Random(settings.randomSeed() + 1))
              .withPopular(settings.popularAccounts(), settings.popularFollowers(), owner, secret);
      // The accounts that only follow come after the others, their shards drawn apart too.
      int allAccounts = follows.accounts();
      long[] allIds = Arrays.copyOf(accountIds, allAccounts);
      Random readers = new Random(settings.randomSeed() + 2);
      for (int a = accountCount; a < allAccounts; a++) {
        allIds[a] = ids.next((short) readers.nextInt(Ids.SHARDS));
      }
      if (allAccounts > accountCount) {
        out.printf(
            "seed: %,d more accounts that only follow, so that the %d most followed have %,d"
                + " followers each%n",
            allAccounts - accountCount, follows.popular().length, settings.popularFollowers());
      }

      Rows accounts = new Rows();
      Rows usernames = new Rows();
      for (int a = 0; a < allAccounts; a++) {
        long id = allIds[a];
        String username = "bench_" + a;
        accounts.row(
            Ids.shardOf(id),
            id,
            username,
            NO_PASSWORD,
            Ids.instantOf(id),
            a < accountCount ? boardsOf[a] : 0,
            a < accountCount ? pinsOf[a] : 0,
            follows.followerCount()[a],
            follows.followingCount(a));
        usernames.row(username, Ids.shardOf(id), id);
      }
      copy(
          copy,
          "accounts (shard, id, username, password_hash, created_at, board_count, pin_count,"
              + " follower_count, following_count)",
          accounts);
      copy(copy, "usernames (username_key, shard, account_id)", usernames);
      report("accounts", allAccounts, 2L * allAccounts);

      Rows boards = new Rows();
      for (int b = 0; b < boardCount; b++) {
        long id = boardIds[b];
        boards.row(
            Ids.shardOf(id),
            id,
            accountIds[owner[b]],
            ADJECTIVES[b % ADJECTIVES.length] + " " + NOUNS[topicOfBoard(b)] + " " + b,
            b % 3 == 0 ? null : "Ideas I keep coming back to, collected over the years.",
            secret[b] ? "SECRET" : "PUBLIC",
            Ids.instantOf(id),
            Ids.instantOf(id),
            sizes[b],
            follows.directFollowerCount()[b],
            0);
      }
      copy(
          copy,
          "boards (shard, id, owner_id, name, description, privacy, created_at,"
              + " board_pins_modified_at, pin_count, direct_follower_count, collaborator_count)",
          boards);
      report("boards", boardCount, boardCount);

      Rows sections = new Rows();
      for (int b = 0; b < boardCount; b++) {
        for (int s = firstSection[b]; s < firstSection[b + 1]; s++) {
          long id = sectionIds[s];
          sections.row(
              Ids.shardOf(id), id, boardIds[b], "Section " + (s - firstSection[b] + 1), now(id));
        }
      }
      copy(copy, "board_sections (shard, id, board_id, name, created_at)", sections);
      report("sections", sectionCount, sectionCount);
      copyFollows(copy, follows, allIds, boardIds, owner);

      // The accounts that get tokens, and what the load generator needs to know about them.
      int[] publicBoardsOf = new int[accountCount];
      for (int b = 0; b < boardCount; b++) {
        publicBoardsOf[owner[b]] += secret[b] ? 0 : 1;
      }
      // The biggest public board's owner always gets a token: the reorder scenario arranges it.
      int biggest = -1;
      for (int b = 0; b < boardCount; b++) {
        if (!secret[b] && (biggest < 0 || sizes[b] > sizes[biggest])) {
          biggest = b;
        }
      }
      int[] picked =
          pickUsers(settings.users(), publicBoardsOf, random, biggest < 0 ? -1 : owner[biggest]);
      // The most followed accounts get a token too, after the others (once, if picked already).
      int[] users =
          IntStream.concat(
                  Arrays.stream(picked),
                  Arrays.stream(follows.popular())
                      .filter(p -> Arrays.stream(picked).noneMatch(u -> u == p)))
              .toArray();
      int[] userOf = new int[accountCount];
      Arrays.fill(userOf, -1);
      for (int u = 0; u < users.length; u++) {
        userOf[users[u]] = u;
      }
      List<List<Long>> userPins = new ArrayList<>();
      List<List<Long>> userBoards = new ArrayList<>();
      for (int u = 0; u < users.length; u++) {
        userPins.add(new ArrayList<>());
        userBoards.add(new ArrayList<>());
      }
      if (biggest >= 0 && userOf[owner[biggest]] >= 0) {
        userBoards.get(userOf[owner[biggest]]).add(boardIds[biggest]);
      }
      for (int b = 0; b < boardCount; b++) {
        int u = userOf[owner[b]];
        // Only public boards: moves between them keep every pin of the public list public.
        if (u >= 0 && b != biggest && !secret[b] && userBoards.get(u).size() < USER_BOARDS) {
          userBoards.get(u).add(boardIds[b]);
        }
      }

      // Pins, in a random order over the boards so that every board grows over time.
      int pinCount = settings.pins();
      int[] order = new int[pinCount];
      int k = 0;
      for (int b = 0; b < boardCount; b++) {
        for (int i = 0; i < sizes[b]; i++) {
          order[k++] = b;
        }
      }
      for (int i = pinCount - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int swap = order[i];
        order[i] = order[j];
        order[j] = swap;
      }
      long[] pinIds = new long[pinCount];
      long[] sourceOf = new long[pinCount];
      int[] rootOf = new int[pinCount];
      int[] rootTopic = new int[pinCount];
      long[] publicPins = new long[pinCount];
      int[] publicCount = {0};
      BlockingQueue<Batch> batches = new ArrayBlockingQueue<>(2);
      Throwable[] failure = {null};
      Thread generator =
          Thread.ofPlatform()
              .name("seed-generator")
              .start(
                  () -> {
                    try {
                      Random r = new Random(settings.randomSeed() + 1);
                      // Planted topics: pins whose originals share a topic, by topic.
                      int[][] byTopic = new int[NOUNS.length][16];
                      int[] inTopic = new int[NOUNS.length];
                      for (int from = 0; from < pinCount; from += BATCH_PINS) {
                        int to = Math.min(pinCount, from + BATCH_PINS);
                        Batch batch = new Batch(to - from);
                        for (int i = from; i < to; i++) {
                          int b = order[i];
                          short shard = Ids.shardOf(boardIds[b]);
                          long id = ids.next(shard);
                          pinIds[i] = id;
                          long parentId = 0;
                          int topic = topicOfBoard(b);
                          if (i > 0 && r.nextDouble() < settings.saveShare()) {
                            // Older pins are saved more: a skew toward the start. Nine saves in
                            // ten are of the board's topic, the rest of any.
                            double skew = Math.pow(r.nextDouble(), 3);
                            int parent =
                                inTopic[topic] > 0 && r.nextDouble() < TOPIC_SAVES
                                    ? byTopic[topic][(int) (inTopic[topic] * skew)]
                                    : (int) (i * skew);
                            rootOf[i] = rootOf[parent];
                            sourceOf[i] = sourceOf[parent];
                            parentId = pinIds[parent];
                          } else {
                            rootOf[i] = i;
                            rootTopic[i] = topic;
                            sourceOf[i] = ids.next(shard);
                            MediaService.ReadyMedia m =
                                media.get((int) (media.size() * r.nextDouble() * r.nextDouble()));
                            batch.sources.row(
                                sourceOf[i],
                                "https://images.example.com/seed/" + i + ".jpg",
                                "fetched",
                                m.sha256(),
                                now(id));
                          }
                          int root = rootOf[i];
                          int planted = rootTopic[root];
                          if (inTopic[planted] == byTopic[planted].length) {
                            byTopic[planted] =
                                Arrays.copyOf(byTopic[planted], inTopic[planted] * 2);
                          }
                          byTopic[planted][inTopic[planted]++] = i;
                          int sectionsOfBoard = firstSection[b + 1] - firstSection[b];
                          Long section =
                              sectionsOfBoard > 0 && r.nextDouble() < 0.4
                                  ? sectionIds[firstSection[b] + r.nextInt(sectionsOfBoard)]
                                  : null;
                          batch.pins.row(
                              shard,
                              id,
                              accountIds[owner[b]],
                              boardIds[b],
                              section,
                              ADJECTIVES[root % ADJECTIVES.length] + " " + NOUNS[planted] + " idea",
                              root % 4 == 0
                                  ? null
                                  : "A favourite find, number " + root + ", worth a second look.",
                              "https://example.com/ideas/" + root,
                              null,
                              null,
                              parentId == 0 ? null : parentId,
                              "REGULAR",
                              now(id));
                          batch.pinMedia.row(shard, id, 0, sourceOf[i], null, null, null);
                          if (!secret[b]) {
                            publicPins[publicCount[0]++] = id;
                          }
                          int u = userOf[owner[b]];
                          if (u >= 0 && !secret[b] && userPins.get(u).size() < USER_PINS) {
                            userPins.get(u).add(id);
                          }
                        }
                        batches.put(batch);
                      }
                    } catch (Throwable e) {
                      failure[0] = e;
                    } finally {
                      try {
                        batches.put(Batch.END);
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                    }
                  });
      long pinsDone = 0;
      while (true) {
        Batch batch = batches.poll(10, TimeUnit.MINUTES);
        if (batch == null || batch == Batch.END) {
          break;
        }
        // Foreign key order: sources, then pins, then the rows that join them.
        copy(copy, "media_sources (id, url, state, sha256, created_at)", batch.sources);
        copy(
            copy,
            "pins (shard, id, owner_id, board_id, section_id, title, description, link,"
                + " alt_text, dominant_color, parent_pin_id, creative_type, created_at)",
            batch.pins);
        copy(
            copy,
            "pin_media (shard, pin_id, position, source_id, title, description, link)",
            batch.pinMedia);
        pinsDone += batch.count;
        report("pins", pinsDone, batch.sources.count + batch.pins.count + batch.pinMedia.count);
      }
      generator.join();
      if (failure[0] != null) {
        throw new IllegalStateException("seed data generation failed", failure[0]);
      }

      // Search documents from the rows just copied, in one statement per table, and their GIN
      // indexes built once over all of them.
      long searchStart = System.nanoTime();
      try (Statement s = c.createStatement()) {
        for (String statement : SearchSql.rebuild()) {
          s.execute(statement);
        }
      }
      out.printf("seed: search documents in %.1f s%n", (System.nanoTime() - searchStart) / 1e9);

      List<Manifest.User> manifestUsers = new ArrayList<>();
      insertTokens(c, users, accountIds, userBoards, userPins, manifestUsers);
      List<Manifest.User> popularUsers = new ArrayList<>();
      for (int p : follows.popular()) {
        popularUsers.add(manifestUsers.get(userOf[p]));
      }
      manifestUsers = new ArrayList<>(manifestUsers.subList(0, picked.length));
      rows += 2L * users.length;
      double seconds = (System.nanoTime() - started) / 1e9;
      out.printf(
          "seed: %,d rows copied in %.1f s: %,.0f rows/s (%,.0f pins/s)%n",
          rows, seconds, rows / seconds, pinCount / seconds);

      long feedStart = System.nanoTime();
      long entries = fillFeeds(c);
      out.printf(
          "seed: %,d home feed entries in %.1f s (accounts of %,d followers or more merged when"
              + " read)%n",
          entries, (System.nanoTime() - feedStart) / 1e9, FEED_MERGE_ABOVE);

      long vacuumStart = System.nanoTime();
      try (Statement s = c.createStatement()) {
        s.execute(
            "VACUUM (ANALYZE) accounts, usernames, tokens, token_lookup, boards, board_sections,"
                + " media, media_sources, pins, pin_media, user_follows, board_follows,"
                + " feed_entries, pin_search, pin_terms, board_search, search_words");
      }
      double vacuumSeconds = (System.nanoTime() - vacuumStart) / 1e9;
      out.printf("seed: VACUUM ANALYZE in %.1f s%n", vacuumSeconds);

      writeManifest(
          settings,
          allAccounts,
          sizes,
          boardIds,
          secret,
          manifestUsers,
          popularUsers,
          Arrays.copyOf(publicPins, publicCount[0]),
          random,
          new Result(rows, seconds, vacuumSeconds));
      return new Result(rows, seconds, vacuumSeconds);
    }
  }

  /** The followers of each of the most followed accounts of the 1M-pin seed. */
  static final int POPULAR_FOLLOWERS = 100_000;

  /**
   * The follower count from which the seed's accounts are merged into home feeds when read rather
   * than written to them: on the default 10,000 accounts, the handful most followed.
   */
  static final int FEED_MERGE_ABOVE = 1_000;

  // For each account, the newest entries its fan-outs would have left: the pins of the boards it
  // follows whose owners have fewer than FEED_MERGE_ABOVE followers, less its own, the newest
  // ServerConfig.Feed's keep of them (each board's newest that many, then the newest overall).
  private static final String FILL_FEEDS =
      """
      INSERT INTO feed_entries (shard, account_id, pin_id)
      SELECT r.shard, r.id, top.id
      FROM accounts r
      CROSS JOIN LATERAL (
        SELECT p.id
        FROM (%s) f
        JOIN boards fb ON fb.shard = f.shard AND fb.id = f.board_id AND fb.owner_id <> r.id
        JOIN accounts o ON o.shard = fb.shard AND o.id = fb.owner_id AND o.follower_count < %d
        CROSS JOIN LATERAL (SELECT id FROM pins
                            WHERE shard = f.shard AND board_id = f.board_id
                            ORDER BY id DESC LIMIT %d) p
        ORDER BY p.id DESC LIMIT %d) top
      """
          .formatted(
              dev.corkboard.follow.FollowSql.FOLLOWED_BOARDS
                  .replace("$1", "r.shard")
                  .replace("$2", "r.id"),
              FEED_MERGE_ABOVE,
              dev.corkboard.platform.config.ServerConfig.Feed.defaults().keep(),
              dev.corkboard.platform.config.ServerConfig.Feed.defaults().keep());

  /** Fills the home feeds as the fan-out would have; answers how many entries it wrote. */
  private static long fillFeeds(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      return s.executeLargeUpdate(FILL_FEEDS);
    }
  }

  /** Copies the follow graph into user_follows and board_follows, in batches. */
  private void copyFollows(
      CopyManager copy, FollowGraph graph, long[] accountIds, long[] boardIds, int[] owner)
      throws SQLException, IOException {
    Rows users = new Rows();
    Rows boards = new Rows();
    for (int a = 0; a < accountIds.length; a++) {
      long follower = accountIds[a];
      short shard = Ids.shardOf(follower);
      for (int f : graph.followees()[a]) {
        long id = ids.next(shard);
        users.row(shard, follower, Ids.shardOf(accountIds[f]), accountIds[f], id, now(id));
      }
      for (int b : graph.boards()[a]) {
        long id = ids.next(shard);
        boards.row(
            shard,
            follower,
            Ids.shardOf(boardIds[b]),
            boardIds[b],
            accountIds[owner[b]],
            true,
            id,
            now(id));
      }
      if (users.count + boards.count >= BATCH_PINS || a == accountIds.length - 1) {
        copy(
            copy,
            "user_follows (shard, follower_id, followee_shard, followee_id, id, created_at)",
            users);
        copy(
            copy,
            "board_follows (shard, follower_id, board_shard, board_id, owner_id, follows, id,"
                + " created_at)",
            boards);
        report("follows", a + 1L, users.count + boards.count);
        users = new Rows();
        boards = new Rows();
      }
    }
  }

  private void writeManifest(
      Settings settings,
      int accounts,
      int[] sizes,
      long[] boardIds,
      boolean[] secret,
      List<Manifest.User> users,
      List<Manifest.User> popular,
      long[] publicPins,
      Random random,
      Result result)
      throws IOException {
    Integer[] byBoardSize = new Integer[sizes.length];
    for (int b = 0; b < sizes.length; b++) {
      byBoardSize[b] = b;
    }
    Arrays.sort(byBoardSize, (a, b) -> Integer.compare(sizes[b], sizes[a]));
    List<Manifest.BigBoard> deep = new ArrayList<>();
    for (int i = 0; i < byBoardSize.length && deep.size() < DEEP_BOARDS; i++) {
      int b = byBoardSize[i];
      if (!secret[b]) {
        deep.add(new Manifest.BigBoard(boardIds[b], sizes[b]));
      }
    }
    long[] hot = new long[Math.min(HOT_PINS, publicPins.length)];
    for (int i = 0; i < hot.length; i++) {
      hot[i] = publicPins[random.nextInt(publicPins.length)];
    }
    Manifest manifest =
        new Manifest(
            accounts,
            settings.boards(),
            settings.pins(),
            result.rows(),
            result.rowsPerSecond(),
            Instant.now().toString(),
            hot,
            deep,
            users,
            popular);
    manifest.write(benchDir, publicPins);
  }

  private void insertTokens(
      Connection c,
      int[] users,
      long[] accountIds,
      List<List<Long>> userBoards,
      List<List<Long>> userPins,
      List<Manifest.User> manifestUsers)
      throws SQLException {
    SecureRandom secure = new SecureRandom();
    String[] scopes = Arrays.stream(Scope.values()).map(Scope::wireName).toArray(String[]::new);
    java.sql.Array scopeArray = c.createArrayOf("text", scopes);
    try (PreparedStatement tokens =
            c.prepareStatement(
                "INSERT INTO tokens (shard, id, account_id, name, scopes, token_hash, created_at)"
                    + " VALUES (?, ?, ?, 'bench', ?, ?, now())");
        PreparedStatement lookup =
            c.prepareStatement(
                "INSERT INTO token_lookup (token_hash, shard, token_id, account_id, scopes)"
                    + " VALUES (?, ?, ?, ?, ?)")) {
      for (int u = 0; u < users.length; u++) {
        long accountId = accountIds[users[u]];
        short shard = Ids.shardOf(accountId);
        long tokenId = ids.next(shard);
        byte[] secretBytes = new byte[32];
        secure.nextBytes(secretBytes);
        String secret =
            "cbk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
        byte[] hash = sha256(secret);
        tokens.setShort(1, shard);
        tokens.setLong(2, tokenId);
        tokens.setLong(3, accountId);
        tokens.setArray(4, scopeArray);
        tokens.setBytes(5, hash);
        tokens.addBatch();
        lookup.setBytes(1, hash);
        lookup.setShort(2, shard);
        lookup.setLong(3, tokenId);
        lookup.setLong(4, accountId);
        lookup.setArray(5, scopeArray);
        lookup.addBatch();
        manifestUsers.add(
            new Manifest.User(
                accountId,
                secret,
                userBoards.get(u).stream().mapToLong(Long::longValue).toArray(),
                userPins.get(u).stream().mapToLong(Long::longValue).toArray()));
      }
      tokens.executeBatch();
      lookup.executeBatch();
    }
  }

  /**
   * {@code wanted} random accounts with at least two public boards (so a pin can move), {@code
   * first} (if any) first.
   */
  private static int[] pickUsers(int wanted, int[] boardsOf, Random random, int first) {
    List<Integer> candidates = new ArrayList<>();
    for (int a = 0; a < boardsOf.length; a++) {
      if (boardsOf[a] >= 2 && a != first) {
        candidates.add(a);
      }
    }
    java.util.Collections.shuffle(candidates, random);
    if (first >= 0) {
      candidates.addFirst(first);
    }
    return candidates.stream().limit(wanted).mapToInt(Integer::intValue).toArray();
  }

  private void insertMedia(Connection c, List<MediaService.ReadyMedia> media) throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO media (sha256, state, format, width, height, byte_size, dominant_color,"
                + " variants) VALUES (?, 'ready', ?, ?, ?, ?, ?, ?::jsonb)"
                + " ON CONFLICT (sha256) DO NOTHING")) {
      for (MediaService.ReadyMedia m : media) {
        insert.setString(1, m.sha256());
        insert.setString(2, m.format());
        insert.setInt(3, m.width());
        insert.setInt(4, m.height());
        insert.setLong(5, m.byteSize());
        insert.setString(6, m.dominantColor());
        insert.setString(7, m.variantsJson());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  /** Distinct generated JPEGs (gradients with a few shapes), stored with their variants. */
  private List<MediaService.ReadyMedia> images(int count, Random random)
      throws IOException, InvalidImageException {
    List<MediaService.ReadyMedia> media = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int width = 320 + random.nextInt(5) * 64;
      int height = 240 + random.nextInt(8) * 64;
      BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
      Graphics2D g = image.createGraphics();
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setPaint(new GradientPaint(0, 0, randomColor(random), width, height, randomColor(random)));
      g.fillRect(0, 0, width, height);
      for (int s = 0; s < 6; s++) {
        g.setColor(randomColor(random));
        int w = 40 + random.nextInt(width / 2);
        int h = 40 + random.nextInt(height / 2);
        g.fillOval(random.nextInt(width - 40), random.nextInt(height - 40), w, h);
      }
      g.dispose();
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      ImageIO.write(image, "jpg", bytes);
      media.add(MediaService.storeReady(blobs, bytes.toByteArray()));
    }
    return media;
  }

  private static Color randomColor(Random random) {
    return new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256));
  }

  /**
   * Turns off foreign-key triggers for this session: the generated rows are consistent by
   * construction, and checking each of millions of rows would double the load time. Needs a
   * superuser (the embedded PostgreSQL); elsewhere the keys are checked as usual.
   */
  private static boolean skipTriggers(Connection c) {
    try (Statement s = c.createStatement()) {
      s.execute("SET session_replication_role = replica");
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  private void copy(CopyManager copy, String target, Rows data) throws SQLException, IOException {
    if (data.count == 0) {
      return;
    }
    copy.copyIn(
        "COPY " + target + " FROM STDIN",
        new ByteArrayInputStream(data.text.toString().getBytes(StandardCharsets.UTF_8)));
  }

  private void report(String what, long done, long newRows) {
    rows += newRows;
    long now = System.nanoTime();
    if ((what.equals("pins") || what.equals("follows")) && now - lastReport < 2_000_000_000L) {
      return;
    }
    lastReport = now;
    double seconds = (now - started) / 1e9;
    out.printf("seed: %-8s %,12d   rows %,12d   %,9.0f rows/s%n", what, done, rows, rows / seconds);
    out.flush();
  }

  private static Instant now(long id) {
    return Ids.instantOf(id);
  }

  static Connection connect(ConnectionSettings settings) throws SQLException {
    return DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
  }

  private static byte[] sha256(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Rows in PostgreSQL's COPY text format (tab-separated, {@code \N} for null). */
  static final class Rows {
    final StringBuilder text = new StringBuilder(1 << 16);
    int count;

    void row(@Nullable Object... values) {
      for (int i = 0; i < values.length; i++) {
        if (i > 0) {
          text.append('\t');
        }
        Object v = values[i];
        if (v == null) {
          text.append("\\N");
        } else if (v instanceof String s) {
          escape(s);
        } else {
          text.append(v);
        }
      }
      text.append('\n');
      count++;
    }

    private void escape(String s) {
      for (int i = 0; i < s.length(); i++) {
        char ch = s.charAt(i);
        switch (ch) {
          case '\\' -> text.append("\\\\");
          case '\t' -> text.append("\\t");
          case '\n' -> text.append("\\n");
          case '\r' -> text.append("\\r");
          default -> text.append(ch);
        }
      }
    }
  }

  /** The rows of a run of pins, copied together. */
  private static final class Batch {
    static final Batch END = new Batch(0);
    final int count;
    final Rows sources = new Rows();
    final Rows pins = new Rows();
    final Rows pinMedia = new Rows();

    Batch(int count) {
      this.count = count;
    }
  }

  /** Writes the public pin ids as 8-byte big-endian numbers. */
  static void writeIds(Path file, long[] values) throws IOException {
    try (DataOutputStream data =
        new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
      for (long v : values) {
        data.writeLong(v);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
