package dev.corkboard.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.corkboard.platform.api.Members;
import dev.corkboard.platform.db.Database;
import dev.corkboard.platform.db.UniqueViolation;
import dev.corkboard.platform.id.IdGenerator;
import dev.corkboard.support.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
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
