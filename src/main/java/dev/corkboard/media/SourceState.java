package dev.corkboard.media;

import java.util.Locale;

/** Where a media source stands: its original still being fetched, fetched, or failed for good. */
enum SourceState {
  FETCHING,
  FETCHED,
  FAILED;

  /** The spelling stored in {@code media_sources.state}. */
  String sql() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The state stored as {@code value}. */
  static SourceState fromSql(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
