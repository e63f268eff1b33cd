package dev.corkboard.platform.api;

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
 *   <li>A public board and its pins are seen by everybody. A secret (or protected) board exists
 *       only for its owner through {@code boards:read_secret}; its pins, alone or as its list, also
 *       need {@code pins:read_secret}; changing it needs {@code boards:write_secret}, and putting
 *       pins on it or changing its pins needs {@code pins:write_secret} too.
 *   <li>Only a board's owner changes the board, its sections and its pins.
 *   <li>A cutout is exactly as visible as the pin it was cut from was when it was cut: a cutout of
 *       a secret pin is seen by its maker through {@code pins:read_secret} only, as the pin is.
 *   <li>A collage's draft is seen and changed by its owner alone; anyone else sees its published
 *       version, and an unpublished collage does not exist for them.
 * </ul>
 */
public final class AccessPolicy {

  private AccessPolicy() {}

  /**
   * What the policy needs to know of an object.
   *
   * @param ownerId the account that owns it (for a pin or section: the owner of its board)
   * @param secret whether only its owner may see it (a SECRET or PROTECTED board, a pin on one, a
   *     cutout of such a pin, an unpublished collage)
   */
  public record Guarded(long ownerId, boolean secret) {

    /** Whether the caller owns the object. */
    boolean ownedBy(Principal caller) {
      return ownerId == caller.accountId();
    }
  }

  // Boards and their sections.

  /** Whether the caller may see the board and its sections. */
  public static boolean seesBoard(Principal caller, Guarded board) {
    return !board.secret() || (board.ownedBy(caller) && caller.has(Scope.BOARDS_READ_SECRET));
  }

  /** Fails with the unknown board's 404 unless the caller may see the board. */
  public static void requireSeeBoard(Principal caller, Guarded board) {
    if (!seesBoard(caller, board)) {
      throw Unknown.BOARD.error();
    }
  }

  /** Fails unless the caller may change the board or its sections: 404, 403, or a scope. */
  public static void requireChangeBoard(Principal caller, Guarded board) {
    requireSeeBoard(caller, board);
    if (!board.ownedBy(caller)) {
      throw new ApiException.Forbidden("Only the board's owner may change it.");
    }
    if (board.secret()) {
      caller.require(Scope.BOARDS_WRITE_SECRET);
    }
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
   * Fails unless the caller may put pins on the board (create, save, move or publish onto it): 404,
   * 403, or a scope.
   */
  public static void requireAddPins(Principal caller, Guarded board) {
    requireChangeBoard(caller, board);
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
    return !pin.secret() || (pin.ownedBy(caller) && caller.has(Scope.PINS_READ_SECRET));
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
    if (!pin.ownedBy(caller)) {
      throw new ApiException.Forbidden("Only the owner of the pin's board may change the pin.");
    }
    if (pin.secret()) {
      caller.require(Scope.PINS_WRITE_SECRET);
    }
  }

  /**
   * Whether pins on the caller's own secret boards are in the caller's pin lists: the parameter of
   * {@link AccessSql#BOARD_SHOWN} in a list of the caller's pins.
   */
  public static boolean listsSecretPins(Principal caller) {
    return caller.has(Scope.PINS_READ_SECRET) && caller.has(Scope.BOARDS_READ_SECRET);
  }

  // Cutouts.

  /** Whether the caller may see the cutout: as they could the pin it was cut from. */
  public static boolean seesCutout(Principal caller, Guarded cutout) {
    return seesPin(caller, cutout);
  }

  /** Fails with the unknown cutout's 404 unless the caller may see the cutout. */
  public static void requireSeeCutout(Principal caller, Guarded cutout) {
    if (!seesCutout(caller, cutout)) {
      throw Unknown.CUTOUT.error();
    }
  }

  /** Fails unless the caller may delete the cutout: 404, or 403 for another's cutout. */
  public static void requireDeleteCutout(Principal caller, Guarded cutout) {
    requireSeeCutout(caller, cutout);
    if (!cutout.ownedBy(caller)) {
      throw new ApiException.Forbidden("Only the cutout's owner may delete it.");
    }
  }

  // Collages.

  /** Fails with the unknown collage's 404 unless the caller may see the collage in some version. */
  public static void requireSeeCollage(Principal caller, Guarded collage) {
    if (collage.secret() && !collage.ownedBy(caller)) {
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
}
