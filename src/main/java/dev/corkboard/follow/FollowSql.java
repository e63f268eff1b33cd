package dev.corkboard.follow;

import dev.corkboard.board.BoardSql;
import dev.corkboard.platform.id.Ids;

/**
 * The follow graph as SQL for statements of other features (the home feed): which boards an account
 * follows, and who follows a board, each as one query over the follower's or the board's index
 * ranges. Other features read the follow tables only through these fragments.
 */
public final class FollowSql {

  private FollowSql() {}

  /**
   * A query of the public boards the account {@code $2} on shard {@code $1} follows, as rows of
   * {@code shard} and {@code board_id}: those it follows explicitly, and the public boards of the
   * accounts it follows, less those it unfollowed one by one. Each board once.
   */
  public static final String FOLLOWED_BOARDS =
      """
      SELECT b.shard, b.id AS board_id
      FROM board_follows bf
      %s
      WHERE bf.shard = $1 AND bf.follower_id = $2 AND bf.follows
      UNION
      SELECT b.shard, b.id
      FROM user_follows uf
      %s
      WHERE uf.shard = $1 AND uf.follower_id = $2
        AND NOT EXISTS (
          SELECT 1 FROM board_follows x
          WHERE x.shard = uf.shard AND x.follower_id = uf.follower_id AND x.board_id = b.id
            AND NOT x.follows)"""
          .formatted(
              BoardSql.joinPublicBoard("bf.board_shard", "bf.board_id"),
              BoardSql.joinPublicBoardsOf("uf.followee_shard", "uf.followee_id"));

  /**
   * A query of a batch of the followers of the owner {@code $2} who did not unfollow its board
   * {@code $3} on shard {@code $1} (the owner's shard is its id's, which may not be the board's):
   * the {@code $5} newest follows older than the follow {@code $4}, as rows of {@code shard},
   * {@code follower_id} and the follow's {@code id}, one range of the owner's followers index each
   * batch. With {@link #DIRECT_FOLLOWERS_BEFORE}, the board's followers, each once: the owner's
   * followers who did not unfollow the board, and its explicit followers who do not follow the
   * owner, read in batches that never reread the batches before. The caller checks that the board
   * is public: a board that is not has no followers.
   */
  public static final String OWNER_FOLLOWERS_BEFORE =
      """
      SELECT uf.shard, uf.follower_id, uf.id
      FROM user_follows uf
      WHERE uf.followee_shard = %s AND uf.followee_id = $2 AND uf.id < $4
        AND NOT EXISTS (
          SELECT 1 FROM board_follows x
          WHERE x.shard = uf.shard AND x.follower_id = uf.follower_id
            AND x.board_shard = $1 AND x.board_id = $3 AND NOT x.follows)
      ORDER BY uf.id DESC
      LIMIT $5"""
          .formatted(Ids.shardSql("$2::bigint"));

  /**
   * A query of a batch of the explicit followers of the board {@code $3} on shard {@code $1} who do
   * not follow its owner {@code $2}, newest follow first after the follow {@code $4}, at most
   * {@code $5}, as {@link #OWNER_FOLLOWERS_BEFORE} answers them.
   */
  public static final String DIRECT_FOLLOWERS_BEFORE =
      """
      SELECT bf.shard, bf.follower_id, bf.id
      FROM board_follows bf
      WHERE bf.board_shard = $1 AND bf.board_id = $3 AND bf.follows AND bf.id < $4
        AND NOT EXISTS (
          SELECT 1 FROM user_follows y
          WHERE y.shard = bf.shard AND y.follower_id = bf.follower_id AND y.followee_id = $2)
      ORDER BY bf.id DESC
      LIMIT $5""";

  /**
   * A query of the accounts ({@code follower_id}) that follow the board {@code $2} on shard {@code
   * $1} explicitly, whether or not they follow its owner too.
   */
  public static final String EXPLICIT_FOLLOWERS =
      """
      SELECT bf.follower_id FROM board_follows bf
      WHERE bf.board_shard = $1 AND bf.board_id = $2 AND bf.follows""";

  /**
   * A statement that gives every explicit follower of the board {@code $2} an explicit follow of
   * the board {@code $3} of the same owner {@code $4} (both on shard {@code $1}), as if each
   * followed it: for a board merged into another. A follower that follows {@code $3} explicitly
   * already is left alone; one that unfollowed it (it follows the owner) follows it again. The new
   * choice keeps the id of the follow it comes from, so lists order it by when that follow was
   * made. Answers one row of what {@code $3}'s counters must take: {@code direct}, the new explicit
   * followers who do not follow the owner, and {@code unfollows}, the unfollows undone. The caller
   * holds the followers' account rows (their choices change only under them) and both boards' rows,
   * so the choices come after them in platform.db's lock order.
   */
  public static final String CARRY_BOARD_FOLLOWS =
      """
      WITH explicit AS (
        SELECT a.shard, a.follower_id, a.id FROM board_follows a
        WHERE a.board_shard = $1 AND a.board_id = $2 AND a.follows),
      choice AS (
        SELECT e.shard, e.follower_id, e.id, x.follows AS into_follows,
               EXISTS (SELECT 1 FROM user_follows uf
                       WHERE uf.shard = e.shard AND uf.follower_id = e.follower_id
                         AND uf.followee_id = $4) AS via_owner
        FROM explicit e
        LEFT JOIN board_follows x
          ON x.shard = e.shard AND x.follower_id = e.follower_id AND x.board_id = $3),
      written AS (
        INSERT INTO board_follows (shard, follower_id, board_shard, board_id, owner_id, follows, id)
        SELECT c.shard, c.follower_id, $1, $3, $4, true, c.id FROM choice c
        WHERE c.into_follows IS DISTINCT FROM true
        ON CONFLICT (shard, follower_id, board_id)
        DO UPDATE SET follows = true, id = excluded.id, created_at = now())
      SELECT count(*) FILTER (WHERE c.into_follows IS NULL AND NOT c.via_owner)::int AS direct,
             count(*) FILTER (WHERE NOT c.into_follows)::int AS unfollows
      FROM choice c""";

  /**
   * A statement that makes the choices about the board {@code $2} on shard {@code $1} choices about
   * a board of its new owner {@code $3}, for a board handed over: an unfollow of the board means
   * nothing without a follow of its owner, so one by an account that does not follow the new owner
   * is forgotten; every other choice names the new owner. Answers one row of the board's counters
   * as they now are: {@code direct}, its explicit followers who do not follow the new owner, and
   * {@code unfollows}, the new owner's followers who unfollowed it. The old owner's followers stop
   * following the board unless they follow it explicitly; the new owner's follow it from now on.
   * The hand-over holds both owners' account rows and the board's row, which every change of a
   * choice about the board waits for (a follow of the board locks the board, one of its owner the
   * owner's row), so the choices come after them in platform.db's lock order.
   */
  public static final String HAND_OVER_FOLLOWS =
      """
      WITH forgotten AS (
        DELETE FROM board_follows bf
        WHERE bf.board_shard = $1 AND bf.board_id = $2 AND NOT bf.follows
          AND NOT EXISTS (
            SELECT 1 FROM user_follows uf
            WHERE uf.shard = bf.shard AND uf.follower_id = bf.follower_id AND uf.followee_id = $3)
        RETURNING bf.shard, bf.follower_id),
      kept AS (
        UPDATE board_follows bf SET owner_id = $3
        WHERE bf.board_shard = $1 AND bf.board_id = $2
          AND NOT EXISTS (
            SELECT 1 FROM forgotten f WHERE f.shard = bf.shard AND f.follower_id = bf.follower_id)
        RETURNING bf.follows,
                  EXISTS (SELECT 1 FROM user_follows uf
                          WHERE uf.shard = bf.shard AND uf.follower_id = bf.follower_id
                            AND uf.followee_id = $3) AS via_owner)
      SELECT count(*) FILTER (WHERE follows AND NOT via_owner)::int AS direct,
             count(*) FILTER (WHERE NOT follows)::int AS unfollows
      FROM kept""";
}
