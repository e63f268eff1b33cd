package dev.corkboard.media;

import java.util.Locale;

/** Where a stored original stands: its variants being made, made, or failed for good. */
enum ImageState {
  PROCESSING,
  READY,
  FAILED;

  /** The spelling stored in {@code media.state}. */
  String sql() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The state stored as {@code value}. */
  static ImageState fromSql(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
