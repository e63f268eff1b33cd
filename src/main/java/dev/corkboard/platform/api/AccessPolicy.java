package dev.corkboard.platform.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The one place that decides who may see and change boards (with their sections and pin lists),
 * pins, cutouts and collages, and what a caller who may not is told. Services ask it before they
 * act; lists filter in SQL with the fragments of {@link AccessSql}, whose parameters the policy
 * answers.
 *
 * <p>The answers come in a fixed order: an object the caller may not see is unknown (404, with the
 * bytes of an object that does not exist), then one the caller sees but may not change is forbidden
 * (403, code 29), then a credential without a scope the object needs lacks that scope (403, code
 * 3).
 *
 * <p>The rules:
 *
 * <ul>
 *   <li>A board's owner and its members each hold a {@link Role}: the owner {@code OWNER}, a member
 *       the role they were invited with and accepted. Nobody else holds one.
 *   <li>A public board and its pins are seen by everybody. A secret (or protected) board exists
 *       only for those who hold a role on it, through {@code boards:read_secret}; its pins, alone
 *       or as its list, also need {@code pins:read_secret}; changing it needs {@code
 *       boards:write_secret}, and putting pins on it or changing its pins needs {@code
 *       pins:write_secret} too. Everybody else is answered as for a board that does not exist.
 *   <li>Only the owner changes the board itself (its name, description, privacy, archive, members'
 *       roles) and deletes it. An {@code EDITOR} arranges it: adds, moves, edits and removes any
 *       pin and section, and invites viewers. A {@code CONTRIBUTOR} adds pins, and edits and
 *       removes the pins they added. A {@code VIEWER} sees it, nothing more. A member may leave.
 *   <li>An archived board is read-only for everybody, its owner included, until its owner
 *       unarchives it.
 *   <li>A cutout is exactly as visible as the pin it was cut from is now: once that pin moves to a
 *       secret board, only the pin's owner sees the cutout, through {@code pins:read_secret}. A
 *       cutout whose pin is gone is its maker's alone. Only its maker deletes it.
 *   <li>A collage's draft is seen and changed by its owner alone; anyone else sees its published
 *       version, exactly as they see the pin it was last published as: not at all while it is
 *       unpublished, published onto a secret board, or its pin is gone.
 *   <li>Follows are public: anybody may follow any account but their own, and any board they see
 *       that is public and not their own. Only public boards are followed, listed among follows or
 *       counted as followed, for everybody, their owner included: a board that turns secret drops
 *       out of every list and count at once (lists and counts filter on {@code PUBLIC} in SQL).
 *   <li>Search finds what lists show. A search of everybody's pins and boards finds public boards
 *       and the pins on them only, for everybody, their owner included, decided from the board's
 *       privacy as it is when the search runs. A search of the caller's own pins or boards finds
 *       their secret ones as the caller's lists do ({@link #listsSecretPins}, {@link
 *       #listsSecretBoards}).
 * </ul>
 */
public final class AccessPolicy {

  private AccessPolicy() {}

  /**
   * What the policy needs to know of an object.
   *
   * @param ownerId the account that owns it (for a pin or section: the owner of its board)
   * @param secret whether only those with a role may see it (a SECRET or PROTECTED board, a pin on
   *     one, a collage that is not published as a pin others see)
   * @param archived whether it is (on) an archived board, which nobody changes
   * @param members who else holds a role on it (on its board), with which
   * @param authorId who made it: for a pin, who put it on its board; else its owner
   */
  public record Guarded(
      long ownerId, boolean secret, boolean archived, Members members, long authorId) {

    /** An object of one owner alone, not archived, made by that owner. */
    public Guarded(long ownerId, boolean secret) {
      this(ownerId, secret, false, Members.NONE, ownerId);
    }

    /** Whether the caller owns the object. */
    boolean ownedBy(Principal caller) {
      return ownerId == caller.accountId();
    }

    /** The caller's role on the object (its board), or null for none. */
    public @Nullable Role roleOf(Principal caller) {
      return ownedBy(caller) ? Role.OWNER : members.roleOf(caller.accountId());
    }
  }

  // Boards and their sections.

  /** Whether the caller may see the board and its sections. */
  public static boolean seesBoard(Principal caller, Guarded board) {
    return !board.secret()
        || (board.roleOf(caller) != null && caller.has(Scope.BOARDS_READ_SECRET));
  }

  /** Fails with the unknown board's 404 unless the caller may see the board. */
  public static void requireSeeBoard(Principal caller, Guarded board) {
    if (!seesBoard(caller, board)) {
      throw Unknown.BOARD.error();
    }
  }

  /**
   * Fails unless the caller may change the board itself (its name, description, privacy, members)
   * or delete it: 404, 403, or a scope.
   */
  public static void requireChangeBoard(Principal caller, Guarded board) {
    requireOwnBoard(caller, board);
    requireNotArchived(board);
  }

  /**
   * Fails unless the caller owns the board, archived or not, as archiving and unarchiving it need:
   * 404, 403, or a scope.
   */
  public static void requireOwnBoard(Principal caller, Guarded board) {
    requireSeeBoard(caller, board);
    if (!board.ownedBy(caller)) {
      throw new ApiException.Forbidden("Only the board's owner may change it.");
    }
    if (board.secret()) {
      caller.require(Scope.BOARDS_WRITE_SECRET);
    }
  }

  /** Fails with 403 when the object is (on) an archived board. */
  private static void requireNotArchived(Guarded object) {
    if (object.archived()) {
      throw new ApiException.Forbidden("The board is archived: it is read-only until unarchived.");
    }
  }

  /**
   * Fails unless the caller's role on the board is one of {@code roles}, after the 404 for a board
   * they may not see: 403 naming what the roles may do, or a scope.
   */
  private static void requireRole(Principal caller, Guarded board, String what, Role... roles) {
    requireSeeBoard(caller, board);
    Role role = board.roleOf(caller);
    if (role == null || !Arrays.asList(roles).contains(role)) {
      String who =
          Arrays.stream(roles)
              .map(r -> r.name().toLowerCase(Locale.ROOT) + "s")
              .collect(Collectors.joining(" and "));
      throw new ApiException.Forbidden("Only the board's " + who + " may " + what + ".");
    }
    if (board.secret()) {
      caller.require(Scope.BOARDS_WRITE_SECRET);
    }
    requireNotArchived(board);
  }

  /**
   * Fails unless the caller may invite someone to the board with {@code role}: its owner with any
   * role but owner, an editor with {@code VIEWER} only: 404, 403, or a scope.
   */
  public static void requireInvite(Principal caller, Guarded board, Role role) {
    if (role == Role.OWNER) {
      throw new ApiException.InvalidInput(
          "role: must be EDITOR, CONTRIBUTOR or VIEWER; a board has one owner.");
    }
    if (role == Role.VIEWER) {
      requireRole(caller, board, "invite viewers", Role.OWNER, Role.EDITOR);
    } else {
      requireRole(caller, board, "invite editors and contributors", Role.OWNER);
    }
  }

  /**
   * Fails unless the caller may read the board's members' activity and pending invitations: those
   * with a role on it: 404 or 403.
   */
  public static void requireMemberOf(Principal caller, Guarded board) {
    requireSeeBoard(caller, board);
    if (board.roleOf(caller) == null) {
      throw new ApiException.Forbidden("Only the board's owner and members may read this.");
    }
  }

  /**
   * Fails unless the caller may arrange the board: put its pins and sections in order, and move or
   * remove any of its pins and sections: 404, 403, or a scope.
   */
  public static void requireArrangeBoard(Principal caller, Guarded board) {
    requireRole(caller, board, "arrange its pins and sections", Role.OWNER, Role.EDITOR);
  }

  /** Fails unless the caller may make a board of that privacy, or turn a board into one. */
  public static void requireMakeBoard(Principal caller, boolean secret) {
    if (secret) {
      caller.require(Scope.BOARDS_WRITE_SECRET);
    }
  }

  /** Fails with the unknown board's 404 unless the caller may list the board's pins. */
  public static void requireListBoardPins(Principal caller, Guarded board) {
    if (!seesBoard(caller, board) || (board.secret() && !caller.has(Scope.PINS_READ_SECRET))) {
      throw Unknown.BOARD.error();
    }
  }

  /**
   * Whether the caller may learn how many pins a board it sees holds: only as far as it may list
   * them, so a secret board's count needs {@code pins:read_secret} too.
   */
  public static boolean countsBoardPins(Principal caller, Guarded board) {
    return !board.secret() || caller.has(Scope.PINS_READ_SECRET);
  }

  /**
   * Fails unless the caller may put pins on the board (create, save, move or publish onto it): 404,
   * 403, or a scope.
   */
  public static void requireAddPins(Principal caller, Guarded board) {
    requireRole(caller, board, "add pins", Role.OWNER, Role.EDITOR, Role.CONTRIBUTOR);
    if (board.secret()) {
      caller.require(Scope.PINS_WRITE_SECRET);
    }
  }

  /**
   * Whether the caller's own secret boards are in their lists: the parameter of {@link
   * AccessSql#BOARD_SHOWN} in a list of the caller's boards.
   */
  public static boolean listsSecretBoards(Principal caller) {
    return caller.has(Scope.BOARDS_READ_SECRET);
  }

  /**
   * Whether {@link #requireAddPins} lets the caller put pins on their own secret boards: the
   * parameter of {@link AccessSql#BOARD_SHOWN} where a write checks its board in SQL.
   */
  public static boolean addsPinsToSecretBoards(Principal caller) {
    return caller.has(Scope.BOARDS_READ_SECRET)
        && caller.has(Scope.BOARDS_WRITE_SECRET)
        && caller.has(Scope.PINS_WRITE_SECRET);
  }

  // Pins.

  /** Whether the caller may see the pin. */
  public static boolean seesPin(Principal caller, Guarded pin) {
    return !pin.secret() || (pin.roleOf(caller) != null && caller.has(Scope.PINS_READ_SECRET));
  }

  /** Fails with the unknown pin's 404 unless the caller may see the pin. */
  public static void requireSeePin(Principal caller, Guarded pin) {
    if (!seesPin(caller, pin)) {
      throw Unknown.PIN.error();
    }
  }

  /** Fails unless the caller may change or delete the pin: 404, 403, or a scope. */
  public static void requireChangePin(Principal caller, Guarded pin) {
    requireSeePin(caller, pin);
    Role role = pin.roleOf(caller);
    boolean mayChange =
        role == Role.OWNER
            || role == Role.EDITOR
            || (role == Role.CONTRIBUTOR && pin.authorId() == caller.accountId());
    if (!mayChange) {
      throw new ApiException.Forbidden(
          role == Role.CONTRIBUTOR
              ? "A contributor may change only the pins they added."
              : "Only the owner of the pin's board and its editors may change the pin.");
    }
    if (pin.secret()) {
      caller.require(Scope.PINS_WRITE_SECRET);
    }
    requireNotArchived(pin);
  }

  /**
   * Whether pins on the caller's own secret boards are in the caller's pin lists: the parameter of
   * {@link AccessSql#BOARD_SHOWN} in a list of the caller's pins.
   */
  public static boolean listsSecretPins(Principal caller) {
    return caller.has(Scope.PINS_READ_SECRET) && caller.has(Scope.BOARDS_READ_SECRET);
  }

  // Cutouts.

  /**
   * Whether the caller may see a cutout, given how its pin is guarded now ({@code seenAs}), or,
   * once the pin is gone, the cutout's own guard (its maker's alone).
   */
  public static boolean seesCutout(Principal caller, Guarded seenAs) {
    return seesPin(caller, seenAs);
  }

  /** Fails with the unknown cutout's 404 unless the caller may see the cutout. */
  public static void requireSeeCutout(Principal caller, Guarded seenAs) {
    if (!seesCutout(caller, seenAs)) {
      throw Unknown.CUTOUT.error();
    }
  }

  /**
   * Fails unless the caller may delete the cutout: 404 unless they see it ({@code seenAs}, as for
   * {@link #seesCutout}), 403 unless they made it ({@code cutout}).
   */
  public static void requireDeleteCutout(Principal caller, Guarded seenAs, Guarded cutout) {
    requireSeeCutout(caller, seenAs);
    if (!cutout.ownedBy(caller)) {
      throw new ApiException.Forbidden("Only the cutout's owner may delete it.");
    }
  }

  // Collages.

  /**
   * Whether the caller may see the collage in some version: its owner always, anyone else as the
   * collage's guard says (secret unless it is published as a pin they see).
   */
  public static boolean seesCollage(Principal caller, Guarded collage) {
    return !collage.secret() || collage.ownedBy(caller);
  }

  /** Fails with the unknown collage's 404 unless the caller may see the collage in some version. */
  public static void requireSeeCollage(Principal caller, Guarded collage) {
    if (!seesCollage(caller, collage)) {
      throw Unknown.COLLAGE.error();
    }
  }

  /** Whether the caller sees the collage's draft; everyone else sees its published version. */
  public static boolean seesCollageDraft(Principal caller, Guarded collage) {
    return collage.ownedBy(caller);
  }

  /**
   * Fails with the unknown collage's 404 unless the caller owns the collage: a change by anyone
   * else learns nothing, not even that a published collage has a draft.
   */
  public static void requireChangeCollage(Principal caller, Guarded collage) {
    if (!collage.ownedBy(caller)) {
      throw Unknown.COLLAGE.error();
    }
  }

  // Follows.

  /** Fails unless the caller may follow (or unfollow) the account: anybody but itself, 400. */
  public static void requireFollowAccount(Principal caller, long accountId) {
    if (accountId == caller.accountId()) {
      throw new ApiException.InvalidInput("username: you cannot follow yourself.");
    }
  }

  /**
   * Fails unless the caller may follow (or unfollow) the board: 404 unless the caller sees it, 400
   * for the caller's own board. So a secret board is never followed: only its owner sees it.
   */
  public static void requireFollowBoard(Principal caller, Guarded board) {
    requireSeeBoard(caller, board);
    if (board.ownedBy(caller)) {
      throw new ApiException.InvalidInput("board_id: you cannot follow your own board.");
    }
  }

  // Search.

  /**
   * Whether a search of everybody's pins and boards finds secret ones: never, not even the caller's
   * own; the parameter of {@link AccessSql#BOARD_SHOWN} in such a search.
   */
  public static boolean searchesEverybodysSecrets(Principal caller) {
    return false;
  }
}
