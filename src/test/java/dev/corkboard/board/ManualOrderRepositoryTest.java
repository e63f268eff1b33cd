package dev.corkboard.board;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corkboard.platform.db.Database;
import dev.corkboard.platform.db.ManualOrder;
import dev.corkboard.platform.id.IdGenerator;
import dev.corkboard.support.TestDatabase;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** The manual order's keys and re-spacing, on a board's sections in the real PostgreSQL. */
class ManualOrderRepositoryTest {

  private static final IdGenerator IDS = new IdGenerator(15, Clock.systemUTC());

  private final Database db = TestDatabase.shared();
  private final BoardRepository repository = new BoardRepository();

  /**
   * A board and the ids of its sections, in the order they were made.
   *
   * @param board the board
   * @param sections its sections' ids
   */
  private record Made(Board board, List<Long> sections) {}

  /** A board with {@code sections} sections made in a burst. */
  private Made boardWithSections(int sections) {
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
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < sections; i++) {
      // Made in a burst: neighbouring ids, so their keys are one gap apart.
      BoardSection section = new BoardSection(IDS.next(shard), board.id(), "s" + i, now);
      repository.insertSection(db, section);
      ids.add(section.id());
    }
    return new Made(board, ids);
  }

  private List<Long> listed(Board board, String afterKey, long afterId, String snapshot) {
    return repository.listSectionsInOrder(db, board.id(), afterKey, afterId, snapshot, 100).stream()
        .map(r -> r.item().id())
        .toList();
  }

  private int move(Board board, long moved, long after, boolean mayRespace) {
    return BoardRepository.SECTION_ORDER.move(
        db,
        dev.corkboard.platform.id.Ids.shardOf(board.id()),
        board.id(),
        moved,
        OptionalLong.of(after),
        mayRespace,
        IllegalStateException::new,
        IllegalStateException::new);
  }

  @Test
  void movesIntoOneGapRespaceASmallWindowAndKeepTheOrder() {
    Made made = boardWithSections(60);
    List<Long> expected = new ArrayList<>(made.sections());
    Board board = made.board();

    List<Integer> written = new ArrayList<>();
    for (int move = 1; move <= 60; move++) {
      // Always between the first two: each move halves the gap the previous one left.
      long moved = expected.getLast();
      written.add(move(board, moved, expected.getFirst(), true));
      expected.remove(moved);
      expected.add(1, moved);
    }

    // About twenty halvings of the gap fit (sixteen at least: a key is drawn within a sixteenth of
    // the gap of its middle, so each move leaves at least 7/16 of it), then a window of neighbours
    // is re-spaced.
    assertThat(written.subList(0, 16)).containsOnly(1);
    assertThat(written).anyMatch(n -> n > 1);
    assertThat(written).allMatch(n -> n <= 2 * 8 + 1);
    assertThat(listed(board, "-Infinity", 0, null)).containsExactlyElementsOf(expected);
  }

  @Test
  void aMoveThatMayNotRespaceWritesNothingWhenThereIsNoRoom() {
    Made made = boardWithSections(30);
    List<Long> expected = new ArrayList<>(made.sections());
    Board board = made.board();

    int written;
    do {
      long moved = expected.getLast();
      written = move(board, moved, expected.getFirst(), false);
      if (written != ManualOrder.NO_ROOM) {
        expected.remove(moved);
        expected.add(1, moved);
      }
    } while (written != ManualOrder.NO_ROOM);

    // The refused move left every key as it was; the one allowed to re-space then places it.
    assertThat(listed(board, "-Infinity", 0, null)).containsExactlyElementsOf(expected);
    long moved = expected.getLast();
    assertThat(move(board, moved, expected.getFirst(), true)).isGreaterThan(1);
    expected.remove(moved);
    expected.add(1, moved);
    assertThat(listed(board, "-Infinity", 0, null)).containsExactlyElementsOf(expected);
  }

  @Test
  void laterPagesLeaveOutWhatWasMovedAfterTheWalksSnapshot() {
    Made made = boardWithSections(6);
    List<Long> sections = new ArrayList<>(made.sections());
    Board board = made.board();
    // Moved before the walk began: shown where it went.
    move(board, sections.get(5), sections.get(1), true);
    String snapshot = ManualOrder.walkSnapshot(db);
    // Moved after: left out of every later page of this walk, and shown to the next one.
    move(board, sections.get(0), sections.get(3), true);

    String start = "-Infinity";
    assertThat(listed(board, start, 0, snapshot))
        .containsExactly(
            sections.get(1), sections.get(5), sections.get(2), sections.get(3), sections.get(4));
    assertThat(listed(board, start, 0, ManualOrder.walkSnapshot(db)))
        .containsExactly(
            sections.get(1),
            sections.get(5),
            sections.get(2),
            sections.get(3),
            sections.get(0),
            sections.get(4));
  }

  @Test
  void aMoveIntoAGapTakesAKeyDrawnNearItsMiddle() {
    Made made = boardWithSections(3);
    Board board = made.board();
    long first = made.sections().get(0);
    long second = made.sections().get(1);
    long moved = made.sections().get(2);
    BigInteger low = key(board, first);
    BigInteger high = key(board, second);
    BigInteger middle = low.add(high).divide(BigInteger.TWO);
    BigInteger reach = high.subtract(low).divide(BigInteger.valueOf(16));
    Set<BigInteger> drawn = new HashSet<>();
    for (int i = 0; i < 6; i++) {
      // Into the same gap from the same neighbours each time: the moved section leaves it again.
      assertThat(move(board, moved, first, false)).isEqualTo(1);
      BigInteger placed = key(board, moved);
      assertThat(placed).isBetween(middle.subtract(reach), middle.add(reach));
      drawn.add(placed);
      assertThat(move(board, moved, second, false)).isEqualTo(1);
    }
    // Two moves that read the same neighbours at once would almost never write the same key.
    assertThat(drawn).hasSizeGreaterThan(1);
  }

  private BigInteger key(Board board, long section) {
    return repository.listSectionsInOrder(db, board.id(), "-Infinity", 0, null, 100).stream()
        .filter(r -> r.item().id() == section)
        .map(r -> new BigInteger(r.sortKey()))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void keysComeFromIdsUntilPlaced() {
    ManualOrder order = new ManualOrder("t", "g", "position", true);
    assertThat(order.key("p")).isEqualTo("coalesce(p.position, -p.id::numeric * 1048576)");
    assertThat(new ManualOrder("t", "g", "position", false).key(""))
        .isEqualTo("coalesce(position, id::numeric * 1048576)");
  }
}
