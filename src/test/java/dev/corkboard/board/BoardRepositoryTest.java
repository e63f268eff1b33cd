package dev.corkboard.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corkboard.platform.api.Members;
import dev.corkboard.platform.db.Database;
import dev.corkboard.platform.db.Sql;
import dev.corkboard.platform.db.UniqueViolation;
import dev.corkboard.platform.id.IdGenerator;
import dev.corkboard.support.TestDatabase;
import dev.corkboard.support.TestServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** BoardRepository on the real embedded PostgreSQL. */
class BoardRepositoryTest {

  private static final IdGenerator IDS = new IdGenerator(15, Clock.systemUTC());

  private final Database db = TestDatabase.shared();
  private final BoardRepository repository = new BoardRepository();
  private short shard;
  private long owner;

  @BeforeEach
  void newOwner() {
    shard = (short) ThreadLocalRandom.current().nextInt(4096);
    owner = TestDatabase.insertAccount(db, IDS.next(shard), "repo" + System.nanoTime());
  }

  @Test
  void insertedBoardReadsBackWithItsOwnerAndTimestamps() {
    Board board = board("Garden", BoardPrivacy.SECRET);
    repository.insert(db, board);
    Board read = repository.find(db, board.id()).orElseThrow();
    assertThat(read.name()).isEqualTo("Garden");
    assertThat(read.privacy()).isEqualTo(BoardPrivacy.SECRET);
    assertThat(read.ownerId()).isEqualTo(owner);
    assertThat(read.ownerUsername()).startsWith("repo");
    assertThat(read.createdAt()).isEqualTo(board.createdAt());
    assertThat(read.boardPinsModifiedAt()).isEqualTo(board.createdAt());
  }

  @Test
  void namesAreUniquePerOwnerIgnoringCase() {
    assertThat(repository.insert(db, board("Garden", BoardPrivacy.PUBLIC))).isTrue();
    assertThat(repository.insert(db, board("gARDEN", BoardPrivacy.PUBLIC))).isFalse();
  }

  @Test
  void listsAnOwnersBoardsNewestFirstByKeysetAndPrivacy() {
    Board first = board("one", BoardPrivacy.PUBLIC);
    Board second = board("two", BoardPrivacy.SECRET);
    Board third = board("three", BoardPrivacy.PUBLIC);
    for (Board b : List.of(first, second, third)) {
      repository.insert(db, b);
    }
    List<Board> all =
        repository.listOfAccount(
            db, owner, List.of(BoardPrivacy.values()), true, false, Long.MAX_VALUE, 10);
    assertThat(all).extracting(Board::name).containsExactly("three", "two", "one");
    List<Board> publicOnly =
        repository.listOfAccount(
            db, owner, List.of(BoardPrivacy.PUBLIC), true, false, Long.MAX_VALUE, 10);
    assertThat(publicOnly).extracting(Board::name).containsExactly("three", "one");
    List<Board> afterThird =
        repository.listOfAccount(
            db, owner, List.of(BoardPrivacy.values()), true, false, third.id(), 1);
    assertThat(afterThird).extracting(Board::name).containsExactly("two");
  }

  @Test
  void hiddenBoardsAreThoseNotPublicOrArchived() {
    Board open = board("open", BoardPrivacy.PUBLIC);
    Board secret = board("secret", BoardPrivacy.SECRET);
    Board archived = board("archived", BoardPrivacy.PUBLIC);
    for (Board b : List.of(open, secret, archived)) {
      repository.insert(db, b);
    }
    repository.setArchived(db, archived.id(), true);

    long[] hidden = repository.hiddenIds(db);

    assertThat(hidden).contains(secret.id(), archived.id()).doesNotContain(open.id());
    assertThat(hidden).isSorted();
  }

  @Test
  void deletingABoardDeletesItsSections() {
    Board board = board("with sections", BoardPrivacy.PUBLIC);
    repository.insert(db, board);
    BoardSection section = section(board, "Salads");
    repository.insertSection(db, section);
    assertThat(repository.delete(db, board.id())).isTrue();
    assertThat(repository.findSection(db, board.id(), section.id())).isEmpty();
    assertThat(
            db.one(
                "SELECT count(*) FROM board_sections WHERE shard = $1 AND id = $2",
                row -> row.getLong(0),
                shard,
                section.id()))
        .contains(0L);
    assertThat(repository.delete(db, board.id())).isFalse();
  }

  @Test
  void sectionsListInCreationOrderAndBelongToTheirBoardOnly() {
    Board board = board("b", BoardPrivacy.PUBLIC);
    Board other = board("other", BoardPrivacy.PUBLIC);
    repository.insert(db, board);
    repository.insert(db, other);
    BoardSection a = section(board, "a");
    BoardSection b = section(board, "b");
    repository.insertSection(db, a);
    repository.insertSection(db, b);
    assertThat(repository.listSections(db, board.id(), 0, 10))
        .extracting(BoardSection::name)
        .containsExactly("a", "b");
    assertThat(repository.listSections(db, board.id(), a.id(), 10))
        .extracting(BoardSection::name)
        .containsExactly("b");
    assertThat(repository.renameSection(db, other.id(), a.id(), "x")).isEmpty();
    assertThat(repository.renameSection(db, board.id(), a.id(), "x")).isPresent();
    assertThatThrownBy(() -> repository.insertSection(db, section(board, "B")))
        .isInstanceOf(UniqueViolation.class);
    assertThat(repository.deleteSection(db, other.id(), b.id())).isFalse();
    assertThat(repository.deleteSection(db, board.id(), b.id())).isTrue();
  }

  @Test
  void aReSpacingWaitsForTheMovesInFlightAndTheMovesAfterItWaitForIt() throws Exception {
    Board board = board("Kitchen", BoardPrivacy.PUBLIC);
    repository.insert(db, board);
    CountDownLatch moving = new CountDownLatch(1);
    CountDownLatch finishMove = new CountDownLatch(1);
    CountDownLatch finishRespacing = new CountDownLatch(1);
    List<String> order = new CopyOnWriteArrayList<>();
    // Three transactions at once and the test's own reads: more connections than the shared pool's.
    try (Database database =
            Database.connect(TestServer.shared().databaseSettings(), 4, new SimpleMeterRegistry());
        ExecutorService pool = Executors.newFixedThreadPool(3)) {
      Future<?> move =
          arranging(
              pool,
              database,
              board,
              false,
              () -> {
                moving.countDown();
                await(finishMove);
                order.add("move");
              });
      moving.await(10, TimeUnit.SECONDS);
      Future<?> respacing =
          arranging(
              pool,
              database,
              board,
              true,
              () -> {
                order.add("re-spacing");
                await(finishRespacing);
              });
      awaitOrderLockWaiters(database, board, 1);
      // A move that comes while the re-spacing waits shares the board's row with the move in
      // flight, but queues behind the re-spacing for the order lock instead of overtaking it.
      Future<?> later = arranging(pool, database, board, false, () -> order.add("later move"));
      awaitOrderLockWaiters(database, board, 2);
      assertThat(order).isEmpty();
      finishMove.countDown();
      move.get(10, TimeUnit.SECONDS);
      finishRespacing.countDown();
      respacing.get(10, TimeUnit.SECONDS);
      later.get(10, TimeUnit.SECONDS);
    }
    assertThat(order).containsExactly("move", "re-spacing", "later move");
  }

  /**
   * Runs, on {@code pool}, a transaction that takes {@code board}'s order lock as a move does (or
   * exclusively, as a re-spacing does) and then runs {@code underLock} while it holds it.
   */
  private Future<?> arranging(
      ExecutorService pool, Database database, Board board, boolean exclusive, Runnable underLock) {
    BoardActivity trail = new BoardActivity(IDS);
    return pool.submit(
        () ->
            database.inTransaction(
                tx -> {
                  assertThat(
                          repository.arrange(
                              tx,
                              exclusive,
                              trail.row(
                                  board.id(), owner, BoardActivity.Action.PIN_MOVED, board.id())))
                      .isPresent();
                  underLock.run();
                }));
  }

  /** Waits until {@code count} transactions wait for the order lock of {@code board}. */
  private static void awaitOrderLockWaiters(Sql db, Board board, int count)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (db.one(
                """
                SELECT count(*) FROM pg_locks
                WHERE locktype = 'advisory' AND NOT granted
                  AND (classid::bigint << 32 | objid::bigint)
                      = hashtextextended('order:' || $1::bigint::text, 0)""",
                row -> row.getLong(0),
                board.id())
            .orElseThrow()
        < count) {
      assertThat(System.nanoTime()).as("waiters on the order lock").isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private Board board(String name, BoardPrivacy privacy) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    return new Board(
        IDS.next(shard), owner, "", name, "", privacy, now, now, 0, 0, 0, false, Members.NONE);
  }

  private BoardSection section(Board board, String name) {
    return new BoardSection(
        IDS.next(shard), board.id(), name, Instant.now().truncatedTo(ChronoUnit.MICROS));
  }
}
