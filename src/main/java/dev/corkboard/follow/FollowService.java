package dev.corkboard.follow;

import dev.corkboard.account.Account;
import dev.corkboard.account.AccountService;
import dev.corkboard.board.Board;
import dev.corkboard.board.BoardService;
import dev.corkboard.platform.api.AccessPolicy;
import dev.corkboard.platform.api.Bookmarks;
import dev.corkboard.platform.api.Page;
import dev.corkboard.platform.api.PageRequest;
import dev.corkboard.platform.api.Principal;
import dev.corkboard.platform.api.Unknown;
import dev.corkboard.platform.cache.ReadCache;
import dev.corkboard.platform.cache.ReadCaches;
import dev.corkboard.platform.cache.Touched;
import dev.corkboard.platform.db.Database;
import dev.corkboard.platform.db.Sql;
import dev.corkboard.platform.id.IdGenerator;
import dev.corkboard.platform.id.Ids;
import java.util.List;
import java.util.Optional;

/**
 * Use cases of follows: following and unfollowing accounts and boards, the lists of both
 * directions, and public profiles. The package documentation says what is followed and counted.
 */
public final class FollowService {

  private final Database database;
  private final FollowRepository follows;
  private final AccountService accounts;
  private final BoardService boards;
  private final IdGenerator ids;
  private final Bookmarks bookmarks;

  /**
   * What accounts follow, by account: every follow and unfollow forgets the follower's entry on
   * every server before it answers.
   */
  private final ReadCache<Long, Following> followingCache;

  /** What the follow sets of the accounts that read their feeds weigh at most. */
  private static final long FOLLOWING_CACHE_BYTES = 32L << 20;

  public FollowService(
      Database database,
      AccountService accounts,
      BoardService boards,
      IdGenerator ids,
      Bookmarks bookmarks,
      ReadCaches caches) {
    this.followingCache =
        caches.create("following", FOLLOWING_CACHE_BYTES, Following::estimatedBytes, Long::valueOf);
    this.database = database;
    this.follows = new FollowRepository();
    this.accounts = accounts;
    this.boards = boards;
    this.ids = ids;
    this.bookmarks = bookmarks;
  }

  /**
   * The caller follows the account named {@code username}, and with it its public boards but those
   * the caller unfollowed before; following it again changes nothing. Answers the account followed.
   */
  public Account followUser(Principal caller, String username) {
    long followee = accounts.accountIdOf(username);
    AccessPolicy.requireFollowAccount(caller, followee);
    long follower = caller.accountId();
    long id = ids.next(Ids.shardOf(follower));
    try (Touched touched = new Touched()) {
      touched.add(followingCache, follower); // what the follower follows
      database.inTransaction(
          tx -> {
            lockAccounts(tx, follower, followee);
            if (follows.insertUserFollow(tx, id, follower, followee)) {
              accounts.addToFollowCounts(tx, follower, 0, 1);
              accounts.addToFollowCounts(tx, followee, 1, 0);
              // Boards the caller followed one by one now count through their owner instead. (It
              // has
              // no unfollows of the owner's boards: those go when the owner is unfollowed.)
              boards.addToFollowerCounts(
                  tx, followee, follows.boardsChosen(tx, follower, followee, true), -1, 0);
            }
          });
    }
    return accounts.account(followee);
  }

  /**
   * The caller stops following the account named {@code username}: its boards stay followed only
   * where the caller followed them one by one, and the caller's unfollows of its boards are
   * forgotten. Unfollowing an account the caller does not follow changes nothing.
   */
  public void unfollowUser(Principal caller, String username) {
    long followee = accounts.accountIdOf(username);
    AccessPolicy.requireFollowAccount(caller, followee);
    long follower = caller.accountId();
    try (Touched touched = new Touched()) {
      touched.add(followingCache, follower); // what the follower follows
      database.inTransaction(
          tx -> {
            lockAccounts(tx, follower, followee);
            if (follows.deleteUserFollow(tx, follower, followee)) {
              accounts.addToFollowCounts(tx, follower, 0, -1);
              accounts.addToFollowCounts(tx, followee, -1, 0);
              boards.addToFollowerCounts(
                  tx, followee, follows.boardsChosen(tx, follower, followee, true), 1, 0);
              boards.addToFollowerCounts(
                  tx, followee, follows.boardsChosen(tx, follower, followee, false), 0, -1);
              follows.deleteUnfollows(tx, follower, followee);
            }
          });
    }
  }

  /**
   * The caller follows a public board of someone else's explicitly (also one it already follows
   * through its owner, so that it stays followed without the owner); answers the board.
   */
  public Board followBoard(Principal caller, long boardId) {
    choose(caller, boardId, true);
    return boards.board(caller, boardId);
  }

  /**
   * The caller stops following a board: a board it follows through the board's owner is unfollowed
   * on its own, the owner's other boards staying followed. Unfollowing a board the caller does not
   * follow changes nothing.
   */
  public void unfollowBoard(Principal caller, long boardId) {
    choose(caller, boardId, false);
  }

  /** Follows ({@code follow}) or unfollows a board the caller may follow, with its counts. */
  private void choose(Principal caller, long boardId, boolean follow) {
    Board board = boards.boardToFollow(caller, boardId);
    long follower = caller.accountId();
    long id = ids.next(Ids.shardOf(follower));
    try (Touched touched = new Touched()) {
      touched.add(followingCache, follower); // what the follower follows
      database.inTransaction(
          tx -> {
            Choice choice = lockChoice(tx, follower, board);
            Optional<Change> change = follow ? choice.follow() : choice.unfollow();
            if (change.isEmpty()) {
              return;
            }
            // The board's row before the choice's: a board being deleted takes its row, then the
            // choices about it.
            lockPublicBoard(tx, boardId, change.get().direct(), change.get().unfollowers());
            Optional<Boolean> made = change.get().made();
            if (made.isPresent()) {
              follows.upsertBoardChoice(tx, id, follower, boardId, board.ownerId(), made.get());
            } else {
              follows.deleteBoardChoice(tx, follower, boardId);
            }
          });
    }
  }

  /**
   * What the account {@code accountId} follows now, as its own follow rows say; served from memory
   * while it follows and unfollows nothing.
   */
  public Following following(long accountId) {
    Optional<Following> cached = followingCache.get(accountId);
    if (cached.isPresent()) {
      return cached.get();
    }
    ReadCache.Ticket ticket = followingCache.ticket(accountId);
    Following read = follows.following(database, accountId);
    followingCache.put(accountId, ticket, read);
    return read;
  }

  /**
   * A page of the accounts the caller follows, newest follow first; unless {@code explicitOnly},
   * also the owners of the public boards it follows without following the owner.
   */
  public Page<String> listFollowing(
      Principal caller, FollowingFilter filter, boolean explicitOnly, PageRequest page) {
    return accounts(
        "following:" + caller.accountId() + ":" + explicitOnly,
        page,
        !filter.keepsAccounts(),
        (before, limit) ->
            follows.listFollowing(database, caller.accountId(), explicitOnly, before, limit));
  }

  /** A page of the accounts that follow the caller, newest follow first. */
  public Page<String> listFollowers(Principal caller, PageRequest page) {
    return accounts(
        "followers:" + caller.accountId(),
        page,
        false,
        (before, limit) -> follows.listFollowers(database, caller.accountId(), before, limit));
  }

  /**
   * A page of the public boards the caller follows, newest follow first: those it follows
   * explicitly and, unless {@code explicitOnly}, those it follows through their owners.
   */
  public Page<Board> listFollowedBoards(Principal caller, boolean explicitOnly, PageRequest page) {
    String list = "followed-boards:" + caller.accountId() + ":" + explicitOnly;
    long[] cursor =
        bookmarks
            .decodeLongPair(list, page.bookmark())
            .orElse(new long[] {Long.MAX_VALUE, Long.MAX_VALUE});
    List<FollowRepository.FollowedBoard> rows =
        follows.listFollowedBoards(
            database, caller.accountId(), explicitOnly, cursor[0], cursor[1], page.size() + 1);
    return bookmarks
        .page(list, rows, page.size(), row -> row.key() + ":" + row.board().id())
        .map(FollowRepository.FollowedBoard::board);
  }

  /**
   * A page of the accounts that follow a board the caller sees, newest follow first; a board that
   * is not public has none.
   */
  public Page<String> listBoardFollowers(Principal caller, long boardId, PageRequest page) {
    Board board = boards.board(caller, boardId);
    return accounts(
        "board-followers:" + boardId,
        page,
        board.isSecret(),
        (before, limit) ->
            follows.listBoardFollowers(database, boardId, board.ownerId(), before, limit));
  }

  /** The account named {@code username} as anyone sees it, with its public counts. */
  public Account profile(String username) {
    return accounts.publicProfile(accounts.accountIdOf(username));
  }

  /** A page of the public boards of the account named {@code username}, newest first. */
  public Page<Board> listPublicBoards(String username, PageRequest page) {
    return boards.listPublicBoards(accounts.accountIdOf(username), page);
  }

  /**
   * A page of usernames of a list of follows, newest follow first; an empty list when {@code none},
   * which still refuses a bookmark of another list.
   */
  private Page<String> accounts(
      String list, PageRequest page, boolean none, Bookmarks.Fetch<FollowRepository.Listed> fetch) {
    if (none) {
      bookmarks.decode(list, page.bookmark());
      return Page.empty();
    }
    return bookmarks
        .newestFirst(list, page, fetch, FollowRepository.Listed::key)
        .map(FollowRepository.Listed::username);
  }

  /** Locks two accounts' rows in id order, as platform.db's lock order says for two accounts. */
  private void lockAccounts(Sql tx, long one, long other) {
    accounts.lockForWrites(tx, Math.min(one, other));
    accounts.lockForWrites(tx, Math.max(one, other));
  }

  /**
   * Locks the follower's row, then reads its choice about the board and whether it follows the
   * board's owner: both change only under that lock, so they hold until the transaction ends.
   */
  private Choice lockChoice(Sql tx, long follower, Board board) {
    accounts.lockForWrites(tx, follower);
    return new Choice(
        follows.boardChoice(tx, follower, board.id()),
        follows.followsUser(tx, follower, board.ownerId()));
  }

  /**
   * What a follower chose about a board, and what following or unfollowing it changes. The board's
   * counters count the follower as {@code direct} while it follows the board explicitly and not its
   * owner, and as an {@code unfollower} while it follows the owner and unfollowed the board.
   *
   * @param made true, it follows the board explicitly; false, it unfollowed it; empty, neither
   * @param viaOwner whether it follows the board's owner
   */
  record Choice(Optional<Boolean> made, boolean viaOwner) {

    /** What following the board changes; nothing if the follower follows it explicitly. */
    Optional<Change> follow() {
      if (made.orElse(false)) {
        return Optional.empty();
      }
      return Optional.of(
          new Change(
              Optional.of(true), made.isEmpty() && !viaOwner ? 1 : 0, made.isPresent() ? -1 : 0));
    }

    /**
     * What unfollowing the board changes: through its owner, the unfollow is remembered (also over
     * an explicit follow); otherwise an explicit follow goes; nothing if the board is not followed.
     */
    Optional<Change> unfollow() {
      if (made.isPresent() && !made.get()) {
        return Optional.empty();
      }
      if (viaOwner) {
        return Optional.of(new Change(Optional.of(false), 0, 1));
      }
      return made.map(followed -> new Change(Optional.empty(), -1, 0));
    }
  }

  /**
   * A change of a follower's choice about a board.
   *
   * @param made the choice afterwards, as {@link Choice#made}
   * @param direct what it adds to the board's {@code direct_follower_count}
   * @param unfollowers what it adds to the board's {@code unfollower_count}
   */
  record Change(Optional<Boolean> made, int direct, int unfollowers) {}

  /** Adds to a public board's follower counters, locking its row: 404 once it is not public. */
  private void lockPublicBoard(Sql tx, long boardId, int direct, int unfollowers) {
    if (!boards.addToPublicFollowerCounts(tx, boardId, direct, unfollowers)) {
      throw Unknown.BOARD.error();
    }
  }
}
