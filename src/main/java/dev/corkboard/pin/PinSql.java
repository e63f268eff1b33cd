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
}
