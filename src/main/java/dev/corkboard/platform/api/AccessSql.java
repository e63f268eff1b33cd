package dev.corkboard.platform.api;

/**
 * The {@link AccessPolicy}'s rules as SQL, for lists and writes that filter in the statement that
 * reads or writes. Each fragment takes the policy's answer for the caller as a parameter, so the
 * decision stays the policy's and the statement stays prepared once.
 */
public final class AccessSql {

  private AccessSql() {}

  /**
   * The board aliased {@code b} may be shown or written: it is public, or the boolean parameter
   * {@code $%d} says the caller's own secret boards may (the policy's {@code listsSecretBoards},
   * {@code listsSecretPins} or {@code addsPinsToSecretBoards}, in a statement already limited to
   * the caller's boards). Fill the parameter's number in with {@link String#formatted}.
   */
  public static final String BOARD_SHOWN = "(b.privacy = 'PUBLIC' OR $%d::boolean)";
}
