package dev.corkboard.pin;

import dev.corkboard.board.BoardSql;
import dev.corkboard.platform.id.Ids;

/**
 * The pin feature's SQL for statements of other features. The media sweep, below pins in the
 * layering, is handed {@link #SHOWS_SOURCE} by the composition root, so it keeps a source while a
 * pin shows it without knowing the pins' tables, and {@link #SHOWS_SOURCE_PUBLICLY}, so it serves
 * the media of secret pins at signed URLs alone.
 */
public final class PinSql {

  private PinSql() {}

  /** Whether a pin shows the media source aliased {@code s}. */
  public static final String SHOWS_SOURCE =
      "EXISTS (SELECT 1 FROM pin_media pm WHERE pm.source_id = s.id)";

  /**
   * Whether a pin anyone may see (one on a public board) shows the media source aliased {@code s}:
   * media no such pin shows are served at signed URLs alone.
   */
  public static final String SHOWS_SOURCE_PUBLICLY =
      """
      EXISTS (SELECT 1 FROM pin_media pm
              JOIN pins p ON p.shard = pm.shard AND p.id = pm.pin_id
              %s
              WHERE pm.source_id = s.id AND b.privacy = 'PUBLIC')"""
          .formatted(BoardSql.joinBoard("p"));

  /**
   * Joins the pin aliased {@code p} of id {@code id} on shard {@code shard} to a statement of
   * another feature (the home feed's entries), which then reads its {@code board_id} and {@code
   * owner_id}; no row when the pin is gone.
   */
  public static String joinPin(String shard, String id) {
    return "JOIN pins p ON p.shard = %s AND p.id = %s".formatted(shard, id);
  }

  /**
   * A query of the ids ({@code id}) of the newest {@code limit} pins on the board {@code board} of
   * shard {@code shard} older than the pin {@code before}, one range of the board's index.
   */
  public static String newestOnBoard(String shard, String board, String before, String limit) {
    return """
        SELECT p.id FROM pins p
        WHERE p.shard = %s AND p.board_id = %s AND p.id < %s
        ORDER BY p.id DESC LIMIT %s"""
        .formatted(shard, board, before, limit);
  }

  /**
   * A query of the text a search document is made of, of the pins aliased {@code p} that the SQL
   * condition {@code where} picks: {@code shard}, {@code id}, {@code title}, {@code description},
   * {@code alt_text} and their board's name as {@code board_name}.
   */
  public static String searchText(String where) {
    return """
        SELECT p.shard, p.id, p.title, p.description, p.alt_text, b.name AS board_name
        FROM pins p
        %s
        WHERE %s"""
        .formatted(BoardSql.joinBoard("p"), where);
  }

  /**
   * Joins the pin of the rows aliased {@code alias} (rows with {@code shard} and {@code pin_id}
   * columns) as {@code p}; the statement then reads {@code p.owner_id} and joins the pin's board
   * with {@code BoardSql.joinBoard("p")}.
   */
  public static String joinPin(String alias) {
    return joinPin(alias + ".shard", alias + ".pin_id");
  }

  /**
   * A query of the pins of the boards that the query {@code boards} answers (rows with {@code
   * shard}, {@code id} and {@code privacy}), board by board: {@code board_id}, {@code privacy}, and
   * of each pin {@code id}, {@code parent_pin_id}, {@code title} and {@code description}; a board
   * without pins answers one row with a NULL {@code id}, so a page of boards always ends at its
   * last board.
   */
  public static String pinsOfBoards(String boards) {
    return """
        SELECT bb.shard, bb.id AS board_id, bb.privacy, p.id, p.parent_pin_id, p.title,
               p.description
        FROM (%s) bb
        LEFT JOIN pins p ON p.shard = bb.shard AND p.board_id = bb.id
        ORDER BY bb.shard, bb.id"""
        .formatted(boards);
  }

  /**
   * A query of the pins, of those the query {@code pins} answers (rows with {@code shard} and
   * {@code id}), and of the root of each one's save chain: {@code id}, {@code root} (the oldest pin
   * of the chain still there, the pin itself when it saved none), {@code board_id} and whether its
   * board is {@code public}. A chain is followed at most 1,000 saves deep.
   */
  public static String withRoots(String pins) {
    return """
        WITH RECURSIVE picked AS (%s),
        chain(id, root, up, depth) AS (
          SELECT p.id, p.id, p.parent_pin_id, 0
          FROM picked k JOIN pins p ON p.shard = k.shard AND p.id = k.id
          UNION ALL
          SELECT c.id, q.id, q.parent_pin_id, c.depth + 1
          FROM chain c JOIN pins q ON q.shard = %s AND q.id = c.up
          WHERE c.depth < 1000
        ),
        roots AS (
          SELECT DISTINCT ON (id) id, root FROM chain ORDER BY id, depth DESC
        )
        SELECT p.id, r.root, p.board_id, b.privacy = 'PUBLIC' AS public
        FROM roots r
        JOIN pins p ON p.shard = %s AND p.id = r.id
        %s"""
        .formatted(pins, Ids.shardSql("c.up"), Ids.shardSql("r.id"), BoardSql.joinBoard("p"));
  }

  /**
   * A query of the pins ({@code shard}, {@code id}) with ids above {@code after} (a parameter):
   * pins are made with ids that grow with time, so these are the pins made since that id's time.
   */
  public static String madeAfter(String after) {
    return "SELECT p.shard, p.id FROM pins p WHERE p.id > %s".formatted(after);
  }

  /**
   * A query of the pins ({@code shard}, {@code id}) on the board {@code board} of shard {@code
   * shard}, newest first, at most {@code limit} (each names a parameter).
   */
  public static String onBoard(String shard, String board, String limit) {
    return """
        SELECT p.shard, p.id FROM pins p
        WHERE p.shard = %s AND p.board_id = %s
        ORDER BY p.id DESC LIMIT %s"""
        .formatted(shard, board, limit);
  }

  /** A query of the pins ({@code shard}, {@code id}) of the bigint array {@code ids}. */
  public static String ofIds(String ids) {
    return "SELECT %s AS shard, v.id FROM unnest(%s::bigint[]) AS v(id)"
        .formatted(Ids.shardSql("v.id"), ids);
  }

  /**
   * A statement that moves every pin of the board {@code $2} on shard {@code $1} onto the board
   * {@code $3} of the same shard, for a board merged into another: a pin in one of the sections of
   * the bigint array {@code $4} goes into the section at the same place in {@code $5}, any other
   * keeps its section (which moves with it). Its row count is the number of pins moved. The merge
   * holds the owner's account row and both boards' rows, so it runs after them in platform.db's
   * lock order.
   */
  public static final String MOVE_BOARD_PINS =
      """
      UPDATE pins p
      SET board_id = $3,
          section_id = coalesce(
            (SELECT m.into_id FROM unnest($4::bigint[], $5::bigint[]) AS m(from_id, into_id)
             WHERE m.from_id = p.section_id),
            p.section_id),
          -- Arriving on the other board, each pin takes its default place in its manual orders.
          board_position = NULL,
          section_position = NULL
      WHERE p.shard = $1 AND p.board_id = $2""";

  /**
   * A statement that gives every pin of the board {@code $2} on shard {@code $1} to the board's new
   * owner {@code $3}, for a board handed over by {@code $4}: each pin keeps its author, so one the
   * old owner put there names the old owner as its pinner, and one the new owner put there becomes
   * the owner's own (no pinner). Its row count is the number of pins. The hand-over holds both
   * owners' account rows and the board's row, so it runs after them in platform.db's lock order.
   */
  public static final String HAND_OVER_PINS =
      """
      UPDATE pins p
      SET owner_id = $3,
          pinner_id = CASE WHEN p.pinner_id IS NULL THEN $4::bigint
                           WHEN p.pinner_id = $3 THEN NULL
                           ELSE p.pinner_id END
      WHERE p.shard = $1 AND p.board_id = $2""";
}
