package dev.corkboard.media;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A media source as read in the same statement as the pins that show it ({@link #joinSource} and
 * {@link #COLUMNS}), which {@link MediaService#views} turns into a {@link MediaView}: whatever else
 * a ready source's image holds never changes, and is known to every node by the original's hash.
 *
 * @param id the source id
 * @param state where fetching the original stands
 * @param sha256 the original's hash once fetched
 * @param failure why fetching failed
 */
public record SourceRef(
    long id, SourceState state, Optional<String> sha256, Optional<String> failure) {

  /**
   * The columns, over the source {@link #joinSource} joins as {@code s}, that {@link #of} takes in
   * this order: its state, its original's hash and why fetching failed.
   */
  public static final String COLUMNS = "s.state AS source_state, s.sha256, s.failure";

  /** Joins the media source of the rows aliased {@code alias} (rows with a {@code source_id}). */
  public static String joinSource(String alias) {
    return "JOIN media_sources s ON s.id = " + alias + ".source_id";
  }

  /** A source of the values {@link #COLUMNS} reads. */
  public static SourceRef of(
      long id, String state, @Nullable String sha256, @Nullable String failure) {
    return new SourceRef(
        id, SourceState.fromSql(state), Optional.ofNullable(sha256), Optional.ofNullable(failure));
  }
}
