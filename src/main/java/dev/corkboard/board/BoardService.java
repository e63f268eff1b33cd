package dev.corkboard.board;

import dev.corkboard.account.AccountService;
import dev.corkboard.platform.api.ApiException;
import dev.corkboard.platform.api.Bookmarks;
import dev.corkboard.platform.api.Checks;
import dev.corkboard.platform.api.Page;
import dev.corkboard.platform.api.PageRequest;
import dev.corkboard.platform.api.Principal;
import dev.corkboard.platform.api.Scope;
import dev.corkboard.platform.cache.ReadCaches;
import dev.corkboard.platform.db.Database;
import dev.corkboard.platform.db.Sql;
import dev.corkboard.platform.db.UniqueViolation;
import dev.corkboard.platform.id.IdGenerator;
import dev.corkboard.platform.id.Ids;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Use cases of boards and sections. Every by-id path goes through {@link #visible} (may the caller
 * see it?) and {@link #requireWritable} (may the caller change it?); a board the caller may not see
 * is answered exactly as an unknown board.
 */
public final class BoardService {

  /** The longest board or section name. */
  public static final int NAME_MAX = 180;

  /** The longest board description. */
  public static final int DESCRIPTION_MAX = 500;

  private static final String BOARD_NOT_FOUND = "Board not found.";
  private static final String SECTION_NOT_FOUND = "Board section not found.";

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

  public BoardService(
      Database database,
      AccountService accounts,
      IdGenerator ids,
      Bookmarks bookmarks,
      Clock clock,
      ReadCaches caches) {
    this.caches = caches;
    this.database = database;
    this.boards = new BoardRepository();
    this.accounts = accounts;
    this.ids = ids;
    this.bookmarks = bookmarks;
    this.clock = clock;
  }

  /** Creates a board for the caller; 409 when the caller already has one of that name. */
  public Board createBoard(
      Principal caller, String name, String description, BoardPrivacy privacy) {
    Checks.checkLength("name", name, 1, NAME_MAX);
    Checks.checkNotBlank("name", name);
    Checks.checkLength("description", description, 0, DESCRIPTION_MAX);
    if (privacy != BoardPrivacy.PUBLIC) {
      caller.require(Scope.BOARDS_WRITE_SECRET);
    }
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
            0);
    try {
      database.transaction(
          tx -> {
            boards.insert(tx, board);
            accounts.addToCounts(tx, caller.accountId(), 1, 0);
            return null;
          });
    } catch (UniqueViolation e) {
      throw duplicateBoardName(name);
    }
    // The writer sees what it wrote, even through a token that may not read secret boards.
    return boards.find(database, id).orElseThrow(BoardService::boardNotFound);
  }

  /** A board the caller may see. */
  public Board board(Principal caller, long boardId) {
    return boards
        .find(database, boardId)
        .filter(b -> visible(caller, b))
        .orElseThrow(BoardService::boardNotFound);
  }

  /** A page of the caller's boards, newest first, with the privacies the filter names. */
  public Page<Board> listBoards(Principal caller, BoardPrivacyFilter filter, PageRequest page) {
    Set<BoardPrivacy> privacies = EnumSet.copyOf(filter.privacies());
    if (!caller.has(Scope.BOARDS_READ_SECRET)) {
      privacies.retainAll(Set.of(BoardPrivacy.PUBLIC));
    }
    if (privacies.isEmpty()) {
      return Page.empty();
    }
    String list =
        "boards:"
            + caller.accountId()
            + ":"
            + privacies.stream().map(Enum::name).collect(Collectors.joining(","));
    long before = bookmarks.decodeLong(list, page.bookmark()).orElse(Long.MAX_VALUE);
    List<Board> fetched =
        boards.listByOwner(
            database, caller.accountId(), List.copyOf(privacies), before, page.size() + 1);
    return bookmarks.page(list, fetched, page.size(), b -> Long.toString(b.id()));
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
    changes
        .privacy()
        .filter(p -> p != BoardPrivacy.PUBLIC)
        .ifPresent(p -> caller.require(Scope.BOARDS_WRITE_SECRET));
    try {
      database.transaction(
          tx -> {
            Board board = lockWritable(tx, caller, boardId);
            boards.update(
                tx,
                boardId,
                changes.name().orElse(board.name()),
                changes.description().orElse(board.description()),
                changes.privacy().orElse(board.privacy()));
            return null;
          });
    } catch (UniqueViolation e) {
      throw duplicateBoardName(changes.name().orElse(""));
    } finally {
      caches.clearAll();
    }
    return boards.find(database, boardId).orElseThrow(BoardService::boardNotFound);
  }

  /** Deletes a board with its sections, in one transaction. */
  public void deleteBoard(Principal caller, long boardId) {
    try {
      database.transaction(
          tx -> {
            Board board = lockWritable(tx, caller, boardId);
            boards.delete(tx, boardId);
            accounts.addToCounts(tx, board.ownerId(), -1, -board.pinCount());
            return null;
          });
    } finally {
      caches.clearAll();
    }
  }

  /** A page of a visible board's sections, in the order they were made. */
  public Page<BoardSection> listSections(Principal caller, long boardId, PageRequest page) {
    board(caller, boardId);
    String list = "sections:" + boardId;
    long after = bookmarks.decodeLong(list, page.bookmark()).orElse(0L);
    List<BoardSection> fetched = boards.listSections(database, boardId, after, page.size() + 1);
    return bookmarks.page(list, fetched, page.size(), s -> Long.toString(s.id()));
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
      database.transaction(
          tx -> {
            lockWritable(tx, caller, boardId);
            boards.insertSection(tx, section);
            return null;
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
            lockWritable(tx, caller, boardId);
            return boards
                .renameSection(tx, boardId, sectionId, name)
                .orElseThrow(BoardService::sectionNotFound);
          });
    } catch (UniqueViolation e) {
      throw duplicateSectionName(name);
    }
  }

  /** Deletes a section. */
  public void deleteSection(Principal caller, long boardId, long sectionId) {
    try {
      database.transaction(
          tx -> {
            lockWritable(tx, caller, boardId);
            if (!boards.deleteSection(tx, boardId, sectionId)) {
              throw sectionNotFound();
            }
            return null;
          });
    } finally {
      caches.clearAll();
    }
  }

  /** A section of a board the caller may see. */
  public BoardSection section(Principal caller, long boardId, long sectionId) {
    board(caller, boardId);
    return boards
        .findSection(database, boardId, sectionId)
        .orElseThrow(BoardService::sectionNotFound);
  }

  /**
   * A board the caller may add pins to, change pins on or take pins from: their own, and for a
   * secret board a token with the secret-writing scopes. 404 when unseen, 403 when someone else's.
   */
  public Board writableBoard(Principal caller, long boardId) {
    Board board = boards.find(database, boardId).orElseThrow(BoardService::boardNotFound);
    requireWritable(caller, board);
    return board;
  }

  /** Whether a section exists on the board. */
  public boolean sectionExists(long boardId, long sectionId) {
    return boards.findSection(database, boardId, sectionId).isPresent();
  }

  /**
   * Adds to a board's pin count and stamps {@code board_pins_modified_at}, inside the caller's
   * transaction, so the count changes exactly when the pins do.
   */
  public void addToPinCount(Sql tx, long boardId, int delta) {
    boards.addToPinCount(tx, boardId, delta);
  }

  /**
   * Whether the caller may see the board: it is public, or theirs through a secret-reading token.
   */
  public static boolean visible(Principal caller, Board board) {
    return !board.isSecret()
        || (board.ownerId() == caller.accountId() && caller.has(Scope.BOARDS_READ_SECRET));
  }

  /**
   * Locks a board the caller may change until the transaction ends: 404 if unseen, 403 if someone
   * else's.
   */
  private Board lockWritable(Sql tx, Principal caller, long boardId) {
    Board board = boards.findForUpdate(tx, boardId).orElseThrow(BoardService::boardNotFound);
    requireWritable(caller, board);
    return board;
  }

  /** Fails unless the caller may change the board: 404 if unseen, 403 if someone else's. */
  static void requireWritable(Principal caller, Board board) {
    if (!visible(caller, board)) {
      throw boardNotFound();
    }
    if (board.ownerId() != caller.accountId()) {
      throw new ApiException.Forbidden("Only the board's owner may change it.");
    }
    if (board.isSecret()) {
      caller.require(Scope.BOARDS_WRITE_SECRET);
    }
  }

  static ApiException boardNotFound() {
    return new ApiException.NotFound(ApiException.CODE_BOARD_NOT_FOUND, BOARD_NOT_FOUND);
  }

  static ApiException sectionNotFound() {
    return new ApiException.NotFound(ApiException.CODE_BOARD_NOT_FOUND, SECTION_NOT_FOUND);
  }

  private static ApiException duplicateBoardName(String name) {
    return new ApiException.Conflict("You already have a board named '" + name + "'.");
  }

  private static ApiException duplicateSectionName(String name) {
    return new ApiException.Conflict("This board already has a section named '" + name + "'.");
  }
}
