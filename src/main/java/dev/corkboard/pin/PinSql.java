package dev.corkboard.pin;

import dev.corkboard.board.BoardSql;

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
}
