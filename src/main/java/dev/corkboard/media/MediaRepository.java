package dev.corkboard.media;

import dev.corkboard.platform.db.Sql;
import java.util.List;
import java.util.Optional;

/** Stores media (distinct originals by SHA-256) and media sources in PostgreSQL. */
final class MediaRepository {

  private final String unreferencedSources;
  private final String deleteSource;
  private final String shownPublicly;

  /**
   * @param sourceInUse a SQL condition, over the source aliased {@code s}, that holds while a pin
   *     (or anything else above media) still shows the source
   * @param sourceShownPublicly a SQL condition, over the source aliased {@code s}, that holds while
   *     something anyone may see (a pin on a public board) shows it
   */
  MediaRepository(String sourceInUse, String sourceShownPublicly) {
    this.shownPublicly =
        "SELECT EXISTS (SELECT 1 FROM media_sources s WHERE s.sha256 = $1 AND %s)"
            .formatted(sourceShownPublicly);
    this.unreferencedSources =
        """
        SELECT s.id FROM media_sources s
        WHERE s.state <> 'fetching'
          AND s.created_at < now() - make_interval(secs => $1)
          AND NOT %s
        ORDER BY s.id LIMIT $2
        """
            .formatted(sourceInUse);
    this.deleteSource =
        "DELETE FROM media_sources s WHERE s.id = $1 AND NOT %s".formatted(sourceInUse);
  }

  /** The originals of the given hashes; those that are gone are left out. */
  List<OriginalSnapshot> originals(Sql sql, List<String> sha256s) {
    return sql.list(
        """
        SELECT sha256, state, failure, dominant_color, variants::text AS variants
        FROM media WHERE sha256 = ANY($1)
        """,
        OriginalSnapshot::fromRow,
        (Object) sha256s.toArray(String[]::new));
  }

  /** Whether anything anyone may see shows the image of this hash. */
  boolean shownPublicly(Sql sql, String sha256) {
    return sql.one(shownPublicly, row -> row.getBoolean(0), sha256).orElse(false);
  }

  /** Holds a shared lock on a hash until the transaction ends; the sweep needs it exclusively. */
  void lockShared(Sql sql, String sha256) {
    sql.query("SELECT pg_advisory_xact_lock_shared(hashtextextended($1, 0))", sha256);
  }

  /** Tries the exclusive lock on a hash for the transaction; false when a writer holds it. */
  boolean tryLockExclusive(Sql sql, String sha256) {
    return sql.one(
            "SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0))",
            row -> row.getBoolean(0),
            sha256)
        .orElse(false);
  }

  /** Records an original; false when it was already known. */
  boolean insertMedia(Sql sql, String sha256, String format, int width, int height, long size) {
    return sql.one(
            """
            INSERT INTO media (sha256, state, format, width, height, byte_size)
            VALUES ($1, 'processing', $2, $3, $4, $5)
            ON CONFLICT (sha256) DO NOTHING
            RETURNING sha256
            """,
            row -> true,
            sha256,
            format,
            width,
            height,
            size)
        .isPresent();
  }

  /** Records a source whose image is still to be fetched from its URL. */
  void insertUrlSource(Sql sql, long id, String url) {
    sql.update(
        "INSERT INTO media_sources (id, url, state) VALUES ($1, $2, $3)",
        id,
        url,
        SourceState.FETCHING.sql());
  }

  /** Records a source whose original, uploaded in the request, is already stored. */
  void insertUploadSource(Sql sql, long id, String sha256) {
    sql.update(
        "INSERT INTO media_sources (id, state, sha256) VALUES ($1, $2, $3)",
        id,
        SourceState.FETCHED.sql(),
        sha256);
  }

  Optional<Source> findSource(Sql sql, long id) {
    return sql.one(
        "SELECT id, url, state, failure, sha256 FROM media_sources WHERE id = $1",
        row ->
            new Source(
                row.getLong("id"),
                row.getString("url"),
                SourceState.fromSql(row.getString("state")),
                row.getString("failure"),
                row.getString("sha256")),
        id);
  }

  void setSourceFetched(Sql sql, long id, String sha256) {
    sql.update(
        "UPDATE media_sources SET state = 'fetched', sha256 = $2, failure = NULL WHERE id = $1",
        id,
        sha256);
  }

  void setSourceFailed(Sql sql, long id, String reason) {
    sql.update(
        "UPDATE media_sources SET state = 'failed', failure = $2 WHERE id = $1 AND state = 'fetching'",
        id,
        reason);
  }

  Optional<ImageState> mediaState(Sql sql, String sha256) {
    return sql.one(
        "SELECT state FROM media WHERE sha256 = $1",
        row -> ImageState.fromSql(row.getString(0)),
        sha256);
  }

  void setMediaReady(Sql sql, String sha256, String variantsJson, String dominantColor) {
    sql.update(
        """
        UPDATE media SET state = 'ready', failure = NULL, variants = $2::text::jsonb, dominant_color = $3
        WHERE sha256 = $1
        """,
        sha256,
        variantsJson,
        dominantColor);
  }

  void setMediaFailed(Sql sql, String sha256, String reason) {
    sql.update(
        "UPDATE media SET state = 'failed', failure = $2 WHERE sha256 = $1 AND state = 'processing'",
        sha256,
        reason);
  }

  /** Sources no pin uses any more, oldest first. */
  List<Long> unreferencedSources(Sql sql, java.time.Duration minAge, int limit) {
    return sql.list(
        unreferencedSources, row -> row.getLong(0), (double) minAge.toMillis() / 1000.0, limit);
  }

  /** Deletes a source unless a pin took it up meanwhile (the foreign key refuses that). */
  boolean deleteSource(Sql sql, long id) {
    return sql.update(deleteSource, id) > 0;
  }

  /** Originals no source uses any more. */
  List<String> unreferencedMedia(Sql sql, int limit) {
    return sql.list(
        """
        SELECT m.sha256 FROM media m
        WHERE m.state <> 'processing'
          AND NOT EXISTS (SELECT 1 FROM media_sources s WHERE s.sha256 = m.sha256)
        LIMIT $1
        """,
        row -> row.getString(0),
        limit);
  }

  boolean deleteMedia(Sql sql, String sha256) {
    return sql.update(
            """
            DELETE FROM media m
            WHERE m.sha256 = $1 AND NOT EXISTS (SELECT 1 FROM media_sources s WHERE s.sha256 = m.sha256)
            """,
            sha256)
        > 0;
  }

  /** A media source row. */
  record Source(long id, String url, SourceState state, String failure, String sha256) {}
}
