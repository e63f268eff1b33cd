package dev.corkboard.board;

import dev.corkboard.account.AccountService;
import dev.corkboard.platform.api.AccessPolicy;
import dev.corkboard.platform.api.ApiException;
import dev.corkboard.platform.api.Bookmarks;
import dev.corkboard.platform.api.Page;
import dev.corkboard.platform.api.PageRequest;
import dev.corkboard.platform.api.Principal;
import dev.corkboard.platform.api.Role;
import dev.corkboard.platform.api.Unknown;
import dev.corkboard.platform.cache.ReadCaches;
import dev.corkboard.platform.db.Database;
import dev.corkboard.platform.id.IdGenerator;
import dev.corkboard.platform.id.Ids;

/**
 * Use cases of group boards: inviting people with a role, accepting and declining, changing roles,
 * removing members and leaving, archiving, and reading a board's members and audit trail. Who may
 * do which is the {@link AccessPolicy}'s to say.
 *
 * <p>Every change of a board's members locks the board's row (after its owner's account row, as
 * {@link BoardService#lockWritable} takes them), so concurrent invitations, acceptances and
 * removals of one board run one at a time and its {@code collaborator_count} stays exact. Pins and
 * pages are cached with their board's members, so every such change empties the read caches on
 * every server before it answers: a removed member is refused from their next request on.
 */
public final class CollaboratorService {

  private final Database database;
  private final BoardService boards;
  private final AccountService accounts;
  private final IdGenerator ids;
  private final Bookmarks bookmarks;
  private final ReadCaches caches;
  private final CollaboratorRepository members = new CollaboratorRepository();
  private final BoardActivity activity;

  public CollaboratorService(
      Database database,
      BoardService boards,
      AccountService accounts,
      IdGenerator ids,
      Bookmarks bookmarks,
      ReadCaches caches) {
    this.database = database;
    this.boards = boards;
    this.accounts = accounts;
    this.ids = ids;
    this.bookmarks = bookmarks;
    this.caches = caches;
    this.activity = new BoardActivity(ids);
  }

  /**
   * Invites the account named {@code username} to the board with {@code role}: 404 for an unknown
   * user, 400 for the board's owner, 409 when already a member or invited.
   */
  public Collaborator invite(Principal caller, long boardId, String username, Role role) {
    long invitee = accounts.accountIdOf(username);
    long id = ids.next(Ids.shardOf(boardId));
    database.inTransaction(
        tx -> {
          Board board =
              boards.lockWritable(
                  tx, caller, boardId, (c, b) -> AccessPolicy.requireInvite(c, b, role));
          if (invitee == board.ownerId()) {
            throw new ApiException.InvalidInput("username: the board's owner is on it already.");
          }
          if (!members.invite(
              tx,
              id,
              boardId,
              /* accountId= */ invitee,
              role,
              /* invitedBy= */ caller.accountId())) {
            throw new ApiException.Conflict(
                "'" + username + "' is already a member of this board or invited to it.");
          }
          activity.record(
              tx, boardId, caller.accountId(), BoardActivity.Action.MEMBER_INVITED, invitee);
        });
    return members.find(database, boardId, invitee).orElseThrow(Unknown.COLLABORATOR::error);
  }

  /**
   * A page of the board's members, oldest first; pending invitations too for its owner and editors.
   */
  public Page<Collaborator> listCollaborators(Principal caller, long boardId, PageRequest page) {
    Board board = boards.board(caller, boardId);
    Role role = board.guarded().roleOf(caller);
    boolean withInvitations = role == Role.OWNER || role == Role.EDITOR;
    return bookmarks.oldestFirst(
        "collaborators:" + boardId + ":" + withInvitations,
        page,
        (after, limit) -> members.listByBoard(database, boardId, withInvitations, after, limit),
        Collaborator::id);
  }

  /** Changes a member's or invitee's role: the board's owner alone. */
  public Collaborator changeRole(Principal caller, long boardId, String username, Role role) {
    if (role == Role.OWNER) {
      throw new ApiException.InvalidInput(
          "role: must be EDITOR, CONTRIBUTOR or VIEWER; a board has one owner, who hands it to an"
              + " editor with POST /v5/boards/{board_id}/owner.");
    }
    long member = accounts.accountIdOf(username);
    try {
      database.inTransaction(
          tx -> {
            boards.lockWritable(tx, caller, boardId, AccessPolicy::requireChangeBoard);
            if (!members.changeRole(tx, boardId, member, role)) {
              throw Unknown.COLLABORATOR.error();
            }
            activity.record(
                tx, boardId, caller.accountId(), BoardActivity.Action.MEMBER_ROLE_CHANGED, member);
          });
    } finally {
      caches.clearAll();
    }
    return members.find(database, boardId, member).orElseThrow(Unknown.COLLABORATOR::error);
  }

  /**
   * Hands the board to one of its editors, named {@code username}: its owner alone, and not while
   * the board is archived. The board keeps its id, and its sections and pins theirs; the editor
   * becomes its owner and leaves its members, the old owner becomes an editor, the board and its
   * pins move from the old owner's counts, lists and followers to the new owner's, and its trail
   * records OWNER_CHANGED, all in one transaction. 404 for an unknown user or one who is not on the
   * board, 400 for the owner or a member who is not an editor, 409 when the editor has a board of
   * that name already. Answers the board as its old owner now sees it.
   */
  public Board transfer(Principal caller, long boardId, String username) {
    long heir = accounts.accountIdOf(username);
    long id = ids.next(Ids.shardOf(boardId));
    try {
      database.inTransaction(
          tx -> {
            Board board = boards.lockForHandOver(tx, caller, boardId, heir);
            if (heir == board.ownerId()) {
              throw new ApiException.InvalidInput(
                  "username: '" + username + "' owns the board already.");
            }
            Collaborator member =
                members.find(tx, boardId, heir).orElseThrow(Unknown.COLLABORATOR::error);
            if (!member.accepted() || member.role() != Role.EDITOR) {
              throw new ApiException.InvalidInput(
                  "username: a board goes only to one of its editors; '"
                      + username
                      + "' is "
                      + (member.accepted()
                          ? "a member with the role " + member.role().name()
                          : "invited and has not joined")
                      + ".");
            }
            members.remove(tx, boardId, heir);
            boards.handOver(tx, board, heir, username);
            long former = board.ownerId();
            members.invite(tx, id, boardId, former, Role.EDITOR, /* invitedBy= */ heir);
            members.accept(tx, boardId, former);
            activity.record(
                tx, boardId, caller.accountId(), BoardActivity.Action.OWNER_CHANGED, heir);
          });
    } finally {
      // Pins, pages and lists are cached with their board's owner and members.
      caches.clearAll();
    }
    return boards.board(caller, boardId);
  }

  /**
   * Removes a member or withdraws an invitation: the board's owner may remove anyone, and a member
   * may remove themselves (leave), even from an archived board.
   */
  public void remove(Principal caller, long boardId, String username) {
    long member = accounts.accountIdOf(username);
    boolean leaving = member == caller.accountId();
    try {
      database.inTransaction(
          tx -> {
            // A member leaves even an archived board; whether they are one, the row says.
            Board board =
                boards.lockWritable(
                    tx, caller, boardId, leaving ? (c, b) -> {} : AccessPolicy::requireChangeBoard);
            if (members.remove(tx, boardId, member).isEmpty()) {
              throw AccessPolicy.seesBoard(caller, board.guarded())
                  ? Unknown.COLLABORATOR.error()
                  : Unknown.BOARD.error();
            }
            activity.record(
                tx,
                boardId,
                caller.accountId(),
                leaving ? BoardActivity.Action.MEMBER_LEFT : BoardActivity.Action.MEMBER_REMOVED,
                member);
          });
    } finally {
      caches.clearAll();
    }
  }

  /** A page of the caller's pending invitations, newest first. */
  public Page<Invitation> listInvitations(Principal caller, PageRequest page) {
    return bookmarks.newestFirst(
        "invitations:" + caller.accountId(),
        page,
        (before, limit) -> members.listInvitations(database, caller.accountId(), before, limit),
        i -> i.invitation().id());
  }

  /** Accepts the caller's invitation to the board; answers the board as its new member sees it. */
  public Board accept(Principal caller, long boardId) {
    requireInvited(caller, boardId);
    try {
      database.inTransaction(
          tx -> {
            boards.lockWritable(tx, caller, boardId, (c, b) -> {});
            if (!members.accept(tx, boardId, caller.accountId())) {
              throw Unknown.INVITATION.error();
            }
            activity.record(
                tx,
                boardId,
                caller.accountId(),
                BoardActivity.Action.MEMBER_JOINED,
                caller.accountId());
          });
    } finally {
      caches.clearAll();
    }
    return boards.board(caller, boardId);
  }

  /** Declines the caller's invitation to the board. */
  public void decline(Principal caller, long boardId) {
    requireInvited(caller, boardId);
    database.inTransaction(
        tx -> {
          boards.lockWritable(tx, caller, boardId, (c, b) -> {});
          boolean pending =
              members.find(tx, boardId, caller.accountId()).filter(m -> !m.accepted()).isPresent();
          if (!pending) {
            throw Unknown.INVITATION.error();
          }
          members.remove(tx, boardId, caller.accountId());
          activity.record(
              tx,
              boardId,
              caller.accountId(),
              BoardActivity.Action.MEMBER_DECLINED,
              caller.accountId());
        });
  }

  /** A page of the board's audit trail, newest first: for its owner and members. */
  public Page<ActivityEntry> listActivity(Principal caller, long boardId, PageRequest page) {
    AccessPolicy.requireMemberOf(caller, boards.board(caller, boardId).guarded());
    return bookmarks.newestFirst(
        "activity:" + boardId,
        page,
        (before, limit) -> members.listActivity(database, boardId, before, limit),
        ActivityEntry::id);
  }

  /** Archives the board (read-only, out of default lists and feeds) or unarchives it: its owner. */
  public Board archive(Principal caller, long boardId, boolean archived) {
    try {
      database.inTransaction(
          tx -> {
            Board board = boards.lockWritable(tx, caller, boardId, AccessPolicy::requireOwnBoard);
            if (board.archived() != archived) {
              boards.setArchived(tx, boardId, archived);
              activity.record(
                  tx,
                  boardId,
                  caller.accountId(),
                  archived
                      ? BoardActivity.Action.BOARD_ARCHIVED
                      : BoardActivity.Action.BOARD_UNARCHIVED,
                  boardId);
            }
          });
    } finally {
      caches.clearAll();
    }
    return boards.board(caller, boardId);
  }

  /**
   * Fails with the unknown invitation's 404 unless the caller is invited to the board: the same
   * answer for a board that does not exist, so nobody learns of a secret board they are not invited
   * to.
   */
  private void requireInvited(Principal caller, long boardId) {
    if (members.find(database, boardId, caller.accountId()).filter(m -> !m.accepted()).isEmpty()) {
      throw Unknown.INVITATION.error();
    }
  }
}
