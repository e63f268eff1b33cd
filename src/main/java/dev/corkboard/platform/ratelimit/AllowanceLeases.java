package dev.corkboard.platform.ratelimit;

import dev.corkboard.platform.db.Sql;

/**
 * Leases slices of allowances from PostgreSQL: one statement grants up to an eighth of what is left
 * of a bucket's window (at least one request), so servers that share a bucket share its allowance
 * and none of them writes to the database per request.
 */
final class AllowanceLeases implements Allowances.Leaser {

  /**
   * Inserts the window's row with the first slice, or adds the next slice to it. In {@code DO
   * UPDATE SET} every expression sees the row as it was, so {@code last_grant} is the slice this
   * statement granted; the row lock of the conflict makes concurrent leases of one bucket add up
   * one after the other. A spent window matches no row and returns nothing.
   */
  static final String LEASE =
      """
      INSERT INTO rate_windows AS w (bucket, window_start, granted, last_grant)
      VALUES ($1, $2, LEAST($3, GREATEST(1, $3 / 8)), LEAST($3, GREATEST(1, $3 / 8)))
      ON CONFLICT (bucket, window_start) DO UPDATE
      SET granted = w.granted + LEAST($3 - w.granted, GREATEST(1, ($3 - w.granted) / 8)),
          last_grant = LEAST($3 - w.granted, GREATEST(1, ($3 - w.granted) / 8))
      WHERE w.granted < $3
      RETURNING last_grant, granted
      """;

  /** Windows that ended before {@code $1} are of no use to anybody. */
  static final String SWEEP = "DELETE FROM rate_windows WHERE window_start < $1";

  private final Sql sql;

  AllowanceLeases(Sql sql) {
    this.sql = sql;
  }

  @Override
  public Allowances.Lease lease(String bucket, long windowStart, int limit) {
    return sql.one(
            LEASE,
            row -> new Allowances.Lease(row.getInteger(0), row.getInteger(1)),
            bucket,
            windowStart,
            limit)
        .orElse(new Allowances.Lease(0, limit));
  }

  /** Deletes the rows of windows that started before {@code windowStart}. */
  void sweep(long windowStart) {
    sql.update(SWEEP, windowStart);
  }
}
