package dev.corkboard.pin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.corkboard.board.BoardSql;
import dev.corkboard.platform.db.Database;
import dev.corkboard.platform.id.IdGenerator;
import dev.corkboard.platform.id.Ids;
import dev.corkboard.support.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** PinRepository's one-statement save and board pages on the real embedded PostgreSQL. */
class PinRepositoryTest {

  private static final IdGenerator IDS = new IdGenerator(13, Clock.systemUTC());

  private final Database db = TestDatabase.shared();
  private final PinRepository repository = new PinRepository(PinFanOut.NONE);
  private final short shard = (short) ThreadLocalRandom.current().nextInt(4096);
  private final String username = "pinrepo" + System.nanoTime();
  private final long owner = TestDatabase.insertAccount(db, IDS.next(shard), username);

  @Test
  void saveOfAPinThatIsGoneWritesNothing() {
    long board = board(owner, "PUBLIC");
    long missingSource = IDS.next(shard);

    Pin pin = savedPin(owner, board, missingSource);
    assertThat(
            repository.insertSave(
                db, pin, missingSource, true, IDS.next(Ids.shardOf(pin.boardId()))))
        .isEmpty();
    assertNothingWritten(pin, board);
  }

  @Test
  void saveOntoABoardOfSomeoneElsesWritesNothing() {
    long other = TestDatabase.insertAccount(db, IDS.next(shard), "other" + System.nanoTime());
    long theirs = board(other, "PUBLIC");
    long source = sourcePin(board(owner, "PUBLIC"));

    Pin pin = savedPin(owner, theirs, source);
    assertThat(repository.insertSave(db, pin, source, true, IDS.next(Ids.shardOf(pin.boardId()))))
        .isEmpty();
    assertNothingWritten(pin, theirs);
  }

  @Test
  void saveOntoASecretBoardNeedsTheSecretScopes() {
    long secret = board(owner, "SECRET");
    long source = sourcePin(board(owner, "PUBLIC"));

    Pin refused = savedPin(owner, secret, source);
    assertThat(
            repository.insertSave(
                db, refused, source, false, IDS.next(Ids.shardOf(refused.boardId()))))
        .isEmpty();
    assertNothingWritten(refused, secret);

    Pin allowed = savedPin(owner, secret, source);
    assertThat(
            repository.insertSave(
                db, allowed, source, true, IDS.next(Ids.shardOf(allowed.boardId()))))
        .contains(new PinRepository.SavedTo(true, username));
    assertThat(repository.find(db, allowed.id())).isPresent();
    assertThat(pinCount("boards", secret)).isEqualTo(1);
  }

  @Test
  void readsABoardWithAPageOfItsOwnPinsNewestFirstFromTheBookmarkOn() {
    long board = board(owner, "SECRET");
    long other = board(owner, "PUBLIC");
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Pin pin = savedPin(owner, board, 0);
      repository.insert(db, pin);
      ids.add(pin.id());
      repository.insert(db, savedPin(owner, other, 0));
    }
    long first = source();
    long second = source();
    Pin carousel =
        withItems(
            savedPin(owner, board, 0),
            CreativeType.CAROUSEL,
            List.of(
                new Pin.Item(first, "first", "", ""),
                new Pin.Item(second, "", "two", "https://x")));
    repository.insert(db, carousel);
    ids.add(carousel.id());
    List<Long> newestFirst = ids.reversed();

    PinRepository.BoardPage page =
        repository.listByBoard(db, board, Set.of(), Long.MAX_VALUE, 3).orElseThrow();
    assertThat(page.board())
        .isEqualTo(
            new BoardSql.BoardGuard(
                owner, true, username, false, dev.corkboard.platform.api.Members.NONE));
    assertThat(idsOf(page)).containsExactlyElementsOf(newestFirst.subList(0, 3));
    Pin read = page.pins().getFirst().pin();
    assertThat(read.items()).isEqualTo(carousel.items());
    assertThat(read.ownerUsername()).isEqualTo(username);
    assertThat(read.onSecretBoard()).isTrue();
    assertThat(page.pins().get(1).pin().items()).isEmpty();

    long cursor = newestFirst.get(2);
    assertThat(idsOf(repository.listByBoard(db, board, Set.of(), cursor, 3).orElseThrow()))
        .containsExactlyElementsOf(newestFirst.subList(3, 5));
    assertThat(
            repository
                .listByBoard(db, board, Set.of(), newestFirst.getLast(), 3)
                .orElseThrow()
                .pins())
        .isEmpty();
    assertThat(
            idsOf(
                repository
                    .listByBoard(db, board, Set.of(CreativeType.CAROUSEL), Long.MAX_VALUE, 3)
                    .orElseThrow()))
        .containsExactly(carousel.id());
    assertThat(repository.listByBoard(db, IDS.next(shard), Set.of(), Long.MAX_VALUE, 3)).isEmpty();
  }

  private static List<Long> idsOf(PinRepository.BoardPage page) {
    return page.pins().stream().map(r -> r.pin().id()).toList();
  }

  private long source() {
    long id = IDS.next(shard);
    db.update(
        "INSERT INTO media_sources (id, url, state) VALUES ($1, 'https://x', 'fetching')", id);
    return id;
  }

  private static Pin withItems(Pin pin, CreativeType type, List<Pin.Item> items) {
    return new Pin(
        pin.id(),
        pin.ownerId(),
        pin.ownerUsername(),
        pin.boardId(),
        pin.onSecretBoard(),
        pin.sectionId(),
        pin.title(),
        pin.description(),
        pin.link(),
        pin.altText(),
        pin.dominantColor(),
        pin.parentPinId(),
        pin.parent(),
        type,
        pin.createdAt(),
        pin.collageId(),
        items,
        0,
        "",
        false,
        dev.corkboard.platform.api.Members.NONE);
  }

  private long board(long boardOwner, String privacy) {
    long board = IDS.next(shard);
    db.update(
        "INSERT INTO boards (shard, id, owner_id, name, privacy) VALUES ($1, $2, $3, $4, $5)",
        shard,
        board,
        boardOwner,
        "b" + board,
        privacy);
    return board;
  }

  private long sourcePin(long board) {
    Pin source = savedPin(owner, board, 0);
    repository.insert(db, source);
    return source.id();
  }

  private Pin savedPin(long pinOwner, long board, long parent) {
    return new Pin(
        IDS.next(shard),
        pinOwner,
        "",
        board,
        false,
        0,
        "t",
        "",
        "",
        "",
        "",
        parent,
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

  private void assertNothingWritten(Pin pin, long board) {
    assertThat(repository.find(db, pin.id())).isEmpty();
    assertThat(pinCount("boards", board)).isZero();
    assertThat(pinCount("accounts", pin.ownerId())).isZero();
  }

  private int pinCount(String table, long id) {
    return db.one(
            "SELECT pin_count FROM " + table + " WHERE shard = $1 AND id = $2",
            row -> row.getInteger(0),
            Ids.shardOf(id),
            id)
        .orElseThrow();
  }
}
