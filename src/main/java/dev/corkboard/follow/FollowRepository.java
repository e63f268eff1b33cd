package dev.corkboard.follow;

import dev.corkboard.account.AccountSql;
import dev.corkboard.board.Board;
import dev.corkboard.board.BoardSql;
import dev.corkboard.platform.db.Sql;
import dev.corkboard.platform.id.Ids;
import java.util.List;
import java.util.Optional;

/**
 * Stores who follows whom in PostgreSQL: explicit follows of accounts ({@code user_follows}) and
 * explicit choices about boards ({@code board_follows}), both on the follower's shard, with reverse
 * indexes for the followers of an account or a board.
 */
final class FollowRepository {

  /**
   * What {@code follower} follows, from its own rows: one range of each table's primary key.
   * Neither the followed accounts' boards nor their privacy are read.
   */
  Following following(Sql sql, long follower) {
    List<long[]> rows =
        sql.list(
            """
            SELECT 0, followee_id FROM user_follows WHERE shard = $1 AND follower_id = $2
            UNION ALL
            SELECT CASE WHEN follows THEN 1 ELSE 2 END, board_id
            FROM board_follows WHERE shard = $1 AND follower_id = $2
            """,
            row -> new long[] {row.getInteger(0), row.getLong(1)},
            Ids.shardOf(follower),
            follower);
    return new Following(ofKind(rows, 0), ofKind(rows, 1), ofKind(rows, 2));
  }

  private static long[] ofKind(List<long[]> rows, int kind) {
    return rows.stream().filter(r -> r[0] == kind).mapToLong(r -> r[1]).toArray();
  }

  /** Records that {@code follower} follows {@code followee}; false if it already did. */
  boolean insertUserFollow(Sql sql, long id, long follower, long followee) {
    return sql.update(
            """
            INSERT INTO user_follows (shard, follower_id, followee_shard, followee_id, id)
            VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (shard, follower_id, followee_id) DO NOTHING
            """,
            Ids.shardOf(follower),
            follower,
            Ids.shardOf(followee),
            followee,
            id)
        > 0;
  }

  /** Removes the follow of {@code followee} by {@code follower}; false if there was none. */
  boolean deleteUserFollow(Sql sql, long follower, long followee) {
    return sql.update(
            "DELETE FROM user_follows WHERE shard = $1 AND follower_id = $2 AND followee_id = $3",
            Ids.shardOf(follower),
            follower,
            followee)
        > 0;
  }

  boolean followsUser(Sql sql, long follower, long followee) {
    return sql.one(
            """
            SELECT 1 FROM user_follows
            WHERE shard = $1 AND follower_id = $2 AND followee_id = $3
            """,
            row -> true,
            Ids.shardOf(follower),
            follower,
            followee)
        .isPresent();
  }

  /**
   * The follower's explicit choice about a board: true, it follows the board; false, it unfollowed
   * it while following its owner; empty, it made none.
   */
  Optional<Boolean> boardChoice(Sql sql, long follower, long boardId) {
    return sql.one(
        "SELECT follows FROM board_follows WHERE shard = $1 AND follower_id = $2 AND board_id = $3",
        row -> row.getBoolean(0),
        Ids.shardOf(follower),
        follower,
        boardId);
  }

  /** Records the follower's choice about a board, replacing any earlier one. */
  void upsertBoardChoice(
      Sql sql, long id, long follower, long boardId, long ownerId, boolean follows) {
    sql.update(
        """
        INSERT INTO board_follows (shard, follower_id, board_shard, board_id, owner_id, follows, id)
        VALUES ($1, $2, $3, $4, $5, $6, $7)
        ON CONFLICT (shard, follower_id, board_id)
        DO UPDATE SET follows = excluded.follows, id = excluded.id, created_at = now()
        """,
        Ids.shardOf(follower),
        follower,
        Ids.shardOf(boardId),
        boardId,
        ownerId,
        follows,
        id);
  }

  void deleteBoardChoice(Sql sql, long follower, long boardId) {
    sql.update(
        "DELETE FROM board_follows WHERE shard = $1 AND follower_id = $2 AND board_id = $3",
        Ids.shardOf(follower),
        follower,
        boardId);
  }

  /** The boards of {@code owner} about which the follower chose {@code follows}, in id order. */
  List<Long> boardsChosen(Sql sql, long follower, long owner, boolean follows) {
    return sql.list(
        """
        SELECT board_id FROM board_follows
        WHERE shard = $1 AND follower_id = $2 AND owner_id = $3 AND follows = $4
        ORDER BY board_id
        """,
        row -> row.getLong(0),
        Ids.shardOf(follower),
        follower,
        owner,
        follows);
  }

  /**
   * Forgets the follower's unfollows of the owner's boards, which mean nothing without a follow.
   */
  void deleteUnfollows(Sql sql, long follower, long owner) {
    sql.update(
        """
        DELETE FROM board_follows
        WHERE shard = $1 AND follower_id = $2 AND owner_id = $3 AND NOT follows
        """,
        Ids.shardOf(follower),
        follower,
        owner);
  }

  /**
   * A page of the accounts {@code follower} follows, newest follow first, before the key {@code
   * before}: those it follows explicitly (keyed by that follow) and, unless {@code explicitOnly},
   * the owners of public boards it follows without following the owner (keyed by its first follow
   * of one of them, which later follows leave in place). Keys are follow ids, unique across both.
   */
  List<Listed> listFollowing(Sql sql, long follower, boolean explicitOnly, long before, int limit) {
    return sql.list(
        LIST_FOLLOWING,
        row -> new Listed(row.getLong("key"), row.getString("username")),
        Ids.shardOf(follower),
        follower,
        before,
        limit,
        explicitOnly);
  }

  private static final String LIST_FOLLOWING =
      """
      SELECT f.key, a.username
      FROM (
        (SELECT uf.id AS key, uf.followee_shard AS shard, uf.followee_id AS account_id
         FROM user_follows uf
         WHERE uf.shard = $1 AND uf.follower_id = $2 AND uf.id < $3
         ORDER BY uf.id DESC
         LIMIT $4)
        UNION ALL
        (SELECT min(bf.id) AS key, %s, bf.owner_id
         FROM board_follows bf
         %s
         WHERE bf.shard = $1 AND bf.follower_id = $2 AND bf.follows AND NOT $5::boolean
           AND NOT EXISTS (
             SELECT 1 FROM user_follows uf
             WHERE uf.shard = bf.shard AND uf.follower_id = bf.follower_id
               AND uf.followee_id = bf.owner_id)
         GROUP BY bf.owner_id
         HAVING min(bf.id) < $3
         ORDER BY 1 DESC
         LIMIT $4)
      ) f
      %s
      ORDER BY f.key DESC
      LIMIT $4
      """
          .formatted(
              Ids.shardSql("bf.owner_id"),
              BoardSql.joinPublicBoard("bf.board_shard", "bf.board_id"),
              AccountSql.joinAccount("f.shard", "f.account_id", "a"));

  /** A page of the accounts that follow {@code followee}, newest follow first. */
  List<Listed> listFollowers(Sql sql, long followee, long before, int limit) {
    return sql.list(
        """
        SELECT uf.id AS key, a.username
        FROM user_follows uf
        %s
        WHERE uf.followee_shard = $1 AND uf.followee_id = $2 AND uf.id < $3
        ORDER BY uf.id DESC
        LIMIT $4
        """
            .formatted(AccountSql.joinAccount("uf.shard", "uf.follower_id", "a")),
        row -> new Listed(row.getLong("key"), row.getString("username")),
        Ids.shardOf(followee),
        followee,
        before,
        limit);
  }

  /**
   * A page of the public boards {@code follower} follows, newest follow first and then by board id
   * descending, before the pair ({@code beforeKey}, {@code beforeBoard}): those it follows
   * explicitly (keyed by that follow) and, unless {@code explicitOnly}, the public boards of the
   * accounts it follows about which it made no choice (keyed by the follow of their owner).
   */
  List<FollowedBoard> listFollowedBoards(
      Sql sql, long follower, boolean explicitOnly, long beforeKey, long beforeBoard, int limit) {
    return sql.list(
        LIST_FOLLOWED_BOARDS,
        row -> new FollowedBoard(row.getLong("key"), BoardSql.board(row)),
        Ids.shardOf(follower),
        follower,
        beforeKey,
        beforeBoard,
        limit,
        explicitOnly);
  }

  // Each part takes its page of public boards before the union, so that boards which are not
  // public never use up a page: the outer query only orders the two parts into one.
  private static final String LIST_FOLLOWED_BOARDS =
      """
      SELECT f.key, %s
      FROM (
        (SELECT bf.id AS key, b.shard, b.id AS board_id
         FROM board_follows bf
         %s
         WHERE bf.shard = $1 AND bf.follower_id = $2 AND bf.follows
           AND bf.id <= $3 AND (bf.id, b.id) < ($3, $4)
         ORDER BY bf.id DESC, b.id DESC
         LIMIT $5)
        UNION ALL
        (SELECT uf.id AS key, b.shard, b.id AS board_id
         FROM user_follows uf
         %s
         WHERE uf.shard = $1 AND uf.follower_id = $2 AND NOT $6::boolean
           AND uf.id <= $3 AND (uf.id, b.id) < ($3, $4)
           AND NOT EXISTS (
             SELECT 1 FROM board_follows x
             WHERE x.shard = uf.shard AND x.follower_id = uf.follower_id AND x.board_id = b.id)
         ORDER BY uf.id DESC, b.id DESC
         LIMIT $5)
      ) f
      %s
      %s
      ORDER BY f.key DESC, f.board_id DESC
      LIMIT $5
      """
          .formatted(
              BoardSql.COLUMNS,
              BoardSql.joinPublicBoard("bf.board_shard", "bf.board_id"),
              BoardSql.joinPublicBoardsOf("uf.followee_shard", "uf.followee_id"),
              BoardSql.joinPublicBoard("f.shard", "f.board_id"),
              AccountSql.joinOwner("b"));

  /**
   * A page of the accounts that follow the public board {@code boardId} of {@code ownerId}, newest
   * follow first (the follow of the owner, or of the board), each once (see {@link
   * FollowSql#OWNER_FOLLOWERS_BEFORE}).
   */
  List<Listed> listBoardFollowers(Sql sql, long boardId, long ownerId, long before, int limit) {
    return sql.list(
        LIST_BOARD_FOLLOWERS,
        row -> new Listed(row.getLong("id"), row.getString("username")),
        Ids.shardOf(boardId),
        ownerId,
        boardId,
        before,
        limit);
  }

  // The newest page of each kind of follower, merged: each kind's page is one index range.
  private static final String LIST_BOARD_FOLLOWERS =
      """
      SELECT f.id, a.username
      FROM ((%s) UNION ALL (%s)) f
      %s
      ORDER BY f.id DESC
      LIMIT $5
      """
          .formatted(
              FollowSql.OWNER_FOLLOWERS_BEFORE,
              FollowSql.DIRECT_FOLLOWERS_BEFORE,
              AccountSql.joinAccount("f.shard", "f.follower_id", "a"));

  /**
   * An account in a list of follows.
   *
   * @param key the list's sort key: the id of the follow that put it there
   * @param username its username
   */
  record Listed(long key, String username) {}

  /**
   * A board in a list of followed boards.
   *
   * @param key the id of the follow that put it there (of the board, or of its owner)
   * @param board the board
   */
  record FollowedBoard(long key, Board board) {}
}
