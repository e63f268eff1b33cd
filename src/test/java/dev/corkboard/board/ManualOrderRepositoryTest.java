package dev.corkboard.board;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corkboard.platform.db.Database;
import dev.corkboard.platform.db.ManualOrder;
import dev.corkboard.platform.id.IdGenerator;
import dev.corkboard.support.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** The manual order's keys and re-spacing, on a board's sections in the real PostgreSQL. */
class ManualOrderRepositoryTest {

  private static final IdGenerator IDS = new IdGenerator(15, Clock.systemUTC());

  private final Database db = TestDatabase.shared();
  private final BoardRepository repository = new BoardRepository();

  @Test
  void movesIntoOneGapRespaceASmallWindowAndKeepTheOrder() {
    short shard = (short) ThreadLocalRandom.current().nextInt(4096);
    long owner = TestDatabase.insertAccount(db, IDS.next(shard), "order" + System.nanoTime());
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    Board board =
        new Board(
            IDS.next(shard),
            owner,
            "",
            "b",
            "",
            BoardPrivacy.PUBLIC,
            now,
            now,
            0,
            0,
            0,
            false,
            dev.corkboard.platform.api.Members.NONE);
    repository.insert(db, board);
    List<Long> expected = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      // Made in a burst: neighbouring ids, so their keys are one gap apart.
      BoardSection section = new BoardSection(IDS.next(shard), board.id(), "s" + i, now);
      repository.insertSection(db, section);
      expected.add(section.id());
    }

    List<Integer> written = new ArrayList<>();
    for (int move = 1; move <= 60; move++) {
      // Always between the first two: each move halves the gap the previous one left.
      long moved = expected.getLast();
      written.add(
          BoardRepository.SECTION_ORDER.move(
              db,
              shard,
              board.id(),
              moved,
              OptionalLong.of(expected.getFirst()),
              move,
              IllegalStateException::new,
              IllegalStateException::new));
      expected.remove(moved);
      expected.add(1, moved);
    }

    // About twenty halvings of the gap fit, then a window of neighbours is re-spaced.
    assertThat(written.subList(0, 19)).containsOnly(1);
    assertThat(written).anyMatch(n -> n > 1);
    assertThat(written).allMatch(n -> n <= 2 * 8 + 1);
    List<Long> listed =
        repository.listSectionsInOrder(db, board.id(), "-Infinity", 0, Long.MAX_VALUE, 100).stream()
            .map(r -> r.item().id())
            .toList();
    assertThat(listed).containsExactlyElementsOf(expected);
  }

  @Test
  void keysComeFromIdsUntilPlaced() {
    ManualOrder order = new ManualOrder("t", "g", "position", true);
    assertThat(order.key("p")).isEqualTo("coalesce(p.position, -p.id::numeric * 1048576)");
    assertThat(new ManualOrder("t", "g", "position", false).key(""))
        .isEqualTo("coalesce(position, id::numeric * 1048576)");
  }
}
