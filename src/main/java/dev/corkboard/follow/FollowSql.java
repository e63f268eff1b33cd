package dev.corkboard.follow;

import dev.corkboard.board.BoardSql;

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
   * A query of the accounts that follow the board {@code $3} on shard {@code $1} of the owner
   * {@code $2}, as rows of {@code shard} and {@code follower_id}: the owner's followers who did not
   * unfollow the board, and its explicit followers who do not follow the owner, so each follower
   * once. The caller checks that the board is public: a board that is not has no followers.
   */
  public static final String BOARD_FOLLOWERS =
      """
      SELECT uf.shard, uf.follower_id
      FROM user_follows uf
      WHERE uf.followee_shard = $1 AND uf.followee_id = $2
        AND NOT EXISTS (
          SELECT 1 FROM board_follows x
          WHERE x.shard = uf.shard AND x.follower_id = uf.follower_id AND x.board_id = $3
            AND NOT x.follows)
      UNION ALL
      SELECT bf.shard, bf.follower_id
      FROM board_follows bf
      WHERE bf.board_shard = $1 AND bf.board_id = $3 AND bf.follows
        AND NOT EXISTS (
          SELECT 1 FROM user_follows y
          WHERE y.shard = bf.shard AND y.follower_id = bf.follower_id AND y.followee_id = $2)""";
}
