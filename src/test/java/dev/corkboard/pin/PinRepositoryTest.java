package dev.corkboard.pin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corkboard.platform.db.Database;
import dev.corkboard.platform.id.IdGenerator;
import dev.corkboard.platform.id.Ids;
import dev.corkboard.support.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** PinRepository's one-statement save on the real embedded PostgreSQL. */
class PinRepositoryTest {

  private static final IdGenerator IDS = new IdGenerator(13, Clock.systemUTC());

  private final Database db = TestDatabase.shared();
  private final PinRepository repository = new PinRepository();

  @Test
  void saveOfAPinThatIsGoneWritesNothing() {
    short shard = (short) ThreadLocalRandom.current().nextInt(4096);
    long owner = TestDatabase.insertAccount(db, IDS.next(shard), "pinrepo" + System.nanoTime());
    long board = IDS.next(shard);
    db.update(
        "INSERT INTO boards (shard, id, owner_id, name, privacy) VALUES ($1, $2, $3, 'b', 'PUBLIC')",
        shard,
        board,
        owner);
    long missingSource = IDS.next(shard);
    Pin pin =
        new Pin(
            IDS.next(shard),
            owner,
            "",
            board,
            false,
            0,
            "t",
            "",
            "",
            "",
            "",
            missingSource,
            "REGULAR",
            Instant.now().truncatedTo(ChronoUnit.MICROS),
            0,
            List.of());

    assertThat(repository.insertSave(db, pin, missingSource)).isFalse();
    assertThat(repository.find(db, pin.id())).isEmpty();
    assertThat(
            db.one(
                "SELECT pin_count FROM boards WHERE shard = $1 AND id = $2",
                row -> row.getInteger(0),
                Ids.shardOf(board),
                board))
        .contains(0);
    assertThat(
            db.one(
                "SELECT pin_count FROM accounts WHERE shard = $1 AND id = $2",
                row -> row.getInteger(0),
                shard,
                owner))
        .contains(0);
  }
}
