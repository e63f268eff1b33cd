package dev.corkboard.feed;

import static dev.corkboard.feed.FeedApiTest.awaitFanOuts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.corkboard.follow.Follows;
import dev.corkboard.platform.config.ServerConfig;
import dev.corkboard.platform.db.Database;
import dev.corkboard.platform.jobs.Job;
import dev.corkboard.platform.jobs.JobQueue;
import dev.corkboard.support.Pins;
import dev.corkboard.support.TestDatabase;
import dev.corkboard.support.Users;
import dev.corkboard.support.Users.User;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.awt.Color;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The fan-out job on the real PostgreSQL: repeated runs, batches and the bound of a feed. */
class FeedFanOutTest {

  private final Database db = TestDatabase.shared();

  @Test
  void aFanOutRunTwiceWritesNoEntryTwice() throws Exception {
    User bob = Users.signUp();
    User first = follower(bob);
    User second = follower(bob);
    long pin = pin(bob, Pins.board(bob.client(), "Twice"));
    awaitFanOuts();

    FeedFanOut fanOut = fanOut(new ServerConfig.Feed(1_000, 1_000, 1, Duration.ZERO));
    assertThat(fanOut.fanOut(pin)).isEqualTo(2);
    assertThat(fanOut.fanOut(pin)).isEqualTo(2);

    assertThat(entriesOf(first)).containsExactly(pin);
    assertThat(entriesOf(second)).containsExactly(pin);
  }

  @Test
  void aJobWritesTenBatchesAndLeavesTheRestToAJobItEnqueues() throws Exception {
    // Followers of the board alone, so that the owner stays below the test server's threshold and
    // the server's own workers fan the pin out too.
    User bob = Users.signUp();
    String board = Pins.board(bob.client(), "Handed on");
    List<User> readers = new ArrayList<>();
    for (int i = 0; i < FeedFanOut.CHUNK_BATCHES + 3; i++) {
      User reader = Users.signUp();
      Follows.followBoard(reader.client(), board);
      readers.add(reader);
    }
    long pin = pin(bob, board);
    awaitFanOuts();
    db.update("DELETE FROM feed_entries WHERE pin_id = $1", pin);

    fanOut(new ServerConfig.Feed(1_000, 1_000, 1, Duration.ZERO))
        .run(new Job(0, FeedFanOut.KIND, FeedFanOut.payload(pin), 1));

    long handedOn =
        db.one(
                "SELECT count(*) FROM jobs WHERE kind = $1 AND payload LIKE $2",
                row -> row.getLong(0),
                FeedFanOut.KIND,
                "{\"pin_id\":" + pin + ",\"direct\":true,\"before_follow\":%")
            .orElseThrow();
    long written = entries(pin);
    // Ten batches of one: the owner's followers (none) and the board's first in one, then nine
    // more of the board's own. The server's workers run the job handed on, maybe already.
    assertThat(written).isGreaterThanOrEqualTo(FeedFanOut.CHUNK_BATCHES);
    assertThat(written + handedOn).isGreaterThanOrEqualTo(FeedFanOut.CHUNK_BATCHES + 1);
    awaitFanOuts();
    for (User reader : readers) {
      assertThat(entriesOf(reader)).containsExactly(pin);
    }
  }

  @Test
  void aFeedKeepsItsNewestEntriesOnly() throws Exception {
    User bob = Users.signUp();
    User reader = follower(bob);
    String board = Pins.board(bob.client(), "Many");
    List<Long> pins = List.of(pin(bob, board), pin(bob, board), pin(bob, board), pin(bob, board));
    awaitFanOuts();
    assertThat(entriesOf(reader)).hasSize(4);

    fanOut(new ServerConfig.Feed(1_000, 2, 10, Duration.ZERO)).fanOut(pins.getLast());

    assertThat(entriesOf(reader)).containsExactly(pins.get(3), pins.get(2));
  }

  @Test
  void aFanOutTrimsAboutOneFeedInSixteenTheSameOnesWhenRunAgain() {
    FeedFanOut fanOut =
        new FeedFanOut(
            db,
            new JobQueue(
                db, Clock.systemUTC(), JobQueue.Settings.defaults(), new SimpleMeterRegistry()),
            ServerConfig.Feed.defaults());
    List<Long> followers =
        LongStream.range(0, 16_000).map(i -> 7_000_000_000L + i * 1_031).boxed().toList();

    List<Long> trimmed = fanOut.trimmed(123_456_789_012L, followers);

    assertThat(trimmed).hasSizeBetween(800, 1_200);
    assertThat(fanOut.trimmed(123_456_789_012L, followers)).isEqualTo(trimmed);
    assertThat(fanOut.trimmed(123_456_789_013L, followers)).isNotEqualTo(trimmed);
  }

  @Test
  void aPinOfAnAccountAboveTheThresholdIsNotWrittenToFeeds() throws Exception {
    User bob = Users.signUp();
    User reader = follower(bob);
    long pin = pin(bob, Pins.board(bob.client(), "Merged"));
    awaitFanOuts();
    db.update("DELETE FROM feed_entries WHERE pin_id = $1", pin);

    assertThat(fanOut(new ServerConfig.Feed(1, 1_000, 10, Duration.ZERO)).fanOut(pin)).isZero();
    assertThat(entriesOf(reader)).isEmpty();
  }

  private FeedFanOut fanOut(ServerConfig.Feed settings) {
    return new FeedFanOut(
        db,
        new JobQueue(
            db, Clock.systemUTC(), JobQueue.Settings.defaults(), new SimpleMeterRegistry()),
        settings,
        1);
  }

  private static User follower(User followee) {
    User follower = Users.signUp();
    Follows.followUser(follower.client(), followee.username());
    return follower;
  }

  private static long pin(User owner, String boardId) {
    return Long.parseLong(Pins.create(owner.client(), boardId, Color.GREEN).text("id"));
  }

  private long entries(long pin) {
    return db.one("SELECT count(*) FROM feed_entries WHERE pin_id = $1", row -> row.getLong(0), pin)
        .orElseThrow();
  }

  private List<Long> entriesOf(User reader) {
    return db.list(
        "SELECT pin_id FROM feed_entries WHERE account_id = $1 ORDER BY pin_id DESC",
        row -> row.getLong(0),
        Long.parseLong(reader.id()));
  }
}
