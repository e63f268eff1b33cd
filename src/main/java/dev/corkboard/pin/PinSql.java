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
}
