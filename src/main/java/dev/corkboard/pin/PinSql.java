package dev.corkboard.pin;

/**
 * The pin feature's SQL for statements of other features. The media sweep, below pins in the
 * layering, is handed {@link #SHOWS_SOURCE} by the composition root, so it keeps a source while a
 * pin shows it without knowing the pins' tables.
 */
public final class PinSql {

  private PinSql() {}

  /** Whether a pin shows the media source aliased {@code s}. */
  public static final String SHOWS_SOURCE =
      "EXISTS (SELECT 1 FROM pin_media pm WHERE pm.source_id = s.id)";
}
