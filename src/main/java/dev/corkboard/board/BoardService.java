package dev.corkboard.board;

import dev.corkboard.account.AccountService;
import dev.corkboard.platform.api.AccessPolicy;
import dev.corkboard.platform.api.ApiException;
import dev.corkboard.platform.api.Bookmarks;
import dev.corkboard.platform.api.Checks;
import dev.corkboard.platform.api.ListOrder;
import dev.corkboard.platform.api.Members;
import dev.corkboard.platform.api.Page;
import dev.corkboard.platform.api.PageRequest;
import dev.corkboard.platform.api.Principal;
import dev.corkboard.platform.api.Unknown;
import dev.corkboard.platform.api.Written;
import dev.corkboard.platform.cache.ReadCache;
import dev.corkboard.platform.cache.ReadCaches;
import dev.corkboard.platform.db.Database;
import dev.corkboard.platform.db.ManualOrder;
import dev.corkboard.platform.db.Sql;
import dev.corkboard.platform.db.StaleRead;
import dev.corkboard.platform.db.UniqueViolation;
import dev.corkboard.platform.id.IdGenerator;
import dev.corkboard.platform.id.Ids;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * Use cases of boards and sections. Who may see and change a board is the {@link AccessPolicy}'s to
 * say; a board the caller may not see is answered exactly as an unknown board.
 */
public final class BoardService {

  /** The longest board or section name. */
  public static final int NAME_MAX = 180;

  /** The longest board description. */
  public static final int DESCRIPTION_MAX = 500;

  private final Database database;
  private final BoardRepository boards;
  private final AccountService accounts;
  private final IdGenerator ids;
  private final Bookmarks bookmarks;
  private final Clock clock;

  /**
   * Pins and pin pages are cached with their board's privacy and sections, so a change of those
   * empties the read caches.
   */
  private final ReadCaches caches;

  /**
   * The ids of every board that is not public or is archived, sorted, kept whatever --read-cache
   * says: related pins ask it on every walk. Every change of a board's privacy or archive empties
   * the read caches on every server, this one with them.
   */
  private final ReadCache<Long, long[]> hidden;

  /** The statements of other features a merge of two boards, or a hand-over of one, runs. */
  private final BoardRewriteSql rewrites;

  /** The boards' audit trail. */
  private final BoardActivity activity;

  /** Hears of every board created, renamed or described anew, once the write committed. */
  private final Written onWritten;

  public BoardService(
      Database database,
      AccountService accounts,
      IdGenerator ids,
      Bookmarks bookmarks,
      Clock clock,
      ReadCaches caches,
      Written onWritten,
      BoardRewriteSql rewrites) {
    this.rewrites = rewrites;
    this.caches = caches;
    this.onWritten = onWritten;
    this.database = database;
    this.boards = new BoardRepository();
    this.accounts = accounts;
    this.ids = ids;
    this.bookmarks = bookmarks;
    this.clock = clock;
    this.activity = new BoardActivity(ids);
    this.hidden =
        caches.createAlwaysOn("hidden_boards", 256L << 20, a -> 16 + a.length * 8, Long::valueOf);
  }

  /**
   * The ids of every board that is not public or is archived now, sorted: what may feed nobody
   * else. Read in one statement over a partial index when a change emptied the caches, then served
   * from memory.
   */
  public long[] hiddenBoards() {
    Optional<long[]> cached = hidden.get(0L);
    if (cached.isPresent()) {
      return cached.get();
    }
    ReadCache.Ticket ticket = hidden.ticket(0L);
    long[] read = boards.hiddenIds(database);
    hidden.put(0L, ticket, read);
    return read;
  }

  /** Creates a board for the caller; 409 when the caller already has one of that name. */
  public Board createBoard(
      Principal caller, String name, String description, BoardPrivacy privacy) {
    Checks.checkLength("name", name, 1, NAME_MAX);
    Checks.checkNotBlank("name", name);
    Checks.checkLength("description", description, 0, DESCRIPTION_MAX);
    AccessPolicy.requireMakeBoard(caller, privacy.isSecret());
    long id = ids.next(Ids.shardOf(caller.accountId()));
    Board board =
        new Board(
            id,
            caller.accountId(),
            "",
            name,
            description,
            privacy,
            clock.instant().truncatedTo(ChronoUnit.MICROS),
            clock.instant().truncatedTo(ChronoUnit.MICROS),
            0,
            0,
            0,
            false,
            Members.NONE);
    try {
      database.inTransaction(
          tx -> {
            // The account's row first (platform.db's lock order).
            accounts.addToCounts(tx, caller.accountId(), 1, 0);
            if (!boards.insert(tx, board)) {
              throw duplicateBoardName(name);
            }
          });
    } catch (UniqueViolation e) {
      throw duplicateBoardName(name);
    }
    onWritten.written(id);
    // The writer sees what it wrote, even through a token that may not read secret boards.
    return boards.find(database, id).orElseThrow(Unknown.BOARD::error);
  }

  /** A board the caller may see. */
  public Board board(Principal caller, long boardId) {
    return boards
        .find(database, boardId)
        .filter(b -> AccessPolicy.seesBoard(caller, b.guarded()))
        .orElseThrow(Unknown.BOARD::error);
  }

  /**
   * A page of the caller's boards with the privacies the filter names, archived ones only when
   * asked: newest first, those they own and the group boards they are a member of; or in the manual
   * order the caller arranged, those they own ({@link Bookmarks#manualOrder} says what a walk
   * guarantees).
   */
  public Page<Board> listBoards(
      Principal caller,
      BoardPrivacyFilter filter,
      boolean archivedShown,
      ListOrder order,
      PageRequest page) {
    boolean secretShown = AccessPolicy.listsSecretBoards(caller);
    String list =
        "boards:"
            + caller.accountId()
            + ":"
            + filter.name()
            + ":"
            + secretShown
            + ":"
            + archivedShown;
    List<BoardPrivacy> privacies = List.copyOf(filter.privacies());
    if (order == ListOrder.CUSTOM) {
      return bookmarks
          .manualOrder(
              list + ":custom",
              page,
              () -> ManualOrder.walkSnapshot(database),
              (key, id, snapshot, limit) ->
                  boards.listByOwnerInOrder(
                      database,
                      caller.accountId(),
                      privacies,
                      secretShown,
                      archivedShown,
                      key,
                      id,
                      snapshot,
                      limit),
              ManualOrder.Ranked::sortKey,
              r -> r.item().id())
          .map(ManualOrder.Ranked::item);
    }
    return bookmarks.newestFirst(
        list,
        page,
        (before, limit) ->
            boards.listOfAccount(
                database, caller.accountId(), privacies, secretShown, archivedShown, before, limit),
        Board::id);
  }

  /**
   * Moves one of the caller's boards to just after another of them in the caller's manual order, or
   * first when {@code after} is empty: 404 naming the field for a board that is not the caller's,
   * 400 for a board after itself.
   */
  public void moveBoard(Principal caller, long boardId, OptionalLong after) {
    checkNotAfterItself("board_id", boardId, after);
    long owner = caller.accountId();
    Board board =
        boards
            .find(database, boardId)
            .filter(b -> b.ownerId() == owner)
            .orElseThrow(() -> Unknown.BOARD.at("board_id"));
    AccessPolicy.requireChangeBoard(caller, board.guarded());
    database.inTransaction(
        tx -> {
          // The account's row first (platform.db's lock order): moves of one account's boards run
          // one after another, so the neighbours a move reads stay as read until it commits. The
          // boards it re-spaces are written under that lock, which every writer of them holds.
          accounts.lockForWrites(tx, owner);
          BoardRepository.BOARD_ORDER.move(
              tx,
              Ids.shardOf(owner),
              owner,
              boardId,
              after,
              true,
              () -> Unknown.BOARD.at("board_id"),
              () -> Unknown.BOARD.at("after"));
        });
  }

  /** Changes a board's name, description or privacy. */
  public Board updateBoard(Principal caller, long boardId, BoardChanges changes) {
    changes
        .name()
        .ifPresent(
            n -> {
              Checks.checkLength("name", n, 1, NAME_MAX);
              Checks.checkNotBlank("name", n);
            });
    changes.description().ifPresent(d -> Checks.checkLength("description", d, 0, DESCRIPTION_MAX));
    changes.privacy().ifPresent(p -> AccessPolicy.requireMakeBoard(caller, p.isSecret()));
    try {
      database.inTransaction(
          tx -> {
            Board board = lockWritable(tx, caller, boardId);
            if (!boards.update(
                tx,
                boardId,
                board.ownerId(),
                changes.name().orElse(board.name()),
                changes.description().orElse(board.description()),
                changes.privacy().orElse(board.privacy()))) {
              throw duplicateBoardName(changes.name().orElse(board.name()));
            }
          });
    } catch (UniqueViolation e) {
      throw duplicateBoardName(changes.name().orElse(""));
    } finally {
      caches.clearAll();
    }
    if (changes.name().isPresent() || changes.description().isPresent()) {
      onWritten.written(boardId);
    }
    return boards.find(database, boardId).orElseThrow(Unknown.BOARD::error);
  }

  /** Deletes a board with its sections, in one transaction. */
  public void deleteBoard(Principal caller, long boardId) {
    try {
      database.inTransaction(
          tx -> {
            Board board = lockWritable(tx, caller, boardId);
            boards.delete(tx, boardId);
            accounts.addToCounts(tx, board.ownerId(), -1, -board.pinCount());
          });
    } finally {
      caches.clearAll();
    }
  }

  /**
   * Merges the board {@code fromId} into the board {@code intoId}, both of which the caller may
   * change, in one transaction: the pins of the one move to the other, its sections too (one whose
   * name the other board has already merges into that section), its explicit followers follow the
   * other board explicitly (the owner's followers follow both already), its members and invitees
   * join the other board (a member of both keeps the higher role), the other board's trail records
   * the merge, and the merged board is deleted. Answers the board merged into.
   */
  public Board mergeBoard(Principal caller, long fromId, long intoId) {
    Board from = boards.find(database, fromId).orElseThrow(Unknown.BOARD::error);
    AccessPolicy.requireChangeBoard(caller, from.guarded());
    if (fromId == intoId) {
      throw new ApiException.InvalidInput(
          "into_board_id must name another board than the one merged into it.");
    }
    Board into = boards.find(database, intoId).orElseThrow(() -> Unknown.BOARD.at("into_board_id"));
    AccessPolicy.requireChangeBoard(caller, into.guarded());
    if (from.ownerId() != into.ownerId()) {
      throw new ApiException.InvalidInput(
          "into_board_id must name a board of the same owner as the board merged into it.");
    }
    if (Ids.shardOf(fromId) != Ids.shardOf(intoId)) {
      // Pins live with their board where it was made, under ids that say so.
      throw new ApiException.InvalidInput(
          "into_board_id must name a board made by the same account as the board merged into it;"
              + " a board handed to its owner by another account keeps its pins apart from the"
              + " owner's other boards.");
    }
    long ownerId = from.ownerId();
    try {
      database.inTransaction(
          tx -> {
            // The account rows first, in id order (platform.db's lock order): the owner's and
            // those of the merged board's explicit followers, whose choices about boards change
            // only under their own rows (as a follow of a board takes them).
            Set<Long> locked = new TreeSet<>(boards.findExplicitFollowers(tx, rewrites, fromId));
            locked.add(ownerId);
            locked.forEach(id -> accounts.lockForWrites(tx, id));
            // Then both boards' rows, in id order, checked again under the locks.
            for (long id : new TreeSet<>(List.of(fromId, intoId))) {
              Board board = boards.findForUpdate(tx, id).orElseThrow(Unknown.BOARD::error);
              requireSameOwner(ownerId, board.ownerId(), id);
              AccessPolicy.requireChangeBoard(caller, board.guarded());
            }
            // Nobody follows the board explicitly now without having held its row; one who did
            // between the first read and its lock is locked now, out of order: a deadlock this may
            // cause is detected by PostgreSQL and the transaction tried again.
            for (long follower : boards.findExplicitFollowers(tx, rewrites, fromId)) {
              if (locked.add(follower)) {
                accounts.lockForWrites(tx, follower);
              }
            }
            List<long[]> sameNamed = boards.findSameNamedSections(tx, fromId, intoId);
            Long[] fromSections = sameNamed.stream().map(p -> p[0]).toArray(Long[]::new);
            Long[] intoSections = sameNamed.stream().map(p -> p[1]).toArray(Long[]::new);
            boards.moveSections(tx, fromId, intoId, fromSections);
            int moved =
                boards.moveBoardPins(tx, rewrites, fromId, intoId, fromSections, intoSections);
            boards.addToPinCount(tx, intoId, moved);
            boards.carryFollows(tx, rewrites, fromId, intoId, ownerId);
            boards.carryMembers(tx, fromId, intoId);
            activity.record(
                tx, intoId, caller.accountId(), BoardActivity.Action.BOARD_MERGED, fromId);
            // Its sections left that merged into namesakes, its members, followers' choices and
            // trail go with it.
            boards.delete(tx, fromId);
            accounts.addToCounts(tx, ownerId, -1, 0);
          });
    } finally {
      // Pins and pages are cached with their board; a merge is rare.
      caches.clearAll();
    }
    // The merged board's pins hold the name of their new board in their search documents.
    onWritten.written(intoId);
    return boards.find(database, intoId).orElseThrow(Unknown.BOARD::error);
  }

  /** A page of a visible board's sections, in the order they were made or in manual order. */
  public Page<BoardSection> listSections(
      Principal caller, long boardId, ListOrder order, PageRequest page) {
    board(caller, boardId);
    String list = "sections:" + boardId;
    if (order == ListOrder.CUSTOM) {
      return bookmarks
          .manualOrder(
              list + ":custom",
              page,
              () -> ManualOrder.walkSnapshot(database),
              (key, id, snapshot, limit) ->
                  boards.listSectionsInOrder(database, boardId, key, id, snapshot, limit),
              ManualOrder.Ranked::sortKey,
              r -> r.item().id())
          .map(ManualOrder.Ranked::item);
    }
    return bookmarks.oldestFirst(
        list,
        page,
        (after, limit) -> boards.listSections(database, boardId, after, limit),
        BoardSection::id);
  }

  /**
   * Moves a section of a board the caller may arrange to just after another of its sections, or
   * first when {@code after} is empty: 404 naming the field for a section not on the board, 400 for
   * a section after itself.
   */
  public void moveSection(Principal caller, long boardId, long sectionId, OptionalLong after) {
    checkNotAfterItself("section_id", sectionId, after);
    arrange(
        caller,
        boardId,
        BoardActivity.Action.SECTION_MOVED,
        sectionId,
        (tx, mayRespace) ->
            BoardRepository.SECTION_ORDER.move(
                    tx,
                    Ids.shardOf(boardId),
                    boardId,
                    sectionId,
                    after,
                    mayRespace,
                    () -> Unknown.SECTION_ON_BOARD.at("section_id"),
                    () -> Unknown.SECTION_ON_BOARD.at("after"))
                != ManualOrder.NO_ROOM);
  }

  /** 400 naming {@code after} when it names the item being moved. */
  public static void checkNotAfterItself(String field, long item, OptionalLong after) {
    if (after.isPresent() && after.getAsLong() == item) {
      throw new ApiException.InvalidInput(
          "after must name another item than " + field + ", or be null to move it first.");
    }
  }

  /**
   * A move of a board's pins or sections, run in {@code tx} with the board locked for it: answers
   * whether it placed its item, or false, having written nothing, when it found no room between the
   * new neighbours and {@code mayRespace} was false.
   */
  @FunctionalInterface
  public interface Arrangement {
    boolean place(Sql tx, boolean mayRespace);
  }

  /** What {@link #arrange} throws out of a move that found no room, so that it rolls back. */
  private static final class NoRoom extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NoRoom() {
      super(null, null, false, false);
    }
  }

  /**
   * Runs a move of the pins or sections of a board the caller may arrange, recorded in the board's
   * trail as {@code action} on {@code objectId}: 404 if unseen, 403 if the caller may not arrange
   * it. The move runs under a shared lock of the board's row and a shared hold of the board's order
   * lock, taken in one statement with the trail's row, so that moves of one board commit side by
   * side while changes to the board itself (its privacy, archive, members and counts) wait for them
   * and they for those. A move that finds no key left between its new neighbours is rolled back and
   * runs again in a transaction of its own, as the board's only mover (the order lock held
   * exclusively, {@link BoardRepository#arrange} says why that lock), where it may re-space a
   * window of its neighbours that nobody else writes until it commits.
   */
  public void arrange(
      Principal caller,
      long boardId,
      BoardActivity.Action action,
      long objectId,
      Arrangement move) {
    try {
      database.inTransaction(
          tx -> {
            lockForArranging(tx, caller, boardId, false, action, objectId);
            if (!move.place(tx, false)) {
              throw new NoRoom();
            }
          });
    } catch (NoRoom e) {
      database.inTransaction(
          tx -> {
            lockForArranging(tx, caller, boardId, true, action, objectId);
            if (!move.place(tx, true)) {
              throw new IllegalStateException("a move as the board's only mover found no room");
            }
          });
    }
  }

  /**
   * Shares a board's row for a move of its pins or sections and holds its order lock, shared or
   * {@code exclusive}, with the move's row of the trail, and judges under the lock whether the
   * caller may arrange it: 404 if unseen, 403 if not (the caller's transaction then rolls back, the
   * trail's row with it).
   */
  private void lockForArranging(
      Sql tx,
      Principal caller,
      long boardId,
      boolean exclusive,
      BoardActivity.Action action,
      long objectId) {
    BoardRepository.Arranging board =
        boards
            .arrange(tx, exclusive, activity.row(boardId, caller.accountId(), action, objectId))
            .orElseThrow(Unknown.BOARD::error);
    AccessPolicy.requireArrangeBoard(
        caller,
        new AccessPolicy.Guarded(
            board.ownerId(), board.secret(), board.archived(), board.members(), board.ownerId()));
  }

  /** Adds a section to a board the caller may change; 409 for a name the board already has. */
  public BoardSection createSection(Principal caller, long boardId, String name) {
    Checks.checkLength("name", name, 1, NAME_MAX);
    Checks.checkNotBlank("name", name);
    BoardSection section =
        new BoardSection(
            ids.next(Ids.shardOf(boardId)),
            boardId,
            name,
            clock.instant().truncatedTo(ChronoUnit.MICROS));
    try {
      database.inTransaction(
          tx -> {
            lockWritable(tx, caller, boardId, AccessPolicy::requireArrangeBoard);
            boards.insertSection(tx, section);
            activity.record(
                tx, boardId, caller.accountId(), BoardActivity.Action.SECTION_ADDED, section.id());
          });
    } catch (UniqueViolation e) {
      throw duplicateSectionName(name);
    }
    return section;
  }

  /** Renames a section. */
  public BoardSection renameSection(Principal caller, long boardId, long sectionId, String name) {
    Checks.checkLength("name", name, 1, NAME_MAX);
    Checks.checkNotBlank("name", name);
    try {
      return database.transaction(
          tx -> {
            lockWritable(tx, caller, boardId, AccessPolicy::requireArrangeBoard);
            BoardSection renamed =
                boards
                    .renameSection(tx, boardId, sectionId, name)
                    .orElseThrow(Unknown.SECTION::error);
            activity.record(
                tx, boardId, caller.accountId(), BoardActivity.Action.SECTION_EDITED, sectionId);
            return renamed;
          });
    } catch (UniqueViolation e) {
      throw duplicateSectionName(name);
    }
  }

  /** Deletes a section. */
  public void deleteSection(Principal caller, long boardId, long sectionId) {
    try {
      database.inTransaction(
          tx -> {
            lockWritable(tx, caller, boardId, AccessPolicy::requireArrangeBoard);
            if (!boards.deleteSection(tx, boardId, sectionId)) {
              throw Unknown.SECTION.error();
            }
            activity.record(
                tx, boardId, caller.accountId(), BoardActivity.Action.SECTION_REMOVED, sectionId);
          });
    } finally {
      caches.clearAll();
    }
  }

  /** A section of a board the caller may see. */
  public BoardSection section(Principal caller, long boardId, long sectionId) {
    board(caller, boardId);
    return boards.findSection(database, boardId, sectionId).orElseThrow(Unknown.SECTION::error);
  }

  /**
   * A board the caller may put pins on (create, save, move or publish onto), with the section if
   * one is named: 404 when unseen or when the section is not on it, 403 when someone else's, or a
   * missing scope.
   */
  public Board pinTarget(Principal caller, long boardId, OptionalLong sectionId) {
    Board board = boards.find(database, boardId).orElseThrow(Unknown.BOARD::error);
    AccessPolicy.requireAddPins(caller, board.guarded());
    if (sectionId.isPresent() && !sectionExists(boardId, sectionId.getAsLong())) {
      throw Unknown.SECTION_ON_BOARD.error();
    }
    return board;
  }

  /** Whether a section exists on the board. */
  public boolean sectionExists(long boardId, long sectionId) {
    return boards.findSection(database, boardId, sectionId).isPresent();
  }

  /**
   * Adds to a board's pin count and stamps {@code board_pins_modified_at}, inside the caller's
   * transaction, so the count changes exactly when the pins do; false when the board is gone.
   */
  public boolean addToPinCount(Sql tx, long boardId, int delta) {
    return boards.addToPinCount(tx, boardId, delta);
  }

  /**
   * Adds to the pin counts of several boards, as {@link #addToPinCount} does for one, locking their
   * rows in id order first, inside the caller's transaction (which holds their owners' account rows
   * already): a board may take a delta of 0, to stamp that its pins changed. Boards of several
   * shards are locked shard by shard, each in id order. False when one of them is gone.
   */
  public boolean addToPinCounts(Sql tx, Map<Long, Integer> deltas) {
    Map<Short, List<Long>> byShard = new TreeMap<>();
    new TreeMap<>(deltas)
        .keySet()
        .forEach(id -> byShard.computeIfAbsent(Ids.shardOf(id), s -> new ArrayList<>()).add(id));
    for (var shard : byShard.entrySet()) {
      Long[] ids = shard.getValue().toArray(Long[]::new);
      Integer[] values = shard.getValue().stream().map(deltas::get).toArray(Integer[]::new);
      if (boards.addToPinCounts(tx, shard.getKey(), ids, values) != ids.length) {
        return false;
      }
    }
    return true;
  }

  /**
   * A page of an account's public boards that are not archived, newest first, as anybody sees them
   * (its owner too): the boards its profile shows.
   */
  public Page<Board> listPublicBoards(long ownerId, PageRequest page) {
    String list = "public-boards:" + ownerId;
    return bookmarks.newestFirst(
        list,
        page,
        (before, limit) -> boards.listPublicByOwner(database, ownerId, before, limit),
        Board::id);
  }

  /**
   * A board the caller may follow or unfollow, as the access policy says: 404 when unseen or not
   * public, 400 for the caller's own.
   */
  public Board boardToFollow(Principal caller, long boardId) {
    Board board = boards.find(database, boardId).orElseThrow(Unknown.BOARD::error);
    AccessPolicy.requireFollowBoard(caller, board.guarded());
    return board;
  }

  /**
   * Adds to a public board's follower counters inside the caller's transaction, locking its row;
   * false when the board is gone or no longer public. {@code direct} counts explicit followers who
   * do not follow the owner, {@code unfollowers} the owner's followers who unfollowed the board.
   */
  public boolean addToPublicFollowerCounts(Sql tx, long boardId, int direct, int unfollowers) {
    return boards.addToPublicFollowerCounts(tx, boardId, direct, unfollowers);
  }

  /**
   * Adds to the follower counters of some of an owner's boards, whatever their privacy, inside the
   * caller's transaction: when an account starts or stops following the owner, its explicit choices
   * about those boards count the other way.
   */
  public void addToFollowerCounts(
      Sql tx, long ownerId, List<Long> boardIds, int direct, int unfollowers) {
    if (!boardIds.isEmpty()) {
      boards.addToFollowerCounts(tx, ownerId, boardIds, direct, unfollowers);
    }
  }

  /**
   * Locks a board the caller may change until the transaction ends, after its owner's account row
   * as platform.db's lock order says: 404 if unseen, 403 if someone else's.
   */
  private Board lockWritable(Sql tx, Principal caller, long boardId) {
    return lockWritable(tx, caller, boardId, AccessPolicy::requireChangeBoard);
  }

  /**
   * Locks a board as {@link #lockWritable(Sql, Principal, long)} does, when {@code check} (one of
   * the access policy's) lets the caller do what the transaction does to it.
   */
  Board lockWritable(
      Sql tx, Principal caller, long boardId, BiConsumer<Principal, AccessPolicy.Guarded> check) {
    Board seen = boards.find(tx, boardId).orElseThrow(Unknown.BOARD::error);
    // Checked before the lock too, so that nobody holds another account's lock for long.
    check.accept(caller, seen.guarded());
    accounts.lockForWrites(tx, seen.ownerId());
    Board board = boards.findForUpdate(tx, boardId).orElseThrow(Unknown.BOARD::error);
    requireSameOwner(seen.ownerId(), board.ownerId(), boardId);
    check.accept(caller, board.guarded());
    return board;
  }

  /**
   * The owner of a board, read in the caller's transaction; empty when the board is gone. A
   * transaction that holds the account row of the owner it read earlier calls it to learn whether
   * that is still the owner: a board changes owner only under both owners' rows, so the answer
   * stays true until the transaction ends.
   */
  public Optional<Long> ownerOf(Sql tx, long boardId) {
    return boards.ownerOf(tx, boardId);
  }

  /**
   * Fails with a {@link StaleRead}, which runs the transaction again, when the board's owner read
   * under the lock of {@code locked}'s account row is another account: the board was handed over
   * between the first read and the lock.
   */
  public static void requireSameOwner(long locked, long owner, long boardId) {
    if (owner != locked) {
      throw new StaleRead("board " + boardId + " was handed to another owner");
    }
  }

  /**
   * Locks the board the caller owns for its hand-over to {@code heir} until the transaction ends:
   * both owners' account rows first, in id order, then the board's (platform.db's lock order). 404
   * if unseen, 403 unless the caller owns it and may change it (an archived board is read-only).
   */
  Board lockForHandOver(Sql tx, Principal caller, long boardId, long heir) {
    Board seen = boards.find(tx, boardId).orElseThrow(Unknown.BOARD::error);
    AccessPolicy.requireChangeBoard(caller, seen.guarded());
    for (long account : new TreeSet<>(List.of(seen.ownerId(), heir))) {
      accounts.lockForWrites(tx, account);
    }
    Board board = boards.findForUpdate(tx, boardId).orElseThrow(Unknown.BOARD::error);
    requireSameOwner(seen.ownerId(), board.ownerId(), boardId);
    AccessPolicy.requireChangeBoard(caller, board.guarded());
    return board;
  }

  /**
   * Hands the board locked by {@link #lockForHandOver} to {@code heir}, named {@code heirName},
   * inside the caller's transaction: the board, its pins and the choices about it name the new
   * owner ({@link BoardRepository#handOver}), and the board and its pins leave the old owner's
   * counts for the new owner's. 409 when the heir has a board of that name already.
   */
  void handOver(Sql tx, Board board, long heir, String heirName) {
    if (!boards.handOver(tx, rewrites, board.id(), board.name(), board.ownerId(), heir)) {
      throw new ApiException.Conflict(
          "'" + heirName + "' already has a board named '" + board.name() + "'.");
    }
    accounts.addToCounts(tx, board.ownerId(), -1, -board.pinCount());
    accounts.addToCounts(tx, heir, 1, board.pinCount());
  }

  /** Archives the board or unarchives it, inside the caller's transaction. */
  void setArchived(Sql tx, long boardId, boolean archived) {
    boards.setArchived(tx, boardId, archived);
  }

  private static ApiException duplicateBoardName(String name) {
    return new ApiException.Conflict("You already have a board named '" + name + "'.");
  }

  private static ApiException duplicateSectionName(String name) {
    return new ApiException.Conflict("This board already has a section named '" + name + "'.");
  }
}
