package dev.corkboard.pin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corkboard.feed.FeedFanOut;
import dev.corkboard.platform.config.ServerConfig;
import dev.corkboard.platform.db.Database;
import dev.corkboard.platform.db.Sql;
import dev.corkboard.platform.id.IdGenerator;
import dev.corkboard.platform.id.Ids;
import dev.corkboard.platform.jobs.JobQueue;
import dev.corkboard.support.Pins;
import dev.corkboard.support.TestDatabase;
import dev.corkboard.support.Users;
import dev.corkboard.support.Users.User;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.awt.Color;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A save writes its feed fan-out job in the statement that writes the pin, on the real PostgreSQL:
 * the job commits exactly when the pin does, so a crash after the answer loses no feed entry.
 */
class SaveFanOutTest {

  private static final IdGenerator IDS = new IdGenerator(14, Clock.systemUTC());

  private final Database db = TestDatabase.shared();
  private final PinRepository pins =
      new PinRepository(
          new FeedFanOut(
              db,
              new JobQueue(
                  db, Clock.systemUTC(), JobQueue.Settings.defaults(), new SimpleMeterRegistry()),
              ServerConfig.Feed.defaults()));

  @Test
  void aSaveToAPublicBoardWritesItsFanOutJobInThePinsTransaction() {
    User bob = Users.signUp();
    String board = Pins.board(bob.client(), "Public");
    long source = Long.parseLong(Pins.create(bob.client(), board, Color.BLUE).text("id"));
    Pin save = saveOf(bob, Long.parseLong(board), source);

    RuntimeException rolledBack = new IllegalStateException("rolled back");
    assertThatThrownBy(
            () ->
                db.inTransaction(
                    tx -> {
                      assertThat(
                              pins.insertSave(
                                  tx, save, source, false, IDS.next(Ids.shardOf(save.boardId()))))
                          .isPresent();
                      assertThat(jobsFor(tx, save.id())).isEqualTo(1);
                      throw rolledBack;
                    }))
        .isSameAs(rolledBack);
    assertThat(pins.find(db, save.id())).isEmpty();
    assertThat(jobsFor(db, save.id())).isZero();
  }

  @Test
  void aSaveToASecretBoardWritesNoFanOutJob() {
    User bob = Users.signUp();
    String board = Pins.board(bob.client(), "Public");
    String secret = Pins.board(bob.client(), "Secret", "SECRET");
    long source = Long.parseLong(Pins.create(bob.client(), board, Color.BLUE).text("id"));
    Pin save = saveOf(bob, Long.parseLong(secret), source);

    db.inTransaction(
        tx -> {
          // Inside the transaction no worker can have run and deleted a job.
          assertThat(pins.insertSave(tx, save, source, true, IDS.next(Ids.shardOf(save.boardId()))))
              .isPresent();
          assertThat(jobsFor(tx, save.id())).isZero();
        });
  }

  private static Pin saveOf(User owner, long boardId, long source) {
    return new Pin(
        IDS.next(Ids.shardOf(boardId)),
        Long.parseLong(owner.id()),
        owner.username(),
        boardId,
        false,
        0,
        "",
        "",
        "",
        "",
        "",
        source,
        Pin.NO_PARENT,
        CreativeType.REGULAR,
        Instant.now().truncatedTo(ChronoUnit.MICROS),
        0,
        List.of(),
        0,
        "",
        false,
        dev.corkboard.platform.api.Members.NONE);
  }

  private static long jobsFor(Sql sql, long pinId) {
    return sql.one(
            "SELECT count(*) FROM jobs WHERE kind = $1 AND payload = $2",
            row -> row.getLong(0),
            FeedFanOut.KIND,
            "{\"pin_id\":" + pinId + "}")
        .orElseThrow();
  }
}
