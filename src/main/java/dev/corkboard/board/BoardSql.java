package dev.corkboard.board;

import dev.corkboard.account.AccountSql;
import dev.corkboard.platform.api.AccessPolicy;
import dev.corkboard.platform.api.AccessSql;
import dev.corkboard.platform.api.Members;
import io.vertx.sqlclient.Row;

/**
 * The board feature's SQL for statements of other features: a pin's board read in the same
 * statement, a board checked as the target of a one-statement write, and the pin count that write
 * keeps together with its pin. Other features touch the boards and sections tables only through
 * these fragments.
 */
public final class BoardSql {

  private BoardSql() {}

  /**
   * The columns {@link #board} reads, of a board aliased {@code b} and its owner's account aliased
   * {@code a} ({@code AccountSql.joinOwner("b")}). A board's follower count is its owner's
   * followers, plus those who follow the board explicitly and not its owner ({@code
   * direct_follower_count}), less the owner's followers who unfollowed the board ({@code
   * unfollower_count}): so following an account changes one row, not one per board. A board that is
   * not public counts nobody, from the moment it turns secret.
   */
  public static final String COLUMNS =
      """
      b.id, b.owner_id, a.username, b.name, b.description, b.privacy, b.created_at,
      b.board_pins_modified_at, b.pin_count,
      CASE WHEN b.privacy = 'PUBLIC'
           THEN a.follower_count + b.direct_follower_count - b.unfollower_count
           ELSE 0 END AS follower_count,
      b.collaborator_count,
      """
          + access("b");

  /**
   * The columns of the board aliased {@code board} that the access policy needs besides its owner
   * and privacy, in names no pin column shares: whether it is {@code board_archived}, and its
   * members' {@code member_ids} (ascending) and {@code member_roles}, both NULL for a board without
   * collaborators, which is read without looking for any. {@link #members} reads them.
   */
  public static String access(String board) {
    return """
        %1$s.archived_at IS NOT NULL AS board_archived,
        CASE WHEN %1$s.collaborator_count > 0 THEN ARRAY(
          SELECT m.account_id FROM board_members m
          WHERE m.shard = %1$s.shard AND m.board_id = %1$s.id AND m.state = 'ACCEPTED'
          ORDER BY m.account_id) END AS member_ids,
        CASE WHEN %1$s.collaborator_count > 0 THEN ARRAY(
          SELECT m.role FROM board_members m
          WHERE m.shard = %1$s.shard AND m.board_id = %1$s.id AND m.state = 'ACCEPTED'
          ORDER BY m.account_id) END AS member_roles"""
        .formatted(board);
  }

  /** The members of a board read with {@link #access}. */
  public static Members members(Row row) {
    return Members.of(row.getArrayOfLongs("member_ids"), row.getArrayOfStrings("member_roles"));
  }

  /** Whether a board read with {@link #access} is archived. */
  public static boolean archived(Row row) {
    return row.getBoolean("board_archived");
  }

  /** The board of a row with the {@link #COLUMNS}. */
  public static Board board(Row row) {
    String description = row.getString("description");
    return new Board(
        row.getLong("id"),
        row.getLong("owner_id"),
        row.getString("username"),
        row.getString("name"),
        description == null ? "" : description,
        BoardPrivacy.valueOf(row.getString("privacy")),
        row.getOffsetDateTime("created_at").toInstant(),
        row.getOffsetDateTime("board_pins_modified_at").toInstant(),
        row.getInteger("pin_count"),
        row.getInteger("follower_count"),
        row.getInteger("collaborator_count"),
        archived(row),
        members(row));
  }

  /**
   * A query of the shards that hold the boards (and so the pins) of the account whose shard and id
   * the SQL expressions {@code shard} and {@code owner} give, as rows of {@code shard}: its own,
   * and those of the boards handed to it by their owners (few, each found by one range of {@code
   * away_boards}). An owner's list reads each of these shards' ranges and merges them.
   */
  public static String shardsOfOwner(String shard, String owner) {
    return """
        SELECT %1$s::smallint AS shard
        UNION
        SELECT w.board_shard FROM away_boards w WHERE w.shard = %1$s AND w.owner_id = %2$s"""
        .formatted(shard, owner);
  }

  /**
   * Joins the public boards of the account whose shard and id the SQL expressions {@code shard} and
   * {@code owner} give, as {@code b}.
   */
  public static String joinPublicBoardsOf(String shard, String owner) {
    return joinBoardsOf(shard, owner, "held.privacy = 'PUBLIC'");
  }

  /**
   * Joins the boards of the account whose shard and id the SQL expressions {@code shard} and {@code
   * owner} give that the condition on the boards it reads ({@code held}) keeps, as {@code b}: those
   * on its shard, one range of {@code boards_by_owner}, and those handed to it that live elsewhere
   * (few; an index probe of {@code away_boards} that finds none for most accounts).
   */
  private static String joinBoardsOf(String shard, String owner, String condition) {
    return """
        CROSS JOIN LATERAL (
          SELECT held.* FROM boards held
          WHERE held.shard = %1$s AND held.owner_id = %2$s AND %3$s
          UNION ALL
          SELECT held.* FROM away_boards away
          JOIN boards held ON held.shard = away.board_shard AND held.id = away.board_id
          WHERE away.shard = %1$s AND away.owner_id = %2$s AND held.owner_id = %2$s AND %3$s) b"""
        .formatted(shard, owner, condition);
  }

  /**
   * Joins the board whose shard and id the SQL expressions {@code shard} and {@code board} give, as
   * {@code b}, when it is public.
   */
  public static String joinPublicBoard(String shard, String board) {
    return "JOIN boards b ON b.shard = %s AND b.id = %s AND b.privacy = 'PUBLIC'"
        .formatted(shard, board);
  }

  /**
   * Joins the board whose shard and id the SQL expressions {@code shard} and {@code board} give, as
   * {@code b}, when it may feed others: public and not archived.
   */
  public static String joinFeedBoard(String shard, String board) {
    return joinPublicBoard(shard, board) + " AND b.archived_at IS NULL";
  }

  /**
   * Joins the boards of the account whose shard and id the SQL expressions {@code shard} and {@code
   * owner} give that may feed others (public and not archived), as {@code b}.
   */
  public static String joinFeedBoardsOf(String shard, String owner) {
    return joinBoardsOf(shard, owner, "held.privacy = 'PUBLIC' AND held.archived_at IS NULL");
  }

  /**
   * Joins the board of the rows aliased {@code alias} (rows with {@code shard} and {@code board_id}
   * columns, on their board's shard) as {@code b}; the statement then reads {@code b.privacy}.
   */
  public static String joinBoard(String alias) {
    return "JOIN boards b ON b.shard = " + alias + ".shard AND b.id = " + alias + ".board_id";
  }

  /**
   * A query of the board {@code board} on shard {@code shard} (each names a parameter, such as
   * {@code "$2"}) as the access policy needs to know it, with its owner's name, in columns that
   * {@link #guard} reads and whose names no pin column shares: a read model of a board's pins takes
   * the board in the same statement.
   */
  public static String boardGuard(String shard, String board) {
    return """
        SELECT b.owner_id AS board_owner_id, b.privacy AS board_privacy,
               a.username AS board_owner_username, %s
        FROM boards b
        %s
        WHERE b.shard = %s AND b.id = %s"""
        .formatted(access("b"), AccountSql.joinOwner("b"), shard, board);
  }

  /** The board of a row with the columns of {@link #boardGuard}. */
  public static BoardGuard guard(Row row) {
    return new BoardGuard(
        row.getLong("board_owner_id"),
        !"PUBLIC".equals(row.getString("board_privacy")),
        row.getString("board_owner_username"),
        archived(row),
        members(row));
  }

  /**
   * A board as a read model of its pins reads it.
   *
   * @param ownerId its owner
   * @param secret whether it is not public
   * @param ownerUsername its owner's username
   * @param archived whether it is archived
   * @param members who else holds a role on it
   */
  public record BoardGuard(
      long ownerId, boolean secret, String ownerUsername, boolean archived, Members members) {

    /** What the access policy needs to know of the board. */
    public AccessPolicy.Guarded guarded() {
      return new AccessPolicy.Guarded(ownerId, secret, archived, members, ownerId);
    }
  }

  /**
   * The secret (and protected) boards of the account aliased {@code a} (a row with {@code shard}
   * and {@code id} columns), as a query of one row: {@code boards}, how many there are, and {@code
   * pins}, how many pins they hold. The account feature is handed it by the composition root, so
   * that counts shown to a caller who may not list those boards and pins leave them out, read in
   * the same statement as the totals they are taken from.
   */
  public static final String SECRET_TOTALS =
      """
      SELECT count(*)::int AS boards, coalesce(sum(b.pin_count), 0)::int AS pins
      FROM (%s) owner_shards
      JOIN boards b ON b.shard = owner_shards.shard AND b.owner_id = a.id
      WHERE b.privacy <> 'PUBLIC'"""
          .formatted(shardsOfOwner("a.shard", "a.id"));

  /**
   * Left-joins the board of the rows aliased {@code alias} as {@code as}, for rows that may have
   * none (an outer-joined pin that is gone); the statement then reads {@code as.privacy}.
   */
  public static String leftJoinBoard(String alias, String as) {
    return "LEFT JOIN boards "
        + as
        + " ON "
        + as
        + ".shard = "
        + alias
        + ".shard AND "
        + as
        + ".id = "
        + alias
        + ".board_id";
  }

  /**
   * A query of the board {@code board} on shard {@code shard} that answers its privacy and its
   * owner's username when the board is {@code owner}'s, may take pins as the access policy's answer
   * {@code secretAllowed} says (a boolean parameter), and holds the section {@code section} (a
   * bigint parameter, NULL for none); no row otherwise. Each argument names a parameter, such as
   * {@code "$4"}.
   */
  public static String pinTarget(
      String shard, String board, String owner, String section, int secretAllowed) {
    return """
        SELECT b.privacy, a.username
        FROM boards b
        %s
        WHERE b.shard = %s AND b.id = %s AND b.owner_id = %s
          AND %s
          AND (%s::bigint IS NULL OR EXISTS (
            SELECT 1 FROM board_sections bs
            WHERE bs.shard = %s AND bs.id = %s AND bs.board_id = %s))"""
        .formatted(
            AccountSql.joinOwner("b"),
            shard,
            board,
            owner,
            AccessSql.BOARD_SHOWN.formatted(secretAllowed),
            section,
            shard,
            section,
            board);
  }

  /**
   * The body of a data-modifying {@code WITH} entry that adds one to the pin count of the board
   * {@code board} on shard {@code shard} and stamps when its pins changed, once the {@code WITH}
   * entry {@code after} answers a row: joining it makes the locks {@code after} takes come before
   * this board's (the lock order of {@link dev.corkboard.platform.db}). Answers the board's {@code
   * shard} and {@code id}; nothing when the board is gone or is no longer {@code owner}'s: the
   * statement's snapshot may predate a hand-over that committed while it waited for {@code after}'s
   * lock of the old owner's row, and the update checks the owner again on the board's newest row.
   * {@code shard}, {@code board} and {@code owner} name parameters, such as {@code "$4"}.
   */
  public static String countNewPin(String after, String shard, String board, String owner) {
    return """
        UPDATE boards b SET pin_count = b.pin_count + 1, board_pins_modified_at = now()
        FROM %s WHERE b.shard = %s AND b.id = %s AND b.owner_id = %s
        RETURNING b.shard, b.id"""
        .formatted(after, shard, board, owner);
  }

  /**
   * The body of a data-modifying {@code WITH} entry that records in the audit trail of each new
   * pin's board that the account {@code actor} added it: {@code pins} names the entry that inserted
   * the pins (returning {@code shard}, {@code id} and {@code board_id}), {@code id} the trail row's
   * id (for one pin), each an SQL expression such as {@code "$19"}.
   */
  public static String recordPinAdded(String pins, String id, String actor) {
    return """
        INSERT INTO board_activity (shard, board_id, id, actor_id, action, object_type, object_id)
        SELECT n.shard, n.board_id, %s, %s, '%s', '%s', n.id FROM %s n"""
        .formatted(
            id, actor, BoardActivity.Action.PIN_ADDED.name(), BoardActivity.Kind.PIN.name(), pins);
  }

  /**
   * A query of the text a search document is made of, of the boards aliased {@code b} that the SQL
   * condition {@code where} picks: {@code shard}, {@code id}, {@code name} and {@code description}.
   */
  public static String searchText(String where) {
    return "SELECT b.shard, b.id, b.name, b.description FROM boards b WHERE " + where;
  }

  /**
   * A query of at most {@code limit} boards after the board {@code shard}, {@code id} in key order
   * (each names a parameter), as {@code b} with {@code shard}, {@code id} and {@code privacy}: the
   * pages of a streaming read of every board, each one range of the primary key.
   */
  public static String boardsAfter(String shard, String id, String limit) {
    return """
        SELECT b.shard, b.id, b.privacy FROM boards b
        WHERE (b.shard, b.id) > (%s, %s)
        ORDER BY b.shard, b.id LIMIT %s"""
        .formatted(shard, id, limit);
  }
}
